import { createPageResult, type Page, type PageResult } from '@cardgw/core';

/** LedgerLane's page size when `perPage` is not given. */
export const ledgerlaneDefaultPerPage = 20;

/** One page of a cursor-paginated list, as the adapter fetched it. */
export interface CursorPage<Item> {
  readonly items: readonly Item[];
  /** The cursor of the next page, `null` on the last page. */
  readonly nextCursor: string | null;
}

/**
 * A `PageResult` over a cursor-paginated list. The port numbers its pages (`page`, 1-based), so the cursors seen are
 * kept per list (page n+1 starts at page n's `next_cursor`); asking for page 5 first walks pages 1 to 4, one request
 * each, as a cursor API allows nothing else. A page past the end is an empty last page.
 */
export function createCursorPageResult<Item>(
  firstPage: number,
  perPage: number,
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<Item>>,
  provider: string,
): PageResult<Item> {
  // Page number → the cursor that starts it; `null`: the list ended before that page.
  const cursors = new Map<number, string | null | undefined>([[1, undefined]]);
  async function pageAt(page: number): Promise<Page<Item>> {
    let known = page;
    while (!cursors.has(known)) known -= 1;
    for (;;) {
      const cursor = cursors.get(known);
      if (cursor === null) return { data: [], page, perPage, hasMore: false, provider };
      const fetched = await fetchPage(cursor);
      cursors.set(known + 1, fetched.nextCursor);
      if (known === page) {
        return { data: fetched.items, page, perPage, hasMore: fetched.nextCursor !== null, provider };
      }
      known += 1;
    }
  }
  return createPageResult(pageAt, firstPage, { provider });
}

/** A list that fails when awaited or iterated (never when called), as the port's lists do. */
export function failedPage<Item>(provider: string, error: Error): PageResult<Item> {
  return createCursorPageResult<Item>(1, 1, () => Promise.reject(error), provider);
}
