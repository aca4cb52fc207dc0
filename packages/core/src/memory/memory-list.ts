import type { PageResult } from '../domain/page.js';
import { createPageResult, slicePage } from '../pagination/page-result.js';
import type { Operation } from '../port/capabilities.js';
import type { RequestOptions } from '../port/inputs.js';
import { beginCall, type MemoryContext } from './memory-context.js';

export interface PreparedList<Item> {
  readonly page: number;
  /** `'all'`: the endpoint does not paginate; everything comes in one page. */
  readonly perPage: number | 'all';
  /** Filters and sorts the records: run once per list call, on the first fetch, then kept for every page. */
  readonly select: () => readonly Item[];
}

/**
 * A `list()` of the in-memory issuer. The capability check and input validation run when `list()` is called; their
 * failure (like any failure) is delivered as the rejection of the first page, as a remote list would. The matching
 * records are snapshotted on the first fetch, so walking the pages is stable while the state changes.
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
  let snapshot: readonly Item[] | undefined;
  return createPageResult(async (page) => {
    if (prepared === undefined) throw failure;
    context.faults.check(operation);
    snapshot ??= prepared.select();
    const perPage = prepared.perPage === 'all' ? Math.max(1, snapshot.length) : prepared.perPage;
    return slicePage(snapshot, page, perPage);
  }, prepared?.page ?? 1);
}

interface Ordered {
  readonly createdAt: number;
  readonly sequence: number;
}

/** Newest first; on equal timestamps (the manual clock stands still) the later record first. */
export function newestFirst(left: Ordered, right: Ordered): number {
  return right.createdAt - left.createdAt || right.sequence - left.sequence;
}

/** A filter object as given, or undefined when it is not an object (validation then reports it). */
export function filterObject(filters: unknown): object | undefined {
  return typeof filters === 'object' && filters !== null ? filters : undefined;
}
