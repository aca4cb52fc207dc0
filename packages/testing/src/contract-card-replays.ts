import { usd } from '@cardgw/core';
import { expect } from './contract-expect.js';
import { balanceOf, binsOf, type ContractHarness, createCard, walletOf } from './contract-support.js';

// A repeated idempotency key replays the first answer instead of acting again (one card, one debit). Part of the
// `cards` block of the contract (contract-cards.ts).

/** Replaying `cards.create` and `cards.fund` for a repeated idempotency key: acted on once. */
export function describeCardReplayContract(harness: ContractHarness): void {
  const { it } = harness.runner;
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
}
