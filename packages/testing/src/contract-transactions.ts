import { type CardGatewayError, NotFoundError, type Transaction, UnsupportedOperationError, usd } from '@cardgw/core';
import type { TransactionListFilter, TransactionListFilters } from '@cardgw/core/provider-utils';
import { expect } from './contract-expect.js';
import {
  advanceClock,
  balanceOf,
  type ContractHarness,
  createCard,
  type ErrorType,
  expectFailure,
  idPattern,
  purchase,
  supports,
  unknownId,
} from './contract-support.js';

function filterTest(
  harness: ContractHarness,
  filter: TransactionListFilter,
  probe: TransactionListFilters,
  check: () => Promise<void>,
): () => Promise<void> {
  return async () => {
    const { issuer } = harness.subject();
    if (!issuer.capabilities.transactionListFilters.includes(filter)) {
      await expectFailure(
        () => issuer.transactions.list(probe),
        UnsupportedOperationError,
        `transactions.list ${filter}`,
      );
      return;
    }
    await check();
  };
}

const ids = (transactions: readonly Transaction[]) => transactions.map((transaction) => transaction.id).sort();

/** Two cards with purchases at distinct merchants, amounts and (with a manual clock) days. */
async function seedPurchases(harness: ContractHarness) {
  const ads = await createCard(harness, { amount: usd(500) });
  const saas = await createCard(harness, { amount: usd(500) });
  const early = await purchase(harness, ads.id, usd(12.5), { name: 'FACEBK ADS', category: 'advertising' });
  advanceClock(harness, 24 * 60 * 60 * 1000);
  const late = await purchase(harness, saas.id, usd(99), { name: 'GITHUB INC', category: 'software' });
  return { ads, saas, early: early.transactions, late: late.transactions };
}

export function describeTransactionContract(harness: ContractHarness): void {
  const { describe, it } = harness.runner;
  describe('transactions', () => {
    it('records a purchase as an authorization and a settlement with negative amounts, debiting the card', async () => {
      const card = await createCard(harness, { amount: usd(100) });
      const { transactions } = await purchase(harness, card.id, usd(12.5));
      expect(transactions.map((transaction) => transaction.type)).toEqual(['authorization', 'settlement']);
      const listed = await harness.subject().issuer.transactions.list({ cardId: card.id }).toArray();
      expect(ids(listed)).toEqual(ids(transactions));
      for (const transaction of listed) {
        expect(transaction.id).toMatch(idPattern(harness));
        expect(transaction.cardId).toBe(card.id);
        expect(transaction.amount).toEqual(usd(-12.5));
        expect(transaction.merchant.name).toBe('FACEBK ADS');
      }
      expect(await balanceOf(harness, card.id)).toBe(8_750);
    });

    it('gets one transaction by id with its merchant details', async () => {
      const card = await createCard(harness);
      const { transactions } = await purchase(harness, card.id, usd(9.99), {
        name: 'SPOTIFY',
        category: 'subscriptions',
        mcc: '5815',
      });
      const { issuer } = harness.subject();
      const settlement = transactions[1]!;
      if (!supports(issuer, 'transactions.get')) {
        await expectFailure(() => issuer.transactions.get(settlement.id), UnsupportedOperationError);
        return;
      }
      const fetched = await issuer.transactions.get(settlement.id);
      expect(fetched).toMatchObject({ id: settlement.id, cardId: card.id, type: 'settlement', amount: usd(-9.99) });
      expect(fetched.merchant).toMatchObject({ name: 'SPOTIFY', mcc: '5815' });
    });

    it('records a purchase on a frozen card as a decline, and moves no money', async () => {
      const card = await createCard(harness, { amount: usd(100) });
      const { issuer, backend } = harness.subject();
      await issuer.cards.freeze(card.id);
      const result = await backend.simulate.purchase(card.id, { amount: usd(10), merchant: { name: 'TIKTOK ADS' } });
      expect(result.approved).toBe(false);
      expect(result.transactions.map((transaction) => transaction.type)).toEqual(['decline']);
      const listed = await issuer.transactions.list({ cardId: card.id }).toArray();
      expect(listed.map((transaction) => transaction.type)).toEqual(['decline']);
      expect(listed[0]!.amount.amount).toBeLessThan(0);
      expect(await balanceOf(harness, card.id)).toBe(10_000);
    });

    it('declines a purchase over the card balance', async () => {
      const card = await createCard(harness, { amount: usd(20) });
      const result = await harness
        .subject()
        .backend.simulate.purchase(card.id, { amount: usd(20.01), merchant: { name: 'GOOGLE ADS' } });
      expect(result.approved).toBe(false);
      expect(result.declineReason).toBe('insufficient_card_balance');
      expect(await balanceOf(harness, card.id)).toBe(2_000);
    });

    it('records a refund as a positive amount credited to the card', async () => {
      const card = await createCard(harness, { amount: usd(100) });
      const { transactions } = await purchase(harness, card.id, usd(40));
      const refund = await harness.subject().backend.simulate.refund(transactions[1]!.id, { amount: usd(15) });
      expect(refund.amount).toEqual(usd(15));
      const listed = await harness.subject().issuer.transactions.list({ cardId: card.id, type: 'refund' }).toArray();
      expect(listed.map((transaction) => transaction.amount)).toEqual([usd(15)]);
      expect(await balanceOf(harness, card.id)).toBe(7_500);
    });

    it(
      'filters transactions by card',
      filterTest(harness, 'cardId', { cardId: 'memory:card_1' }, async () => {
        const { ads, saas, early, late } = await seedPurchases(harness);
        const { issuer } = harness.subject();
        expect(ids(await issuer.transactions.list({ cardId: ads.id }).toArray())).toEqual(ids(early));
        expect(ids(await issuer.transactions.list({ cardId: saas.id }).toArray())).toEqual(ids(late));
      }),
    );

    it(
      'filters transactions by type',
      filterTest(harness, 'type', { type: 'refund' }, async () => {
        const { early, late } = await seedPurchases(harness);
        const listed = await harness.subject().issuer.transactions.list({ type: 'settlement' }).toArray();
        expect(ids(listed)).toEqual(ids([early[1]!, late[1]!]));
      }),
    );

    it(
      'filters transactions from a date and to a date, both inclusive',
      filterTest(harness, 'from', { from: '2026-01-01' }, async () => {
        const { early, late } = await seedPurchases(harness);
        const { issuer } = harness.subject();
        const lateStart = late[0]!.createdAt;
        const fromLate = await issuer.transactions.list({ from: lateStart }).toArray();
        expect(ids(fromLate)).toEqual(expect.arrayContaining(ids(late)));
        for (const transaction of fromLate)
          expect(Date.parse(transaction.createdAt)).toBeGreaterThanOrEqual(Date.parse(lateStart));
        if (Date.parse(early[1]!.createdAt) < Date.parse(lateStart)) expect(fromLate).toHaveLength(late.length);
        const future = new Date(Date.parse(lateStart) + 365 * 24 * 60 * 60 * 1000).toISOString();
        expect(await issuer.transactions.list({ from: future }).toArray()).toEqual([]);
        if (issuer.capabilities.transactionListFilters.includes('to')) {
          const earlyEnd = early[1]!.createdAt;
          const toEarly = await issuer.transactions.list({ to: earlyEnd }).toArray();
          expect(ids(toEarly)).toEqual(expect.arrayContaining(ids(early)));
          for (const transaction of toEarly)
            expect(Date.parse(transaction.createdAt)).toBeLessThanOrEqual(Date.parse(earlyEnd));
        }
      }),
    );

    it(
      'filters transactions by a part of the merchant name',
      filterTest(harness, 'merchant', { merchant: 'ADS' }, async () => {
        const { early } = await seedPurchases(harness);
        const listed = await harness.subject().issuer.transactions.list({ merchant: 'FACEBK' }).toArray();
        expect(ids(listed)).toEqual(ids(early));
      }),
    );

    it(
      'filters transactions by absolute amount bounds',
      filterTest(harness, 'minAmount', { minAmount: usd(1) }, async () => {
        const { early, late } = await seedPurchases(harness);
        const { issuer } = harness.subject();
        expect(ids(await issuer.transactions.list({ minAmount: usd(50) }).toArray())).toEqual(ids(late));
        if (issuer.capabilities.transactionListFilters.includes('maxAmount')) {
          expect(ids(await issuer.transactions.list({ maxAmount: usd(12.5) }).toArray())).toEqual(ids(early));
          expect(ids(await issuer.transactions.list({ minAmount: usd(12.5), maxAmount: usd(99) }).toArray())).toEqual(
            ids([...early, ...late]),
          );
        }
      }),
    );

    it(
      'pages through transactions with perPage',
      filterTest(harness, 'perPage', { perPage: 1 }, async () => {
        const { early, late } = await seedPurchases(harness);
        const { issuer } = harness.subject();
        const first = await issuer.transactions.list({ perPage: 1 });
        expect(first.data).toHaveLength(1);
        expect(first.hasMore).toBe(true);
        expect(ids(await issuer.transactions.list({ perPage: 1 }).toArray())).toEqual(ids([...early, ...late]));
      }),
    );

    it('lists the newest transactions first', async () => {
      const { early, late } = await seedPurchases(harness);
      const listed = await harness.subject().issuer.transactions.list().toArray();
      expect(listed).toHaveLength(early.length + late.length);
      expect(ids(listed.slice(0, late.length))).toEqual(ids(late));
    });

    it('answers an unknown transaction id with NotFoundError', async () => {
      const { issuer } = harness.subject();
      const expected: ErrorType<CardGatewayError> = supports(issuer, 'transactions.get')
        ? NotFoundError
        : UnsupportedOperationError;
      await expectFailure(() => issuer.transactions.get(unknownId(harness, 'transaction')), expected);
    });
  });
}
