import { inspect } from 'node:util';
import { isLuhnValid } from '@cardgw/adapter-memory';
import { InsufficientFundsError, InvalidRequestError, NotFoundError, usd } from '@cardgw/core';
import { matchesCriteria, qualifyId } from '@cardgw/core/provider-utils';
import { expect } from './contract-expect.js';
import {
  balanceOf,
  binsOf,
  type ContractHarness,
  createCard,
  drainWallet,
  expectFailure,
  expectNoStateChange,
  idPattern,
  walletOf,
} from './contract-support.js';

export function describeCardContract(harness: ContractHarness): void {
  const { describe, it } = harness.runner;
  describe('cards', () => {
    it('creates an active card funded from the wallet, with a qualified id, its label and metadata', async () => {
      const walletBefore = await walletOf(harness);
      const card = await createCard(harness, {
        amount: usd(250),
        label: 'Contract card',
        metadata: { campaign: 'contract' },
      });
      expect(card.id).toMatch(idPattern(harness));
      expect(card.id).toBe(qualifyId(card.provider, card.providerId));
      expect(card.status).toBe('active');
      expect(card.balance).toEqual(usd(250));
      expect(card.label).toBe('Contract card');
      expect(card.metadata).toEqual({ campaign: 'contract' });
      expect(card.last4).toMatch(/^\d{4}$/);
      expect(Number.isNaN(Date.parse(card.createdAt))).toBe(false);
      expect(await walletOf(harness)).toBe(walletBefore - 25_000);
    });

    it('gets the card it created, with the same fields', async () => {
      const created = await createCard(harness, { amount: usd(42.5), label: 'Read me back' });
      const fetched = await harness.subject().issuer.cards.get(created.id);
      for (const field of ['id', 'providerId', 'status', 'network', 'binId', 'last4', 'label'] as const) {
        expect(fetched[field], field).toEqual(created[field]);
      }
      expect(fetched.balance).toEqual(usd(42.5));
    });

    it('issues from a BIN given by its qualified id', async () => {
      const [bin] = await binsOf(harness);
      const card = await createCard(harness, { binId: bin!.id });
      expect(card.binId).toBe(bin!.providerId);
      expect(card.network).toBe(bin!.network);
    });

    it('issues from a BIN that matches criteria when asked by criteria', async () => {
      const bins = await binsOf(harness);
      const wanted = bins[bins.length - 1]!;
      const criteria = { network: wanted.network, bestFor: wanted.bestFor.slice(0, 1) };
      const card = await harness.subject().issuer.cards.create({ bin: criteria, amount: usd(20) });
      const chosen = bins.find((bin) => bin.providerId === card.binId);
      expect(chosen, `card BIN ${card.binId} should be a listed BIN`).toBeDefined();
      expect(matchesCriteria(chosen!, criteria)).toBe(true);
      expect(card.network).toBe(wanted.network);
    });

    it('refuses criteria no BIN matches with NotFoundError, issuing nothing', async () => {
      await expectNoStateChange(harness, () =>
        expectFailure(
          () =>
            harness.subject().issuer.cards.create({ bin: { bestFor: ['contract_matches_nothing'] }, amount: usd(10) }),
          NotFoundError,
        ),
      );
    });

    it('refuses an unknown BIN id with NotFoundError, issuing nothing', async () => {
      await expectNoStateChange(harness, () =>
        expectFailure(() => createCard(harness, { binId: '000000' }), NotFoundError),
      );
    });

    it("keeps a given spending limit and defaults it to the BIN's monthly maximum", async () => {
      const [bin] = await binsOf(harness);
      const limited = await createCard(harness, { spendingLimit: usd(2_000) });
      const unlimited = await createCard(harness);
      const { issuer } = harness.subject();
      expect((await issuer.cards.get(limited.id)).spendingLimit).toEqual(usd(2_000));
      expect((await issuer.cards.get(unlimited.id)).spendingLimit).toEqual(bin!.maxMonthly);
    });

    it('updates label, spending limit and categories, and merges metadata', async () => {
      const card = await createCard(harness, { label: 'before', metadata: { campaign: 'spring', owner: 'ads' } });
      const { issuer } = harness.subject();
      const updated = await issuer.cards.update(card.id, {
        label: 'after',
        spendingLimit: usd(1_500),
        allowedCategories: ['advertising'],
        metadata: { campaign: 'summer', region: 'eu' },
      });
      expect(updated.label).toBe('after');
      const fetched = await issuer.cards.get(card.id);
      expect(fetched.label).toBe('after');
      expect(fetched.spendingLimit).toEqual(usd(1_500));
      expect(fetched.metadata).toEqual({ campaign: 'summer', owner: 'ads', region: 'eu' });
      expect(fetched.balance).toEqual(card.balance);
    });

    it('sets and disables auto-freeze', async () => {
      const card = await createCard(harness);
      const { issuer } = harness.subject();
      await issuer.cards.update(card.id, { autoFreezeAt: usd(5) });
      expect((await issuer.cards.get(card.id)).autoFreezeAt).toEqual(usd(5));
      await issuer.cards.update(card.id, { autoFreezeAt: null });
      expect((await issuer.cards.get(card.id)).autoFreezeAt ?? null).toBeNull();
    });

    it('refuses an update that would leave more than 20 metadata keys once merged', async () => {
      const existing = Object.fromEntries(Array.from({ length: 15 }, (_, index) => [`key${index}`, index]));
      const card = await createCard(harness, { metadata: existing });
      const extra = Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`extra${index}`, 'x']));
      await expectNoStateChange(harness, () =>
        expectFailure(() => harness.subject().issuer.cards.update(card.id, { metadata: extra }), InvalidRequestError),
      );
      expect((await harness.subject().issuer.cards.get(card.id)).metadata).toEqual(existing);
    });

    it('freezes an active card, keeping its balance', async () => {
      const card = await createCard(harness, { amount: usd(75) });
      const { issuer } = harness.subject();
      const frozen = await issuer.cards.freeze(card.id);
      expect(frozen).toMatchObject({ cardId: card.id, status: 'frozen' });
      expect(Number.isNaN(Date.parse(frozen.frozenAt))).toBe(false);
      const fetched = await issuer.cards.get(card.id);
      expect(fetched.status).toBe('frozen');
      expect(fetched.balance).toEqual(usd(75));
    });

    it('refuses to freeze a card that is already frozen', async () => {
      const card = await createCard(harness);
      await harness.subject().issuer.cards.freeze(card.id);
      await expectNoStateChange(harness, () =>
        expectFailure(() => harness.subject().issuer.cards.freeze(card.id), InvalidRequestError),
      );
    });

    it('unfreezes a frozen card, and refuses to unfreeze an active one', async () => {
      const card = await createCard(harness);
      const { issuer } = harness.subject();
      await expectNoStateChange(harness, () =>
        expectFailure(() => issuer.cards.unfreeze(card.id), InvalidRequestError),
      );
      await issuer.cards.freeze(card.id);
      const unfrozen = await issuer.cards.unfreeze(card.id);
      expect(unfrozen.status).toBe('active');
      expect((await issuer.cards.get(card.id)).status).toBe('active');
    });

    it('funds a card from the wallet and reports both balances', async () => {
      const card = await createCard(harness, { amount: usd(100) });
      const walletBefore = await walletOf(harness);
      const funding = await harness.subject().issuer.cards.fund(card.id, { amount: usd(200) });
      expect(funding).toMatchObject({
        cardId: card.id,
        previousBalance: usd(100),
        amount: usd(200),
        newBalance: usd(300),
        walletBalance: { amount: walletBefore - 20_000, currency: 'USD' },
      });
      expect(await balanceOf(harness, card.id)).toBe(30_000);
      expect(await walletOf(harness)).toBe(walletBefore - 20_000);
    });

    it('refuses to fund beyond the wallet with InsufficientFundsError, changing nothing', async () => {
      const [card] = await drainWallet(harness);
      await expectNoStateChange(harness, () =>
        expectFailure(() => harness.subject().issuer.cards.fund(card!.id, { amount: usd(1) }), InsufficientFundsError),
      );
    });

    it('withdraws from a card back to the wallet', async () => {
      const card = await createCard(harness, { amount: usd(100) });
      const walletBefore = await walletOf(harness);
      const withdrawal = await harness.subject().issuer.cards.withdraw(card.id, { amount: usd(30.25) });
      expect(withdrawal).toMatchObject({ cardId: card.id, amount: usd(30.25), newBalance: usd(69.75) });
      expect(await balanceOf(harness, card.id)).toBe(6_975);
      expect(await walletOf(harness)).toBe(walletBefore + 3_025);
    });

    it('refuses to withdraw more than the card holds, changing nothing', async () => {
      const card = await createCard(harness, { amount: usd(10) });
      await expectNoStateChange(harness, () =>
        expectFailure(
          () => harness.subject().issuer.cards.withdraw(card.id, { amount: usd(10.01) }),
          InsufficientFundsError,
        ),
      );
    });

    it('terminates a card, returning its whole balance to the wallet; the card stays readable', async () => {
      const card = await createCard(harness, { amount: usd(487.5) });
      const walletBefore = await walletOf(harness);
      const termination = await harness.subject().issuer.cards.terminate(card.id);
      expect(termination).toMatchObject({ cardId: card.id, status: 'terminated', refundedAmount: usd(487.5) });
      expect(await walletOf(harness)).toBe(walletBefore + 48_750);
      const fetched = await harness.subject().issuer.cards.get(card.id);
      expect(fetched.status).toBe('terminated');
      expect(fetched.balance).toEqual(usd(0));
    });

    it('refuses every later change to a terminated card with InvalidRequestError', async () => {
      const card = await createCard(harness);
      const { issuer } = harness.subject();
      await issuer.cards.terminate(card.id);
      await expectNoStateChange(harness, async () => {
        await expectFailure(() => issuer.cards.fund(card.id, { amount: usd(5) }), InvalidRequestError, 'fund');
        await expectFailure(() => issuer.cards.withdraw(card.id, { amount: usd(1) }), InvalidRequestError, 'withdraw');
        await expectFailure(() => issuer.cards.freeze(card.id), InvalidRequestError, 'freeze');
        await expectFailure(() => issuer.cards.unfreeze(card.id), InvalidRequestError, 'unfreeze');
        await expectFailure(() => issuer.cards.update(card.id, { label: 'x' }), InvalidRequestError, 'update');
        await expectFailure(() => issuer.cards.terminate(card.id), InvalidRequestError, 'terminate');
      });
    });

    it('walks a whole lifecycle: create, get, update, freeze, unfreeze, fund, withdraw, terminate', async () => {
      const { issuer } = harness.subject();
      const walletStart = await walletOf(harness);
      const card = await createCard(harness, { amount: usd(100), label: 'lifecycle' });
      expect((await issuer.cards.get(card.id)).status).toBe('active');
      expect((await issuer.cards.update(card.id, { label: 'renamed' })).label).toBe('renamed');
      expect((await issuer.cards.freeze(card.id)).status).toBe('frozen');
      expect((await issuer.cards.unfreeze(card.id)).status).toBe('active');
      expect((await issuer.cards.fund(card.id, { amount: usd(50) })).newBalance).toEqual(usd(150));
      expect((await issuer.cards.withdraw(card.id, { amount: usd(20) })).newBalance).toEqual(usd(130));
      expect((await issuer.cards.terminate(card.id)).refundedAmount).toEqual(usd(130));
      expect(await walletOf(harness)).toBe(walletStart);
      await expectFailure(() => issuer.cards.fund(card.id, { amount: usd(5) }), InvalidRequestError);
    });

    it('reveals PAN, CVV and expiry by name but prints them redacted', async () => {
      const [bin] = await binsOf(harness);
      const card = await createCard(harness);
      const details = await harness.subject().issuer.cards.details(card.id);
      expect(details.cardId).toBe(card.id);
      expect(isLuhnValid(details.pan), 'the PAN should pass the Luhn check').toBe(true);
      expect(details.pan.startsWith(bin!.providerId.replace(/\D/g, '').slice(0, 6))).toBe(true);
      expect(details.pan.endsWith(card.last4)).toBe(true);
      expect(details.cvv).toMatch(/^\d{3,4}$/);
      expect(details.expiryMonth).toBeGreaterThanOrEqual(1);
      expect(details.expiryMonth).toBeLessThanOrEqual(12);
      expect(details.expiryYear).toBeGreaterThanOrEqual(new Date(card.createdAt).getUTCFullYear());
      for (const printed of [JSON.stringify(details), inspect(details, { depth: 10 }), String(details)]) {
        expect(printed).not.toContain(details.pan);
        expect(printed).not.toContain(`"${details.cvv}"`);
      }
      expect(JSON.stringify(details)).toContain(card.last4);
    });

    it('replays cards.create for a repeated idempotency key: one card, one debit', async () => {
      const { issuer, backend } = harness.subject();
      const [bin] = await binsOf(harness);
      const cardsBefore = backend.snapshot().cards.length;
      const walletBefore = await walletOf(harness);
      const input = { binId: bin!.providerId, amount: usd(60), label: 'once' };
      const first = await issuer.cards.create(input, { idempotencyKey: 'contract-create-1' });
      const second = await issuer.cards.create(input, { idempotencyKey: 'contract-create-1' });
      expect(second.id).toBe(first.id);
      expect(backend.snapshot().cards.length).toBe(cardsBefore + 1);
      expect(await walletOf(harness)).toBe(walletBefore - 6_000);
    });

    it('replays cards.fund for a repeated idempotency key: funded once', async () => {
      const card = await createCard(harness, { amount: usd(10) });
      const { issuer } = harness.subject();
      const first = await issuer.cards.fund(card.id, { amount: usd(15) }, { idempotencyKey: 'contract-fund-1' });
      const second = await issuer.cards.fund(card.id, { amount: usd(15) }, { idempotencyKey: 'contract-fund-1' });
      expect(second.newBalance).toEqual(first.newBalance);
      expect(await balanceOf(harness, card.id)).toBe(2_500);
      const third = await issuer.cards.fund(card.id, { amount: usd(15) }, { idempotencyKey: 'contract-fund-2' });
      expect(third.newBalance).toEqual(usd(40));
    });
  });
}
