import type { Merchant } from '@cardgw/core/provider-utils';
import { monthlySpendOf } from './card-record.js';
import type { CardRecord } from './memory-state.js';

/** Why the in-memory issuer declined a purchase (recorded on the `decline` transaction). */
export type DeclineReason =
  | 'card_frozen'
  | 'card_terminated'
  /** A `pending` card (the dialect's `pending_top_up`) is not usable before it is funded. */
  | 'card_not_active'
  | 'insufficient_card_balance'
  | 'spending_limit_exceeded'
  | 'category_not_allowed'
  | 'over_bin_max_transaction';

/** The first rule a purchase breaks, in the order a card network checks them; `undefined` when it may go through. */
export function declineReasonFor(
  card: CardRecord,
  amount: number,
  merchant: Merchant,
  now: number,
): DeclineReason | undefined {
  if (card.status === 'frozen') return 'card_frozen';
  if (card.status === 'terminated') return 'card_terminated';
  if (card.status !== 'active') return 'card_not_active';
  if (amount > card.balance - card.holds) return 'insufficient_card_balance';
  if (monthlySpendOf(card, now) + amount > card.spendingLimit) return 'spending_limit_exceeded';
  if (card.allowedCategories !== undefined && card.allowedCategories.length > 0) {
    const category = merchant.category?.toLowerCase();
    if (!card.allowedCategories.some((allowed) => allowed.toLowerCase() === category)) return 'category_not_allowed';
  }
  if (amount > card.bin.maxTransaction.amount) return 'over_bin_max_transaction';
  return undefined;
}
