import type { Page, PageResult } from '../domain/page.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';

/**
 * Builds the `PageResult` every `list()` returns from a function that fetches one page. Nothing is fetched until the
 * result is awaited or iterated; iteration fetches the next page only when the previous one is exhausted, so a
 * 100,000-item walk holds one page at a time.
 */
export function createPageResult<Item>(
  fetchPage: (page: number) => Promise<Page<Item>>,
  firstPage = 1,
): PageResult<Item> {
  let first: Promise<Page<Item>> | undefined;
  const loadFirst = () => {
    first ??= fetchPage(firstPage);
    return first;
  };

  async function* iterate(): AsyncGenerator<Item, void, undefined> {
    // The page asked for is tracked here, not read back from the answer: a provider that ignores `page` and keeps
    // answering page 1 with `hasMore` would otherwise loop forever, spending the quota.
    let requested = firstPage;
    let current = await loadFirst();
    for (;;) {
      if (current.page !== requested) {
        throw new ProviderResponseError(`asked for page ${requested} of a list, got page ${current.page}`);
      }
      yield* current.data;
      if (!current.hasMore || current.data.length === 0) return;
      requested += 1;
      current = await fetchPage(requested);
    }
  }

  return {
    // biome-ignore lint/suspicious/noThenProperty: a PageResult is awaitable by design (the first page).
    then(onFulfilled, onRejected) {
      return loadFirst().then(onFulfilled, onRejected);
    },
    [Symbol.asyncIterator]: iterate,
    toArray: (options) => collectItems(iterate(), options),
  };
}

/** A page computed in memory from a whole list (the in-memory issuer, and endpoints that do not paginate). */
export function slicePage<Item>(items: readonly Item[], page: number, perPage: number): Page<Item> {
  const start = (page - 1) * perPage;
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  return {
    data: items.slice(start, start + perPage),
    page,
    perPage,
    total: items.length,
    totalPages,
    hasMore: page < totalPages,
  };
}

/** `PageResult#toArray`: every item of an iteration, stopping (and so fetching no further page) at `limit`. */
export async function collectItems<Item>(
  items: AsyncIterable<Item>,
  options: { readonly limit?: number | undefined } = {},
): Promise<Item[]> {
  const collected: Item[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (limit <= 0) return collected;
  for await (const item of items) {
    collected.push(item);
    if (collected.length >= limit) break;
  }
  return collected;
}
