import { IncompleteListError } from '@cardgw/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrivCards } from './privcards-adapter.js';

// Issue 15 point 10: page-number paging over a changing list. Items inserted at the head while iterating yielded 5
// duplicates; a page repeating the previous one yielded 10 again; an empty page 3 of 5 ended the walk silently at 20
// of 50 items. Here a misbehaving PrivCards (nock) answers each case on the wire.

const origin = 'https://api.privcards.com';
const card = (index: number) => ({
  id: `card_${String(index).padStart(10, '0')}`,
  bin_id: '491653',
  network: 'visa',
  last4: String(1000 + (index % 9000)),
  status: 'active',
  balance: 10,
  spending_limit: 100,
  total_spent: 0,
  transaction_count: 0,
  label: `card ${index}`,
  created_at: '2026-04-15T12:00:00Z',
  expires_at: '2029-04-15T23:59:59Z',
});
const perPage = 10;

/** Serves `GET /cards?page=N` from what `listAt(page)` says the list is when that page is asked for. */
function serveCards(
  listAt: (page: number) => readonly number[],
  pageOverride?: (page: number) => number[] | undefined,
) {
  return nock(origin)
    .persist()
    .get('/v1/cards')
    .query(true)
    .reply((uri) => {
      const page = Number(new URL(uri, origin).searchParams.get('page') ?? '1');
      const list = listAt(page);
      const slice = pageOverride?.(page) ?? list.slice((page - 1) * perPage, page * perPage);
      return [
        200,
        {
          data: slice.map(card),
          pagination: { page, per_page: perPage, total: list.length, total_pages: Math.ceil(list.length / perPage) },
        },
      ];
    });
}

const issuer = () => createPrivCards({ apiKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', maxRetries: 0, env: {} });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

async function walk(): Promise<{ ids: string[]; error: unknown }> {
  const ids: string[] = [];
  const cards = issuer();
  try {
    for await (const item of cards.cards.list({ perPage })) ids.push(item.id);
    return { ids, error: undefined };
  } catch (error) {
    return { ids, error };
  } finally {
    await cards.close();
  }
}

describe('auto-pagination over a list that changes while it is walked', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('items inserted at the head: each id is yielded once, and the walk completes', async () => {
    const original = range(1, 50);
    // After page 1 is read, five new cards (51–55) appear at the head: every later page shifts by five.
    serveCards((page) => (page === 1 ? original : [...range(51, 55), ...original]));
    const { ids, error } = await walk();
    expect(error).toBeUndefined();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(50);
    expect(new Set(ids)).toEqual(new Set(original.map((index) => `privcards:${card(index).id}`)));
  });

  it('a page that repeats the previous one: its items are not yielded again, and the loss is reported', async () => {
    const list = range(1, 50);
    serveCards(
      () => list,
      (page) => (page === 2 ? range(1, 10) : undefined),
    );
    const { ids, error } = await walk();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(40);
    expect(IncompleteListError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'list_incomplete', itemsYielded: 40, expectedTotal: 50, retryable: true });
  });

  it('an empty page 3 of 5 ends the walk with IncompleteListError after the 20 items, never silently', async () => {
    serveCards(
      () => range(1, 50),
      (page) => (page === 3 ? [] : undefined),
    );
    const { ids, error } = await walk();
    expect(ids.length).toBe(20);
    expect(IncompleteListError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ itemsYielded: 20, expectedTotal: 50, page: 3 });
    expect((error as Error).message).toContain('page 3 is empty');
  });

  it('a short page before the reported end: IncompleteListError', async () => {
    serveCards(
      () => range(1, 50),
      (page) => (page === 2 ? range(11, 14) : undefined),
    );
    const { ids, error } = await walk();
    expect(ids.length).toBe(14);
    expect(IncompleteListError.isInstance(error)).toBe(true);
  });

  it('a list that shrank below the total an earlier page reported: IncompleteListError at its end', async () => {
    // After page 1, five cards are deleted at the head: page-number paging skips five the walk never sees.
    serveCards((page) => (page === 1 ? range(1, 50) : range(6, 50)));
    const { ids, error } = await walk();
    expect(new Set(ids).size).toBe(ids.length);
    expect(IncompleteListError.isInstance(error)).toBe(true);
    expect((error as IncompleteListError).expectedTotal).toBe(50);
  });

  it('an unchanged list walks to its end without error', async () => {
    serveCards(() => range(1, 45));
    const { ids, error } = await walk();
    expect(error).toBeUndefined();
    expect(ids.length).toBe(45);
  });
});
