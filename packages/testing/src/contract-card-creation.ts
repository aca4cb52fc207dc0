import { NotFoundError, usd } from '@cardgw/core';
import { matchesCriteria, qualifyId } from '@cardgw/core/provider-utils';
import { expect } from './contract-expect.js';
import {
  binsOf,
  type ContractHarness,
  createCard,
  expectFailure,
  expectNoStateChange,
  idPattern,
  walletOf,
} from './contract-support.js';

// Creating a card: its fields, its BIN (by id or by criteria), its default spending limit, and the refusals that must
// issue nothing. Part of the `cards` block of the contract (contract-cards.ts).

/** Creating cards: the card returned and read back, BIN choice by id or criteria, and the refusals that issue nothing. */
export function describeCardCreationContract(harness: ContractHarness): void {
  const { it } = harness.runner;
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
}
