import type { IssuerCapabilities } from '@cardgw/core';

/**
 * What CryptoCardy's API page documents: every operation of the port (card creation by `POST /cards` is assumed, its
 * SDK quick-start calls it), the card list's `status`, `bin_id`, `label`, `sort`, `order`, `per_page`, every
 * transaction filter, the deposits history (`status`, and the asset as `currency`) and 3DS by id.
 */
export const cryptocardyCapabilities: IssuerCapabilities = Object.freeze({
  operations: Object.freeze([
    'cards.create',
    'cards.list',
    'cards.get',
    'cards.details',
    'cards.update',
    'cards.freeze',
    'cards.unfreeze',
    'cards.terminate',
    'cards.fund',
    'cards.withdraw',
    'transactions.list',
    'transactions.get',
    'wallet.balance',
    'wallet.depositAddresses',
    'wallet.deposits',
    'bins.list',
    'threeDS.list',
    'threeDS.get',
    'webhooks.create',
    'webhooks.list',
    'webhooks.delete',
  ] as const),
  cardListFilters: Object.freeze(['status', 'binId', 'label', 'sort', 'order', 'perPage'] as const),
  transactionListFilters: Object.freeze([
    'cardId',
    'type',
    'from',
    'to',
    'merchant',
    'minAmount',
    'maxAmount',
    'perPage',
  ] as const),
  threeDSListFilters: Object.freeze(['cardId', 'status'] as const),
  depositListFilters: Object.freeze(['status', 'asset'] as const),
  allowsInsecureWebhookUrls: false,
});
