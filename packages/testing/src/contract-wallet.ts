import { UnsupportedOperationError, usd } from '@cardgw/core';
import { expect } from './contract-expect.js';
import { type ContractHarness, createCard, expectFailure, supports, walletOf } from './contract-support.js';

export function describeWalletContract(harness: ContractHarness): void {
  const { describe, it } = harness.runner;
  describe('wallet', () => {
    it('reports the balance, active cards and what the cards hold', async () => {
      const { issuer, backend } = harness.subject();
      const first = await createCard(harness, { amount: usd(100) });
      const second = await createCard(harness, { amount: usd(50.5) });
      await issuer.cards.freeze(second.id);
      if (!supports(issuer, 'wallet.balance')) {
        await expectFailure(() => issuer.wallet.balance(), UnsupportedOperationError);
        return;
      }
      const balance = await issuer.wallet.balance();
      const cards = backend.snapshot().cards;
      expect(balance.balance).toEqual(backend.snapshot().walletBalance);
      expect(balance.activeCards).toBe(cards.filter((card) => card.status === 'active').length);
      expect(balance.cardsTotalBalance.amount).toBe(cards.reduce((sum, card) => sum + card.balance.amount, 0));
      expect(balance.activeCards).toBeGreaterThanOrEqual(1);
      expect(cards.map((card) => card.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    });

    it('credits a confirmed crypto deposit, minus its fee, after it was pending', async () => {
      const { issuer, backend } = harness.subject();
      const walletBefore = await walletOf(harness);
      const deposit = await backend.simulate.deposit({
        asset: 'btc',
        cryptoAmount: '0.0075',
        amount: usd(500),
        fee: usd(10),
      });
      expect(deposit.status).toBe('pending');
      expect(await walletOf(harness)).toBe(walletBefore);
      if (supports(issuer, 'wallet.balance')) {
        expect((await issuer.wallet.balance()).pendingDeposits).toEqual(usd(500));
      }
      const confirmed = await backend.simulate.confirmDeposit(deposit.id);
      expect(confirmed).toMatchObject({ status: 'confirmed', credited: usd(490) });
      expect(await walletOf(harness)).toBe(walletBefore + 49_000);
      if (supports(issuer, 'wallet.balance')) {
        const balance = await issuer.wallet.balance();
        expect(balance.pendingDeposits).toEqual(usd(0));
        expect(balance.totalDeposited.amount).toBeGreaterThanOrEqual(49_000);
      }
    });

    it('lists deposits, filtered by status and asset as declared', async () => {
      const { issuer, backend } = harness.subject();
      const btc = await backend.simulate.deposit({ asset: 'btc', cryptoAmount: '0.01', amount: usd(600) });
      const eth = await backend.simulate.deposit({ asset: 'eth', cryptoAmount: '0.2', amount: usd(700) });
      await backend.simulate.confirmDeposit(btc.id);
      if (!supports(issuer, 'wallet.deposits')) {
        await expectFailure(() => issuer.wallet.deposits(), UnsupportedOperationError);
        return;
      }
      const all = await issuer.wallet.deposits().toArray();
      expect(all.map((deposit) => deposit.id).sort()).toEqual([btc.id, eth.id].sort());
      const confirmed = all.find((deposit) => deposit.id === btc.id)!;
      expect(confirmed).toMatchObject({ asset: 'btc', cryptoAmount: '0.01', amount: usd(600), status: 'confirmed' });
      expect(confirmed.credited.amount + confirmed.fee.amount).toBe(60_000);
      const filters = issuer.capabilities.depositListFilters;
      if (filters.includes('status')) {
        expect((await issuer.wallet.deposits({ status: 'pending' }).toArray()).map((deposit) => deposit.id)).toEqual([
          eth.id,
        ]);
      } else {
        await expectFailure(() => issuer.wallet.deposits({ status: 'pending' }), UnsupportedOperationError);
      }
      if (filters.includes('asset')) {
        expect((await issuer.wallet.deposits({ asset: 'btc' }).toArray()).map((deposit) => deposit.id)).toEqual([
          btc.id,
        ]);
      } else {
        await expectFailure(() => issuer.wallet.deposits({ asset: 'btc' }), UnsupportedOperationError);
      }
    });

    it('gives a deposit address per asset, with its network and minimum', async () => {
      const { issuer } = harness.subject();
      if (!supports(issuer, 'wallet.depositAddresses')) {
        await expectFailure(() => issuer.wallet.depositAddresses(), UnsupportedOperationError);
        return;
      }
      const addresses = await issuer.wallet.depositAddresses();
      expect(addresses.map((address) => address.asset)).toEqual(expect.arrayContaining(['btc', 'eth']));
      for (const address of addresses) expect(address.address.length).toBeGreaterThan(10);
      const btc = await issuer.wallet.depositAddresses({ asset: 'btc' });
      expect(btc).toHaveLength(1);
      expect(btc[0]).toMatchObject({
        asset: 'btc',
        address: addresses.find((address) => address.asset === 'btc')!.address,
      });
    });
  });

  describe('bins', () => {
    it('lists BINs with qualified ids, networks, limits and acceptance rates', async () => {
      const { issuer } = harness.subject();
      if (!supports(issuer, 'bins.list')) {
        await expectFailure(() => issuer.bins.list(), UnsupportedOperationError);
        return;
      }
      const bins = await issuer.bins.list().toArray();
      expect(bins.length).toBeGreaterThan(0);
      for (const bin of bins) {
        expect(bin.id).toBe(`${bin.provider}:${bin.providerId}`);
        expect(bin.network.length).toBeGreaterThan(0);
        expect(bin.maxTransaction.amount).toBeGreaterThan(0);
        expect(bin.maxMonthly.amount).toBeGreaterThanOrEqual(bin.maxTransaction.amount);
        expect(bin.acceptanceRate).toBeGreaterThan(0);
        expect(bin.acceptanceRate).toBeLessThanOrEqual(100);
      }
    });
  });
}
