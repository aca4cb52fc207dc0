import { describe, expect, it, vi } from 'vitest';
import type { Page } from '../domain/page.js';
import { IncompleteListError } from '../errors/incomplete-list-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { createPageResult, slicePage } from './page-result.js';

const all = Array.from({ length: 23 }, (_, index) => index + 1);

function fetcher() {
  return vi.fn(async (page: number): Promise<Page<number>> => slicePage(all, page, 10));
}

describe('createPageResult', () => {
  it('fetches nothing until awaited or iterated', () => {
    const fetchPage = fetcher();
    createPageResult(fetchPage);
    expect(fetchPage).not.toHaveBeenCalled();
  });

  it('awaits to the first page', async () => {
    const page = await createPageResult(fetcher());
    expect(page.data).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(page).toMatchObject({ page: 1, perPage: 10, total: 23, totalPages: 3, hasMore: true });
  });

  it('iterates every item of every page, fetching lazily', async () => {
    const fetchPage = fetcher();
    const seen: number[] = [];
    for await (const item of createPageResult(fetchPage)) {
      seen.push(item);
      if (item === 5) expect(fetchPage).toHaveBeenCalledTimes(1);
    }
    expect(seen).toEqual(all);
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });

  it('stops fetching when the caller breaks out', async () => {
    const fetchPage = fetcher();
    expect(await createPageResult(fetchPage).toArray({ limit: 4 })).toEqual([1, 2, 3, 4]);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('starts from a given page', async () => {
    expect(await createPageResult(fetcher(), 3).toArray()).toEqual([21, 22, 23]);
  });

  it('stops on an empty page that claims more, with IncompleteListError rather than silently', async () => {
    const fetchPage = vi.fn(async (page: number) => ({ data: [], page, perPage: 10, hasMore: true }));
    await expect(createPageResult(fetchPage).toArray()).rejects.toThrow(IncompleteListError);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('stops with a typed error when the provider answers another page than the one asked for', async () => {
    const fetchPage = vi.fn(async () => ({ data: [1, 2], page: 1, perPage: 2, hasMore: true }));
    await expect(createPageResult(fetchPage).toArray()).rejects.toThrow(ProviderResponseError);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('propagates a failing page as a rejection', async () => {
    const result = createPageResult(async () => {
      throw new Error('boom');
    });
    await expect(result.toArray()).rejects.toThrow('boom');
  });
});
