import type { Page, PageResult } from '../domain/page.js';
import { collectItems } from './page-result.js';

/** The list a delegating result serves, and the provider serving it. */
export interface ChosenPageResult<Item> {
  readonly result: PageResult<Item>;
  /** Stamped on the page the result is awaited for (`Page.provider`): the caller sees which provider answered. */
  readonly provider?: string | undefined;
}

/**
 * A `PageResult` served by another one, chosen when the first page is asked for: the failover composite picks the
 * provider with the first page, and every later page comes from that same provider (a list never hops providers
 * halfway). The awaited page names the provider chosen (`Page.provider`). Nothing is fetched until the result is
 * awaited or iterated.
 */
export function createDelegatingPageResult<Item>(choose: () => Promise<ChosenPageResult<Item>>): PageResult<Item> {
  // Boxed in an object throughout: a PageResult is thenable, so a promise of one would resolve to its first page.
  let chosen: Promise<{ readonly result: PageResult<Item>; readonly first: Page<Item> }> | undefined;
  const load = () => {
    chosen ??= choose().then(async ({ result, provider }) => {
      const first = await result;
      return { result, first: provider === undefined ? first : { ...first, provider } };
    });
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
