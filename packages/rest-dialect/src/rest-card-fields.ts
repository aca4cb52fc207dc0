import type { CardFieldSets } from '@cardgw/adapter-memory';

/**
 * The card fields each answer of the REST dialect carries, for an in-memory profile of a provider that speaks it.
 * `listed`: the dialect's `GET /cards` item ("id", "bin_id", "network", "last4", "status", "balance", "label",
 * "created_at"). `created`: the dialect's `POST /cards` answer (no `total_spent`, `transaction_count`, `last_used_at`).
 */
export const restCardFields: CardFieldSets = Object.freeze({
  listed: Object.freeze(['binId', 'network', 'last4', 'status', 'balance', 'label', 'createdAt'] as const),
  created: Object.freeze([
    'binId',
    'network',
    'last4',
    'status',
    'balance',
    'spendingLimit',
    'label',
    'allowedCategories',
    'autoFreezeAt',
    'metadata',
    'createdAt',
    'expiresAt',
  ] as const),
});
