import { type Card, cents, type Transaction, usd } from '@cardgw/core';
import type { CardListFilters, TransactionListFilters } from '@cardgw/core/provider-utils';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { createManualClock } from './manual-clock.js';
import { createMemoryIssuer, type MemoryIssuer } from './memory-issuer.js';
import { creationOrderSelection } from './memory-list.js';

// Lists read creation-ordered logs (a card's own transactions when a card is named) instead of filtering and sorting
// everything. These tests hold them to what a full filter-and-sort of every record gives, page for page.

type Step =
  | { readonly kind: 'card'; readonly label: string }
  | { readonly kind: 'purchase'; readonly card: number; readonly cents: number; readonly merchant: string }
  | { readonly kind: 'authorize'; readonly card: number; readonly cents: number }
  | { readonly kind: 'settle' }
  | { readonly kind: 'freeze'; readonly card: number }
  | { readonly kind: 'clock'; readonly ms: number };

const merchants = ['FACEBK ADS', 'GitHub', 'Cafe Bleu'];

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('card' as const), label: fc.constantFrom('Meta ads', 'saas', 'travel') }),
  fc.record({
    kind: fc.constant('purchase' as const),
    card: fc.nat(4),
    cents: fc.integer({ min: 1, max: 900 }),
    merchant: fc.constantFrom(...merchants),
  }),
  fc.record({ kind: fc.constant('authorize' as const), card: fc.nat(4), cents: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('settle' as const) }),
  fc.record({ kind: fc.constant('freeze' as const), card: fc.nat(4) }),
  // Mostly forward; sometimes still, sometimes back (a `clock.set()` into the past).
  fc.record({ kind: fc.constant('clock' as const), ms: fc.integer({ min: -90_000_000, max: 90_000_000 }) }),
);

interface Recorded {
  readonly cards: Card[];
  /** Every transaction, in creation order. */
  readonly transactions: Transaction[];
}

async function play(issuer: MemoryIssuer, steps: readonly Step[]): Promise<Recorded> {
  const clock = issuer.clock as ReturnType<typeof createManualClock>;
  const cards: Card[] = [await issuer.cards.create({ binId: '491653', amount: usd(100), label: 'first' })];
  const transactions: Transaction[] = [];
  const pending: Transaction[] = [];
  for (const next of steps) {
    const card = (index: number) => cards[index % cards.length]!;
    switch (next.kind) {
      case 'card':
        cards.push(await issuer.cards.create({ binId: '531993', amount: usd(50), label: next.label }));
        break;
      case 'purchase': {
        const merchant = { name: next.merchant };
        const result = await issuer.simulate.purchase(card(next.card).id, { amount: cents(next.cents), merchant });
        transactions.push(...result.transactions);
        break;
      }
      case 'authorize': {
        const merchant = { name: 'Hotel' };
        const amount = cents(next.cents);
        const result = await issuer.simulate.purchase(card(next.card).id, { amount, merchant, settle: false });
        transactions.push(...result.transactions);
        if (result.approved) pending.push(result.transactions[0]!);
        break;
      }
      case 'settle': {
        const authorization = pending.shift();
        if (authorization) transactions.push(await issuer.simulate.settle(authorization.id));
        break;
      }
      case 'freeze':
        if ((await issuer.cards.get(card(next.card).id)).status === 'active')
          await issuer.cards.freeze(card(next.card).id);
        break;
      case 'clock':
        clock.set(clock.now() + next.ms);
        break;
    }
  }
  return { cards, transactions };
}

/** What the lists answered before they read logs: filter everything, then sort newest first (creation breaks ties). */
function expectedTransactions(recorded: Recorded, filters: TransactionListFilters): string[] {
  const from = filters.from === undefined ? -Infinity : Date.parse(filters.from);
  const to = filters.to === undefined ? Infinity : Date.parse(filters.to);
  const merchant = filters.merchant?.toLowerCase();
  return recorded.transactions
    .map((transaction, index) => ({ transaction, index, at: Date.parse(transaction.createdAt) }))
    .filter(
      ({ transaction, at }) =>
        (filters.cardId === undefined || transaction.cardId === filters.cardId) &&
        (filters.type === undefined || transaction.type === filters.type) &&
        at >= from &&
        at <= to &&
        (merchant === undefined || transaction.merchant.name.toLowerCase().includes(merchant)) &&
        (filters.minAmount === undefined || Math.abs(transaction.amount.amount) >= filters.minAmount.amount),
    )
    .sort((left, right) => right.at - left.at || right.index - left.index)
    .map(({ transaction }) => transaction.id);
}

function expectedCards(cards: readonly Card[], filters: CardListFilters): string[] {
  const direction = filters.order === 'asc' ? 1 : -1;
  const key = (card: Card): number | undefined => {
    if (filters.sort === 'balance') return card.balance.amount;
    if (filters.sort === 'lastUsed') return card.lastUsedAt === undefined ? undefined : Date.parse(card.lastUsedAt);
    return Date.parse(card.createdAt);
  };
  const label = filters.label?.toLowerCase();
  return cards
    .map((card, index) => ({ card, index, key: key(card) }))
    .filter(
      ({ card }) =>
        (filters.status === undefined || card.status === filters.status) &&
        (label === undefined || (card.label?.toLowerCase().includes(label) ?? false)),
    )
    .sort((left, right) => {
      // Never used sorts first ascending (last descending), as the issuer documents.
      const byKey =
        left.key === right.key ? 0 : left.key === undefined ? -1 : right.key === undefined ? 1 : left.key - right.key;
      return direction * (byKey || left.index - right.index);
    })
    .map(({ card }) => card.id);
}

/** Every page of a list, checked for the page fields a full array would give, and the ids in order. */
async function walk(
  list: (page: number) => PromiseLike<{
    data: readonly { id: string }[];
    total?: number | undefined;
    totalPages?: number | undefined;
    hasMore: boolean;
    perPage: number;
  }>,
  expected: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const answer = await list(page);
    // ceil(total / perPage): 0 pages for an empty list, as the adapters compute it from the wire's `total`.
    const totalPages = Math.ceil(expected.length / answer.perPage);
    expect(answer).toMatchObject({ total: expected.length, totalPages, hasMore: page < totalPages });
    ids.push(...answer.data.map((item) => item.id));
    if (!answer.hasMore) return ids;
  }
}

describe('in-memory lists', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answer every filter, sort and page exactly as a full filter-and-sort would, even after the clock went back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), async (steps, perPage) => {
        const issuer = createMemoryIssuer({ walletBalance: usd(100_000) });
        const recorded = await play(issuer, steps);
        const cardId = recorded.cards.at(-1)!.id;
        const day = recorded.transactions[0]?.createdAt.slice(0, 10) ?? '2026-01-01';
        const transactionFilters: TransactionListFilters[] = [
          {},
          { cardId },
          { cardId, type: 'settlement' },
          { type: 'authorization' },
          { merchant: 'git' },
          { minAmount: cents(300) },
          { from: `${day}T00:00:00.000Z`, to: `${day}T23:59:59.999Z` },
        ];
        for (const filters of transactionFilters) {
          const expected = expectedTransactions(recorded, filters);
          const listed = await walk((page) => issuer.transactions.list({ ...filters, perPage, page }), expected);
          expect(listed, JSON.stringify(filters)).toEqual(expected);
          expect((await issuer.transactions.list({ ...filters, perPage }).toArray()).map((item) => item.id)).toEqual(
            expected,
          );
        }
        const cards = issuer.snapshot().cards;
        const cardFilters: CardListFilters[] = [
          {},
          { order: 'asc' },
          { status: 'frozen' },
          { label: 'SAAS', order: 'asc' },
          { sort: 'balance' },
          { sort: 'lastUsed', order: 'asc' },
        ];
        for (const filters of cardFilters) {
          const expected = expectedCards(cards, filters);
          const listed = await walk((page) => issuer.cards.list({ ...filters, perPage, page }), expected);
          expect(listed, JSON.stringify(filters)).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("reads a page of every transaction, or of a card's, without filtering or sorting the whole ledger", async () => {
    const issuer = createMemoryIssuer();
    const busy = await issuer.cards.create({ binId: '491653', amount: usd(500) });
    const quiet = await issuer.cards.create({ binId: '491653', amount: usd(500) });
    const merchant = { name: 'Bench Coffee' };
    for (let index = 0; index < 30; index++) {
      await issuer.simulate.purchase(busy.id, { amount: usd(1), merchant, settle: false });
      if (index % 10 === 0) await issuer.simulate.purchase(quiet.id, { amount: usd(1), merchant, settle: false });
    }
    const sort = vi.spyOn(Array.prototype, 'sort');
    const filter = vi.spyOn(Array.prototype, 'filter');
    const everything = await issuer.transactions.list({ perPage: 5, page: 2 });
    const quietOnes = await issuer.transactions.list({ cardId: quiet.id, perPage: 2, page: 2 });
    const cards = await issuer.cards.list({ perPage: 1, page: 2 });
    expect(sort).not.toHaveBeenCalled();
    expect(filter).not.toHaveBeenCalled();
    sort.mockRestore();
    filter.mockRestore();
    expect(everything).toMatchObject({ total: 33, totalPages: 7, hasMore: true });
    expect(everything.data.map((transaction) => transaction.id)).toEqual(
      ['028', '027', '026', '025', '024'].map((sequence) => `memory:txn_000${sequence}`),
    );
    expect(quietOnes).toMatchObject({ total: 3, totalPages: 2, hasMore: false });
    expect(quietOnes.data.map((transaction) => transaction.id)).toEqual(['memory:txn_000002']);
    expect(cards.data.map((card) => card.id)).toEqual([busy.id]);
  });

  it('keeps the transactions it selected while new ones are recorded during the walk', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(500) });
    const merchant = { name: 'A' };
    for (let index = 0; index < 5; index++) {
      await issuer.simulate.purchase(card.id, { amount: usd(1), merchant, settle: false });
    }
    const seen: string[] = [];
    for await (const transaction of issuer.transactions.list({ cardId: card.id, perPage: 2 })) {
      seen.push(transaction.id);
      await issuer.simulate.purchase(card.id, { amount: usd(1), merchant, settle: false });
    }
    expect(seen).toEqual([5, 4, 3, 2, 1].map((sequence) => `memory:txn_00000${sequence}`));
  });
});

describe('creationOrderSelection', () => {
  it('builds only the items of the page asked for, newest or oldest first', () => {
    const entries = Array.from({ length: 100_000 }, (_, index) => index);
    const view = vi.fn((entry: number) => `item ${entry}`);
    const newest = creationOrderSelection(entries, 'desc', view);
    expect(newest.total).toBe(100_000);
    expect(newest.slice(20, 23)).toEqual(['item 99979', 'item 99978', 'item 99977']);
    expect(view).toHaveBeenCalledTimes(3);
    expect(creationOrderSelection(entries, 'asc', view).slice(20, 22)).toEqual(['item 20', 'item 21']);
    expect(view).toHaveBeenCalledTimes(5);
  });

  it('leaves out entries appended after it was made', () => {
    const entries = [1, 2, 3];
    const selection = creationOrderSelection(entries, 'desc', (entry) => entry);
    entries.push(4);
    expect(selection.total).toBe(3);
    expect(selection.slice(0, 3)).toEqual([3, 2, 1]);
  });
});
