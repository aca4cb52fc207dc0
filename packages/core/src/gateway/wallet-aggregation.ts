import { addMoney, type Money, zeroUsd } from '../domain/money.js';
import type { WalletBalance } from '../domain/wallet.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import type { RequestOptions } from '../port/inputs.js';

/** One provider's wallet: its balance, or why it could not be read. */
export type ProviderWalletResult =
  | { readonly provider: string; readonly balance: WalletBalance; readonly error?: undefined }
  | { readonly provider: string; readonly error: CardGatewayError; readonly balance?: undefined };

/** Every provider's wallet summed, with the per-provider breakdown. */
export interface CombinedWalletBalance {
  /** Sum of the wallets that answered. */
  readonly balance: Money;
  readonly pendingDeposits: Money;
  readonly cardsTotalBalance: Money;
  readonly activeCards: number;
  /** Every provider in configured order; failures are listed here, not thrown. */
  readonly providers: readonly ProviderWalletResult[];
  /** Whether every provider answered (the sums are then the whole picture). */
  readonly complete: boolean;
}

/** Wallet reads across every provider of a gateway (the port's `wallet.balance()` reads one: the first healthy). */
export interface WalletAggregation {
  /** Every provider's balance, read in parallel; a provider that fails is reported with its error. */
  balances(options?: RequestOptions): Promise<readonly ProviderWalletResult[]>;
  /**
   * The balances summed. Providers that fail are listed in `providers` and left out of the sums; only when every
   * provider fails does it throw (`ProviderUnavailableError`, code `all_providers_failed`, the first failure as cause).
   */
  combined(options?: RequestOptions): Promise<CombinedWalletBalance>;
}

export interface WalletSource {
  readonly provider: string;
  readBalance(options?: RequestOptions): Promise<WalletBalance>;
}

export function createWalletAggregation(sources: readonly WalletSource[]): WalletAggregation {
  const balances = (options?: RequestOptions) =>
    Promise.all(
      sources.map(async (source): Promise<ProviderWalletResult> => {
        try {
          return { provider: source.provider, balance: await source.readBalance(options) };
        } catch (error) {
          // Only our typed errors are reported; anything else is a bug and must surface.
          if (!CardGatewayError.isInstance(error)) throw error;
          return { provider: source.provider, error };
        }
      }),
    );
  return {
    balances,
    async combined(options) {
      return combineWalletBalances(await balances(options));
    },
  };
}

/** Sums the balances that were read (integer cents, no float arithmetic); throws only when none was. */
export function combineWalletBalances(results: readonly ProviderWalletResult[]): CombinedWalletBalance {
  let balance = zeroUsd;
  let pendingDeposits = zeroUsd;
  let cardsTotalBalance = zeroUsd;
  let activeCards = 0;
  let answered = 0;
  for (const result of results) {
    if (result.balance === undefined) continue;
    answered++;
    balance = addMoney(balance, result.balance.balance);
    pendingDeposits = addMoney(pendingDeposits, result.balance.pendingDeposits);
    cardsTotalBalance = addMoney(cardsTotalBalance, result.balance.cardsTotalBalance);
    activeCards += result.balance.activeCards;
  }
  if (answered === 0 && results.length > 0) {
    const failures = results.map((result) => `${result.provider} (${result.error?.code ?? 'unknown'})`).join(', ');
    throw new ProviderUnavailableError(`no provider answered wallet.balance: ${failures}`, {
      code: 'all_providers_failed',
      cause: results[0]?.error,
    });
  }
  return {
    balance,
    pendingDeposits,
    cardsTotalBalance,
    activeCards,
    providers: results,
    complete: answered === results.length,
  };
}
