import { InvalidRequestError, usd } from '@cardgw/core';
import { expect } from './contract-expect.js';
import { type ContractHarness, createCard, expectFailure, expectNoStateChange } from './contract-support.js';

// Changing a card in place: updates (label, limit, categories, merged metadata, auto-freeze) and freezing, with the
// changes a card's state forbids. Part of the `cards` block of the contract (contract-cards.ts).

/** Changing a card: updates, auto-freeze, freeze and unfreeze, and the changes its state forbids. */
export function describeCardChangeContract(harness: ContractHarness): void {
  const { it } = harness.runner;
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
    await expectNoStateChange(harness, () => expectFailure(() => issuer.cards.unfreeze(card.id), InvalidRequestError));
    await issuer.cards.freeze(card.id);
    const unfrozen = await issuer.cards.unfreeze(card.id);
    expect(unfrozen.status).toBe('active');
    expect((await issuer.cards.get(card.id)).status).toBe('active');
  });
}
