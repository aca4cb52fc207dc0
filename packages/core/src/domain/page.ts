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
}

/**
 * What every `list()` returns: await it for the first page, or `for await` over it to walk every item of every page,
 * fetched lazily one page at a time.
 */
export interface PageResult<Item> extends PromiseLike<Page<Item>>, AsyncIterable<Item> {
  /** Every item of every page, in an array. Meant for small lists and tests: it holds everything in memory. */
  toArray(options?: { readonly limit?: number }): Promise<Item[]>;
}
