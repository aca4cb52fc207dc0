/** One page of a list, as the provider returned it. */
export interface Page<Item> {
  readonly data: readonly Item[];
  /** 1-based. */
  readonly page: number;
  readonly perPage: number;
  /** Total items, when the provider says. */
  readonly total?: number | undefined;
  readonly totalPages?: number | undefined;
  /** Whether another page follows. */
  readonly hasMore: boolean;
  /**
   * The provider that served the list (`acme`). Always set on a list a gateway serves (`createGateway`,
   * `createFailoverIssuer`): an account-level list is served whole by ONE provider, the first healthy one in policy
   * order that supports the call and its filters, which need not be the one the caller expected. A filter only some
   * providers declare moves the list: `transactions.list({ merchant })` is answered from the account of a provider
   * that takes `merchant` when the first does not; so is every list while the first provider is down. Compare it
   * with the provider you meant, or list at `gateway.issuers.get(name)` to ask one provider only. Every later page of
   * the same list comes from the same provider. An issuer of a single provider may leave it unset.
   */
  readonly provider?: string | undefined;
}

/**
 * What every `list()` returns: await it for the first page, or `for await` over it to walk every item of every page,
 * fetched lazily one page at a time.
 */
export interface PageResult<Item> extends PromiseLike<Page<Item>>, AsyncIterable<Item> {
  /** Every item of every page, in an array. Meant for small lists and tests: it holds everything in memory. */
  toArray(options?: { readonly limit?: number }): Promise<Item[]>;
}
