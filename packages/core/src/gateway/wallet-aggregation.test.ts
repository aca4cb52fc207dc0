import { describe, expect, it } from 'vitest';
import { cents, usd } from '../domain/money.js';
import type { WalletBalance } from '../domain/wallet.js';
import { ProviderUnavailableError } from '../errors/index.js';
import { combineWalletBalances, createWalletAggregation } from './wallet-aggregation.js';

function wallet(provider: string, balance: number, activeCards = 1): WalletBalance {
  return {
    provider,
    balance: cents(balance),
    pendingDeposits: cents(100),
    totalDeposited: cents(balance),
    totalSpent: cents(0),
    activeCards,
    cardsTotalBalance: cents(1_000),
  };
}

describe('combineWalletBalances', () => {
  it('sums integer cents exactly', () => {
    const combined = combineWalletBalances([
      { provider: 'alpha', balance: wallet('alpha', 10) },
      { provider: 'beta', balance: wallet('beta', 20, 2) },
    ]);
    expect(combined).toMatchObject({
      balance: cents(30),
      pendingDeposits: cents(200),
      cardsTotalBalance: cents(2_000),
      activeCards: 3,
      complete: true,
    });
    expect(combined.providers.map((result) => result.provider)).toEqual(['alpha', 'beta']);
  });

  it('lists a failed provider and sums the others', () => {
    const error = new ProviderUnavailableError('down', { code: 'connection_failed', provider: 'alpha' });
    const combined = combineWalletBalances([
      { provider: 'alpha', error },
      { provider: 'beta', balance: wallet('beta', 2_550) },
    ]);
    expect(combined.balance).toEqual(usd(25.5));
    expect(combined.complete).toBe(false);
    expect(combined.providers[0]).toEqual({ provider: 'alpha', error });
  });

  it('throws when no provider answered', () => {
    const first = new ProviderUnavailableError('down', { code: 'connection_failed' });
    const second = new ProviderUnavailableError('down', { code: 'server_error', status: 503 });
    let thrown: unknown;
    try {
      combineWalletBalances([
        { provider: 'alpha', error: first },
        { provider: 'beta', error: second },
      ]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'all_providers_failed' });
    expect((thrown as Error).message).toBe(
      'no provider answered wallet.balance: alpha (connection_failed), beta (server_error)',
    );
    expect((thrown as Error).cause).toBe(first);
  });
});

describe('createWalletAggregation', () => {
  it('reads every source, reporting typed failures and rethrowing bugs', async () => {
    const down = new ProviderUnavailableError('down', { code: 'connection_failed' });
    const aggregation = createWalletAggregation([
      { provider: 'alpha', readBalance: () => Promise.reject(down) },
      { provider: 'beta', readBalance: async () => wallet('beta', 500) },
    ]);
    expect(await aggregation.balances()).toEqual([
      { provider: 'alpha', error: down },
      { provider: 'beta', balance: wallet('beta', 500) },
    ]);
    expect((await aggregation.combined()).balance).toEqual(cents(500));

    const buggy = createWalletAggregation([
      { provider: 'alpha', readBalance: () => Promise.reject(new TypeError('bug')) },
    ]);
    await expect(buggy.balances()).rejects.toThrow(TypeError);
  });
});
