import { allOperations, type IssuerCapabilities } from '@cardgw/core';
import { withoutOperations } from '@cardgw/core/rest';

/**
 * What CryptoCardy's API page documents: every operation of the port (card creation by `POST /cards` is assumed, its
 * SDK quick-start calls it), the card list's `status`, `bin_id`, `label`, `sort`, `order`, `per_page`, every
 * transaction filter, the deposits history (`status`, and the asset as `currency`) and 3DS by id.
 */
export const cryptocardyCapabilities: IssuerCapabilities = Object.freeze({
  operations: withoutOperations(allOperations, []),
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
