import type { Page, PageResult } from '../domain/page.js';
import { collectItems } from '../pagination/page-result.js';

/**
 * A `PageResult` served by another one, chosen when the first page is asked for: the failover composite picks the
 * provider with the first page, and every later page comes from that same provider (a list never hops providers
 * halfway). Nothing is fetched until the result is awaited or iterated.
 */
export function createDelegatingPageResult<Item>(
  choose: () => Promise<{ readonly result: PageResult<Item> }>,
): PageResult<Item> {
  // Boxed in an object throughout: a PageResult is thenable, so a promise of one would resolve to its first page.
  let chosen: Promise<{ readonly result: PageResult<Item>; readonly first: Page<Item> }> | undefined;
  const load = () => {
    chosen ??= choose().then(async ({ result }) => ({ result, first: await result }));
    return chosen;
  };

  async function* iterate(): AsyncGenerator<Item, void, undefined> {
    // The chosen result has its first page cached: iterating it does not fetch page 1 again.
    const { result } = await load();
    yield* result;
  }

  return {
    // biome-ignore lint/suspicious/noThenProperty: a PageResult is awaitable by design (the first page).
    then(onFulfilled, onRejected) {
      return load()
        .then(({ first }) => first)
        .then(onFulfilled, onRejected);
    },
    [Symbol.asyncIterator]: iterate,
    toArray: (options) => collectItems(iterate(), options),
  };
}
