import { InsufficientFundsError, usd } from '@cardgw/core';
import { expect } from './contract-expect.js';
import {
  type ContractHarness,
  createCard,
  drainWallet,
  expectFailure,
  expectNoStateChange,
  ledgerTotal,
  purchase,
  walletOf,
} from './contract-support.js';

export function describeLedgerContract(harness: ContractHarness): void {
  const { describe, it } = harness.runner;
  describe('money conservation', () => {
    it('keeps wallet + card balances constant across create, fund, withdraw and terminate', async () => {
      const { issuer, backend } = harness.subject();
      const cardsTotal = () => backend.snapshot().cards.reduce((sum, card) => sum + card.balance.amount, 0);
      const total = async () => (await walletOf(harness)) + cardsTotal();
      const start = await total();
      const first = await createCard(harness, { amount: usd(300) });
      const second = await createCard(harness, { amount: usd(125.55) });
      expect(await total()).toBe(start);
      await issuer.cards.fund(first.id, { amount: usd(99.99) });
      expect(await total()).toBe(start);
      await issuer.cards.withdraw(second.id, { amount: usd(25.55) });
      expect(await total()).toBe(start);
      await issuer.cards.terminate(first.id);
      expect(await total()).toBe(start);
      await issuer.cards.freeze(second.id);
      expect(await total()).toBe(start);
    });

    it('keeps wallet + cards + total spent constant across purchases, declines and refunds', async () => {
      const { issuer, backend } = harness.subject();
      const start = ledgerTotal(harness);
      const card = await createCard(harness, { amount: usd(200) });
      const { transactions } = await purchase(harness, card.id, usd(45.3));
      expect(ledgerTotal(harness)).toBe(start);
      await backend.simulate.purchase(card.id, { amount: usd(10_000), merchant: { name: 'TOO MUCH' } });
      expect(ledgerTotal(harness)).toBe(start);
      const settlement = transactions.find((transaction) => transaction.type === 'settlement')!;
      await backend.simulate.refund(settlement.id, { amount: usd(5.3) });
      expect(ledgerTotal(harness)).toBe(start);
      await issuer.cards.terminate(card.id);
      expect(ledgerTotal(harness)).toBe(start);
      expect(backend.snapshot().totalSpent).toEqual(usd(40));
      expect(await walletOf(harness)).toBe(backend.snapshot().walletBalance.amount);
    });

    it('refuses a card the wallet cannot pay for with InsufficientFundsError, changing nothing', async () => {
      await drainWallet(harness);
      await expectNoStateChange(harness, () =>
        expectFailure(() => createCard(harness, { amount: usd(5) }), InsufficientFundsError),
      );
    });
  });
}
