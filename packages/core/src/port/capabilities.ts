/** Every operation of the port, by resource. */
export type Operation =
  | 'cards.create'
  | 'cards.list'
  | 'cards.get'
  | 'cards.details'
  | 'cards.update'
  | 'cards.freeze'
  | 'cards.unfreeze'
  | 'cards.terminate'
  | 'cards.fund'
  | 'cards.withdraw'
  | 'transactions.list'
  | 'transactions.get'
  | 'wallet.balance'
  | 'wallet.depositAddresses'
  | 'wallet.deposits'
  | 'bins.list'
  | 'threeDS.list'
  | 'threeDS.get'
  | 'webhooks.create'
  | 'webhooks.list'
  | 'webhooks.delete';

/** A filter of `cards.list` that a provider may or may not document (see `IssuerCapabilities.filters`). */
export type CardListFilter = 'status' | 'binId' | 'label' | 'sort' | 'order' | 'perPage';
/** A filter of `transactions.list` that a provider may or may not document. */
export type TransactionListFilter =
  | 'cardId'
  | 'type'
  | 'from'
  | 'to'
  | 'merchant'
  | 'minAmount'
  | 'maxAmount'
  | 'perPage';
/** A filter of `threeDS.list` that a provider may or may not document. */
export type ThreeDSListFilter = 'cardId' | 'status';
/** A filter of `wallet.deposits` that a provider may or may not document. */
export type DepositListFilter = 'status' | 'asset';

/**
 * What an issuer supports, declared, never faked: asking for an operation or filter that is not listed throws
 * `UnsupportedOperationError` before any request. `page` is always supported by paginated lists.
 */
export interface IssuerCapabilities {
  readonly operations: readonly Operation[];
  readonly cardListFilters: readonly CardListFilter[];
  readonly transactionListFilters: readonly TransactionListFilter[];
  readonly threeDSListFilters: readonly ThreeDSListFilter[];
  readonly depositListFilters: readonly DepositListFilter[];
  /** Whether `webhooks.create` accepts `http://` URLs (simulators and the in-memory issuer); real providers: HTTPS only. */
  readonly allowsInsecureWebhookUrls: boolean;
}
