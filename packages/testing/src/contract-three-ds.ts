import { inspect } from 'node:util';
import { NotFoundError, UnsupportedOperationError, usd } from '@cardgw/core';
import { expect } from './contract-expect.js';
import {
  advanceClock,
  type ContractHarness,
  createCard,
  expectFailure,
  idPattern,
  supports,
  unknownId,
} from './contract-support.js';

const fiveMinutes = 5 * 60 * 1000;

export function describeThreeDSContract(harness: ContractHarness): void {
  const { describe, it } = harness.runner;
  describe('3-D Secure', () => {
    it("lists a card's pending challenge with its 6-digit OTP", async () => {
      const card = await createCard(harness);
      const other = await createCard(harness);
      const { issuer, backend } = harness.subject();
      const challenge = await backend.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
      await backend.simulate.threeDSChallenge(other.id, { merchant: 'NETFLIX', amount: usd(15.49) });
      const filters = issuer.capabilities.threeDSListFilters.includes('cardId') ? { cardId: card.id } : {};
      const listed = (await issuer.threeDS.list(filters).toArray()).filter((item) => item.cardId === card.id);
      expect(listed).toHaveLength(1);
      const [found] = listed;
      expect(found!.id).toBe(challenge.id);
      expect(found!.id).toMatch(idPattern(harness));
      expect(found!.otp).toMatch(/^\d{6}$/);
      expect(found!.otp).toBe(challenge.otp);
      expect(found).toMatchObject({ merchant: 'SPOTIFY', amount: usd(9.99), status: 'pending' });
      expect(Number.isNaN(Date.parse(found!.expiresAt))).toBe(false);
      if (found!.createdAt !== undefined) {
        expect(Date.parse(found!.expiresAt) - Date.parse(found!.createdAt)).toBe(fiveMinutes);
      }
      if (issuer.capabilities.threeDSListFilters.includes('cardId')) {
        expect((await issuer.threeDS.list({ cardId: other.id }).toArray()).map((item) => item.merchant)).toEqual([
          'NETFLIX',
        ]);
      } else {
        await expectFailure(() => issuer.threeDS.list({ cardId: card.id }), UnsupportedOperationError);
      }
    });

    it('filters challenges by status: pending, completed, expired', async () => {
      const card = await createCard(harness);
      const { issuer, backend } = harness.subject();
      if (!issuer.capabilities.threeDSListFilters.includes('status')) {
        await expectFailure(() => issuer.threeDS.list({ status: 'pending' }), UnsupportedOperationError);
        return;
      }
      const completed = await backend.simulate.threeDSChallenge(card.id, { merchant: 'A', amount: usd(1) });
      await backend.simulate.completeThreeDS(completed.id, completed.otp);
      const stale = await backend.simulate.threeDSChallenge(card.id, { merchant: 'B', amount: usd(2) });
      const canExpire = advanceClock(harness, fiveMinutes + 1);
      const fresh = await backend.simulate.threeDSChallenge(card.id, { merchant: 'C', amount: usd(3) });
      const idsWith = async (status: 'pending' | 'completed' | 'expired') =>
        (await issuer.threeDS.list({ status }).toArray()).map((challenge) => challenge.id).sort();
      expect(await idsWith('completed')).toEqual([completed.id]);
      if (canExpire) {
        expect(await idsWith('expired')).toEqual([stale.id]);
        expect(await idsWith('pending')).toEqual([fresh.id]);
      } else {
        expect(await idsWith('pending')).toEqual([stale.id, fresh.id].sort());
      }
    });

    it('fetches one challenge with its OTP by id', async () => {
      const card = await createCard(harness);
      const { issuer, backend } = harness.subject();
      const challenge = await backend.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
      if (!supports(issuer, 'threeDS.get')) {
        await expectFailure(() => issuer.threeDS.get(challenge.id), UnsupportedOperationError);
        return;
      }
      const fetched = await issuer.threeDS.get(challenge.id);
      expect(fetched).toMatchObject({ id: challenge.id, cardId: card.id, status: 'pending' });
      expect(fetched.otp).toBe(challenge.otp);
      await expectFailure(() => issuer.threeDS.get(unknownId(harness, 'threeDS')), NotFoundError);
    });

    it('prints a challenge without its OTP', async () => {
      const card = await createCard(harness);
      const { issuer, backend } = harness.subject();
      await backend.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
      const [challenge] = await issuer.threeDS.list().toArray();
      expect(challenge!.otp).toMatch(/^\d{6}$/);
      for (const printed of [JSON.stringify(challenge), inspect(challenge, { depth: 10 }), String(challenge)]) {
        expect(printed).not.toContain(challenge!.otp);
      }
    });
  });
}
