import { allOperations, type IssuerCapabilities, withoutOperations } from '@cardgw/core';

/**
 * What LedgerLane's page documents (ledgerlane-api.md): cards, movements (transactions), 3-D Secure verifications (a
 * list, no lookup by id), the balance and BINs. No crypto wallet, no webhook registration (set up in its dashboard).
 * Lists take `limit` (our `perPage`); cards filter by `state`, movements by `card_ref` and `kind`. Anything else is refused with `UnsupportedOperationError`.
 */
export const ledgerlaneCapabilities: IssuerCapabilities = Object.freeze<IssuerCapabilities>({
  operations: withoutOperations(allOperations, [
    'wallet.depositAddresses',
    'wallet.deposits',
    'threeDS.get',
    'webhooks.create',
    'webhooks.list',
    'webhooks.delete',
  ]),
  cardListFilters: ['status', 'perPage'],
  transactionListFilters: ['cardId', 'type', 'perPage'],
  threeDSListFilters: [],
  depositListFilters: [],
  allowsInsecureWebhookUrls: false,
});
