import type { Page, PageResult } from '../domain/page.js';
import { IncompleteListError } from '../errors/incomplete-list-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { RecentIds } from './recent-ids.js';

/**
 * How many recent item ids a walk remembers to skip repeats: 10,000 ids (well under 1 MB), far more than the items a
 * list can shift by between two page requests (100 per page at most), and bounded however long the list.
 */
export const rememberedItemIds = 10_000;

/** How `createPageResult` walks a page-numbered list: who serves it and how an item's id is read for de-duplication. */
export interface PageResultOptions<Item> {
  /** The provider serving the list, named by the errors a walk throws. @default none */
  readonly provider?: string | undefined;
  /**
   * The id that tells an item from the others, for skipping repeats. Items without one are never skipped.
   * @default the item's `id` property, when it is a string or a number
   */
  readonly idOf?: ((item: Item) => string | number | undefined) | undefined;
}

/**
 * Builds the `PageResult` every `list()` returns from a function that fetches one page. Nothing is fetched until the
 * result is awaited or iterated; iteration fetches the next page only when the previous one is exhausted, so a
 * 100,000-item walk holds one page at a time.
 *
 * Page-number paging over a list that changes while it is walked: an item seen among the last 10,000
 * (`rememberedItemIds`) is not yielded again (items inserted at the head push the end of a page onto the next one; a
 * page answered twice). A walk that ends before the end the provider reported — a page empty or short while more are
 * announced, the last page below a total reported earlier, fewer distinct items than the list holds — throws
 * `IncompleteListError` after the items it got, never ending silently with part of the list.
 */
export function createPageResult<Item>(
  fetchPage: (page: number) => Promise<Page<Item>>,
  firstPage = 1,
  options: PageResultOptions<Item> = {},
): PageResult<Item> {
  const idOf = options.idOf ?? defaultIdOf;
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
    const seen = new RecentIds(rememberedItemIds);
    const walk = { yielded: 0, firstTotal: current.total, largestTotal: current.total, largestPages: 0 };
    for (;;) {
      if (current.page !== requested) {
        throw new ProviderResponseError(`asked for page ${requested} of a list, got page ${current.page}`, {
          provider: options.provider,
        });
      }
      if (current.total !== undefined) walk.largestTotal = Math.max(walk.largestTotal ?? 0, current.total);
      walk.largestPages = Math.max(walk.largestPages, current.totalPages ?? 0);
      for (const item of current.data) {
        const id = idOf(item);
        if (id !== undefined && !seen.add(id)) continue;
        walk.yielded += 1;
        yield item;
      }
      const incomplete = incompleteWalk(current, firstPage, walk);
      if (incomplete !== undefined) {
        throw new IncompleteListError(
          `the list ended before its reported end: ${incomplete}; ${walk.yielded} item(s) were yielded. ` +
            'It changed while it was walked (or the provider lost pages): walk it again',
          {
            provider: options.provider,
            itemsYielded: walk.yielded,
            expectedTotal: walk.largestTotal,
            page: current.page,
          },
        );
      }
      if (!current.hasMore) return;
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

interface WalkSoFar {
  readonly yielded: number;
  readonly firstTotal: number | undefined;
  readonly largestTotal: number | undefined;
  readonly largestPages: number;
}

/** Why the walk cannot trust `page` as its next step or its end, or `undefined` when it can. */
function incompleteWalk<Item>(page: Page<Item>, firstPage: number, walk: WalkSoFar): string | undefined {
  const count = page.data.length;
  if (page.hasMore) {
    if (count === 0) return `page ${page.page} is empty while more pages are announced`;
    if (count < page.perPage)
      return `page ${page.page} holds ${count} of ${page.perPage} items while more are announced`;
    return undefined;
  }
  // The last page: everything up to it covers this many positions of the list.
  const covered = (page.page - 1) * page.perPage + count;
  if (walk.largestTotal !== undefined && covered < walk.largestTotal) {
    return `page ${page.page} ends the list at ${covered} of ${walk.largestTotal} reported items`;
  }
  if (walk.largestTotal === undefined && page.page < walk.largestPages) {
    return `page ${page.page} ends the list while ${walk.largestPages} pages were reported`;
  }
  // Items inserted at the head during the walk are not expected (they came after it started); the rest are.
  const total = page.total ?? walk.largestTotal;
  if (total !== undefined && walk.firstTotal !== undefined) {
    const expected = Math.min(total, walk.firstTotal) - (firstPage - 1) * page.perPage;
    if (walk.yielded < expected) {
      return `${walk.yielded} distinct item(s) came where ${expected} were expected (pages repeated others)`;
    }
  }
  return undefined;
}

function defaultIdOf(item: unknown): string | number | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
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
