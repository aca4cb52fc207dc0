import { type Card, UnsupportedOperationError, usd } from '@cardgw/core';
import { expect } from './contract-expect.js';
import { type ContractHarness, createCard, expectFailure } from './contract-support.js';

const cardCount = 5;
const perPage = 2;

async function createCards(harness: ContractHarness): Promise<Card[]> {
  const cards: Card[] = [];
  for (let index = 0; index < cardCount; index++) {
    cards.push(await createCard(harness, { amount: usd(10 + index), label: `page card ${index}` }));
  }
  return cards;
}

function paginates(harness: ContractHarness): boolean {
  return harness.subject().issuer.capabilities.cardListFilters.includes('perPage');
}

export function describePaginationContract(harness: ContractHarness): void {
  const { describe, it } = harness.runner;
  describe('pagination', () => {
    it('gives the first page when a list is awaited', async () => {
      await createCards(harness);
      const { issuer } = harness.subject();
      if (!paginates(harness)) {
        await expectFailure(() => issuer.cards.list({ perPage }), UnsupportedOperationError);
        const page = await issuer.cards.list();
        expect(page.page).toBe(1);
        expect(page.data.length).toBeGreaterThan(0);
        return;
      }
      const page = await issuer.cards.list({ perPage });
      expect(page.page).toBe(1);
      expect(page.perPage).toBe(perPage);
      expect(page.data).toHaveLength(perPage);
      expect(page.hasMore).toBe(true);
      if (page.total !== undefined) expect(page.total).toBe(cardCount);
    });

    it('walks every item of every page exactly once with for await', async () => {
      const cards = await createCards(harness);
      const { issuer } = harness.subject();
      const seen: string[] = [];
      for await (const card of issuer.cards.list(paginates(harness) ? { perPage } : {})) seen.push(card.id);
      expect(seen).toHaveLength(cardCount);
      expect(new Set(seen)).toEqual(new Set(cards.map((card) => card.id)));
    });

    it('collects every item with toArray, and stops at a limit', async () => {
      const cards = await createCards(harness);
      const { issuer } = harness.subject();
      const filters = paginates(harness) ? { perPage } : {};
      const all = await issuer.cards.list(filters).toArray();
      expect(all.map((card) => card.id).sort()).toEqual(cards.map((card) => card.id).sort());
      expect(await issuer.cards.list(filters).toArray({ limit: 3 })).toHaveLength(3);
    });

    it('starts from the page asked for', async () => {
      await createCards(harness);
      const { issuer } = harness.subject();
      const filters = paginates(harness) ? { perPage } : {};
      const all = await issuer.cards.list(filters).toArray();
      const fromSecond = await issuer.cards.list({ ...filters, page: 2 }).toArray();
      const expected = paginates(harness) ? all.slice(perPage) : [];
      expect(fromSecond.map((card) => card.id)).toEqual(expected.map((card) => card.id));
    });

    it('answers a page past the end with no items and no more pages', async () => {
      await createCards(harness);
      const page = await harness.subject().issuer.cards.list({ page: 50 });
      expect(page.data).toEqual([]);
      expect(page.hasMore).toBe(false);
    });
  });
}
