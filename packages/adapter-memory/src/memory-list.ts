import type { Operation, PageResult, RequestOptions } from '@cardgw/core';
import { createPageResult, type Page } from '@cardgw/core/provider-utils';
import { afterSlot, asProviderAnswer, beginCall, type MemoryContext } from './memory-context.js';

export interface PreparedList<Item> {
  readonly page: number;
  /** `'all'`: the endpoint does not paginate; everything comes in one page. */
  readonly perPage: number | 'all';
  /** Chooses the matching items: run once per list call, on the first fetch, then kept for every page. */
  readonly select: () => Selection<Item>;
}

/** The items one list call answers with, in list order, read a page at a time. */
export interface Selection<Item> {
  readonly total: number;
  /** The items at positions `start` (0-based, inclusive) to `end` (exclusive), within `0..total`. */
  slice(start: number, end: number): readonly Item[];
}

/**
 * A `list()` of the in-memory issuer. The capability check and input validation run when `list()` is called; their
 * failure (like any failure) is delivered as the rejection of the first page, as a remote list would. Which records
 * match, and in which order, is fixed on the first fetch, so walking the pages is stable while the state changes
 * (records created meanwhile are left out). A page reads only its own items where the selection allows it, so an
 * item is as it was when its page was fetched: a transaction never changes; a card changed meanwhile shows it.
 */
export function listFromMemory<Item>(
  context: MemoryContext,
  operation: Operation,
  options: RequestOptions | undefined,
  prepare: () => PreparedList<Item>,
): PageResult<Item> {
  let prepared: PreparedList<Item> | undefined;
  let failure: unknown;
  try {
    beginCall(context, operation, options);
    prepared = prepare();
  } catch (error) {
    failure = error;
  }
  let selection: Selection<Item> | undefined;
  return createPageResult(async (page) => {
    if (prepared === undefined) throw failure;
    const { perPage, select } = prepared;
    // Every page is a request at the provider: it takes a slot under the quotas, as each page fetch of an adapter does.
    return afterSlot(context, operation, options, () => {
      context.faults.check(operation);
      return asProviderAnswer(context, () => {
        selection ??= select();
        return perPage === 'all' ? wholePageOf(selection) : pageOf(selection, page, perPage);
      });
    });
  }, prepared?.page ?? 1);
}

/**
 * A list the provider does not paginate, as the adapters read it: one page holding everything (`perPage` and `total`
 * are the item count, 0 when empty; one page, `totalPages: 1`).
 */
function wholePageOf<Item>(selection: Selection<Item>): Page<Item> {
  const { total } = selection;
  return { data: selection.slice(0, total), page: 1, perPage: total, total, totalPages: 1, hasMore: false };
}

/**
 * One page of a selection: reads only that page's items. `totalPages` is `ceil(total / perPage)`, so 0 for an empty
 * list: what the adapters compute where the wire gives only `total` (transactions), and what the simulators send.
 */
function pageOf<Item>(selection: Selection<Item>, page: number, perPage: number): Page<Item> {
  const { total } = selection;
  const start = Math.min((page - 1) * perPage, total);
  const totalPages = Math.ceil(total / perPage);
  return {
    data: selection.slice(start, Math.min(start + perPage, total)),
    page,
    perPage,
    total,
    totalPages,
    hasMore: page < totalPages,
  };
}

/** Items already chosen (filtered and sorted) in an array. */
export function selectionOf<Item>(items: readonly Item[]): Selection<Item> {
  return { total: items.length, slice: (start, end) => items.slice(start, end) };
}

/**
 * Every entry of a creation-ordered array, newest first (`'desc'`: the array reversed) or oldest first, each read
 * only when its page is: no copy, no filter, no sort. The entries added after the first fetch are left out.
 */
export function creationOrderSelection<Entry, Item>(
  entries: readonly Entry[],
  order: 'asc' | 'desc',
  view: (entry: Entry) => Item,
): Selection<Item> {
  const total = entries.length;
  return {
    total,
    slice(start, end) {
      const items: Item[] = [];
      for (let position = start; position < end; position++) {
        const entry = entries[order === 'desc' ? total - 1 - position : position];
        if (entry !== undefined) items.push(view(entry));
      }
      return items;
    },
  };
}

interface Ordered {
  readonly createdAt: number;
  readonly sequence: number;
}

/** Newest first; on equal timestamps (the manual clock stands still) the later record first. */
export function newestFirst(left: Ordered, right: Ordered): number {
  return right.createdAt - left.createdAt || right.sequence - left.sequence;
}

/**
 * The entries of a creation-ordered array that `matches` accepts, newest first. While the clock never went back
 * (`inClockOrder`) that is the array walked backwards, with no sort; otherwise the matches are sorted.
 */
export function matchingNewestFirst<Entry extends Ordered>(
  entries: readonly Entry[],
  inClockOrder: boolean,
  matches: (entry: Entry) => boolean,
): Entry[] {
  const matching: Entry[] = [];
  if (!inClockOrder) {
    for (const entry of entries) if (matches(entry)) matching.push(entry);
    return matching.sort(newestFirst);
  }
  for (let position = entries.length - 1; position >= 0; position--) {
    const entry = entries[position]!;
    if (matches(entry)) matching.push(entry);
  }
  return matching;
}

/** A filter object as given, or undefined when it is not an object (validation then reports it). */
export function filterObject(filters: unknown): object | undefined {
  return typeof filters === 'object' && filters !== null ? filters : undefined;
}
