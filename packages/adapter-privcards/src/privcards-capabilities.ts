import type { IssuerCapabilities } from '@cardgw/core';
import { allOperations, everyCapability } from '@cardgw/core/provider-utils';
import { withoutOperations } from '@cardgw/rest-dialect';

/**
 * What PrivCards' API page documents, nothing more. Its page has no deposits history and no 3DS challenge by id, so
 * `wallet.deposits` and `threeDS.get` are not declared (they throw `UnsupportedOperationError`); its card list takes
 * `status`, `bin_id`, `per_page` only, its transaction list `card_id`, `type`, `from`, `to` (no `per_page`, merchant or
 * amount filters). Endpoints whose path its page strips but whose section it shows (card update, transaction by id,
 * webhook list and delete) are assumed to be the family's (see the README's Assumptions).
 */
export const privcardsCapabilities: IssuerCapabilities = Object.freeze({
  ...everyCapability,
  operations: withoutOperations(allOperations, ['wallet.deposits', 'threeDS.get']),
  cardListFilters: Object.freeze(['status', 'binId', 'perPage'] as const),
  transactionListFilters: Object.freeze(['cardId', 'type', 'from', 'to'] as const),
  depositListFilters: Object.freeze([] as const),
});
