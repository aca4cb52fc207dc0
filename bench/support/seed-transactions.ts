import type { MemoryIssuer } from '@cardgw/adapter-memory';
import { cents, usd } from '@cardgw/core';

/** What the seeded card is charged per purchase: one cent, so a $5,000 card takes 500,000 of them. */
const purchaseAmount = cents(1);
/** The most a card may be created with (the documented funding bound). */
const maximumCardCents = 500_000;

/**
 * Opens one card on `backend` and records `count` transactions on it, one pending authorization per purchase
 * (`settle: false` records one transaction instead of two). Resolves to the card's id.
 */
export async function seedTransactions(backend: MemoryIssuer, count: number): Promise<string> {
  if (!Number.isInteger(count) || count < 0 || count > maximumCardCents) {
    throw new RangeError(`seedTransactions: count must be an integer from 0 to ${maximumCardCents}`);
  }
  const card = await backend.cards.create({
    bin: { network: 'visa' },
    // At least the documented $1.00 minimum; one cent per purchase after that.
    amount: cents(Math.max(100, count * purchaseAmount.amount)),
    // Far above the BIN's monthly maximum (the default limit), so no purchase is declined for it.
    spendingLimit: usd(10_000_000),
    label: 'bench: paginated transactions',
  });
  const merchant = { name: 'Bench Coffee', category: 'food' };
  for (let index = 0; index < count; index++) {
    const purchase = await backend.simulate.purchase(card.id, { amount: purchaseAmount, merchant, settle: false });
    if (!purchase.approved) {
      throw new Error(`seedTransactions: purchase ${index + 1} was declined (${purchase.declineReason})`);
    }
  }
  return card.id;
}
