import { InvalidRequestError, type WalletBalance } from '@cardgw/core';
import {
  assertFiltersSupported,
  type DepositAddress,
  depositAddressSchema,
  depositListSchema,
  parseInput,
  type WalletResource,
} from '@cardgw/core/provider-utils';
import type { DeterministicSource } from './deterministic-source.js';
import { beginCall, type MemoryContext, money, runRead } from './memory-context.js';
import { filterObject, listFromMemory, newestFirst, selectionOf } from './memory-list.js';

const bech32Alphabet = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const base58Alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** One asset the in-memory wallet takes deposits in, and how its deterministic deposit address looks. */
export interface MemoryDepositAsset {
  /** Lowercase, as `wallet.depositAddresses({ asset })` takes it: `btc`. */
  readonly asset: string;
  /** The chain the address is on: `bitcoin`, `erc-20`. */
  readonly network: string;
  /** The smallest deposit credited, a decimal string in the asset's unit: `"0.0001"`. */
  readonly minimumDeposit: string;
  /**
   * The address's form: `bech32` (`bc1q` + 38 characters), `hex` (`0x` + 40 hex digits), `base58` (44 characters),
   * or `{ sameAs: 'eth' }` for a token held at another asset's address (listed earlier).
   */
  readonly addressFormat: 'bech32' | 'hex' | 'base58' | { readonly sameAs: string };
}

/**
 * The deposit assets of a generic in-memory issuer, belonging to no provider: bitcoin and ether. A provider's profile
 * (`depositAssets`) brings the assets, networks and minimums its page lists.
 */
export const defaultDepositAssets: readonly MemoryDepositAsset[] = Object.freeze([
  Object.freeze({ asset: 'btc', network: 'bitcoin', minimumDeposit: '0.001', addressFormat: 'bech32' as const }),
  Object.freeze({ asset: 'eth', network: 'ethereum', minimumDeposit: '0.01', addressFormat: 'hex' as const }),
]);

/** The wallet's deposit addresses, one per asset, deterministic for the issuer's seed. */
export function depositAddressesFor(
  random: DeterministicSource,
  provider: string,
  assets: readonly MemoryDepositAsset[] = defaultDepositAssets,
): readonly DepositAddress[] {
  const byAsset = new Map<string, string>();
  const addressOf = (asset: MemoryDepositAsset): string => {
    const format = asset.addressFormat;
    if (typeof format === 'object')
      return byAsset.get(format.sameAs) ?? `0x${random.hex(`address:${asset.asset}`, 40)}`;
    // The key names of the first assets are kept, so a seed gives the same addresses as before.
    const key = `address:${asset.asset}`;
    if (format === 'bech32') return `bc1q${random.characters(key, bech32Alphabet, 38)}`;
    if (format === 'hex') return `0x${random.hex(key, 40)}`;
    return random.characters(key, base58Alphabet, 44);
  };
  return Object.freeze(
    assets.map((asset) => {
      const address = addressOf(asset);
      byAsset.set(asset.asset, address);
      return Object.freeze({
        provider,
        asset: asset.asset,
        address,
        network: asset.network,
        minimumDeposit: asset.minimumDeposit,
      });
    }),
  );
}

export function createMemoryWallet(context: MemoryContext): WalletResource {
  const { provider, state } = context;
  const addresses = depositAddressesFor(context.random, provider, context.depositAssets);
  const offered = addresses.map((address) => address.asset);
  return {
    async balance(options) {
      beginCall(context, 'wallet.balance', options);
      return runRead(context, 'wallet.balance', options, () => walletBalanceOf(context));
    },

    async depositAddresses(query, options) {
      beginCall(context, 'wallet.depositAddresses', options);
      const parsed = parseInput(depositAddressSchema, query, 'wallet.depositAddresses', provider);
      return runRead(context, 'wallet.depositAddresses', options, () => {
        if (parsed.asset === undefined) return addresses;
        const matching = addresses.filter((address) => address.asset === parsed.asset);
        if (matching.length === 0) {
          throw new InvalidRequestError(
            `wallet.depositAddresses: ${provider} takes no deposits in ${parsed.asset} (${offered.join(', ')})`,
            {
              code: 'unsupported_asset',
              provider,
              issues: [{ field: 'asset', rule: `must be ${offeredList(offered)}` }],
            },
          );
        }
        return Object.freeze(matching);
      });
    },

    deposits(filters, options) {
      return listFromMemory(context, 'wallet.deposits', options, () => {
        assertFiltersSupported(
          provider,
          'wallet.deposits',
          context.capabilities.depositListFilters,
          filterObject(filters),
        );
        const parsed = parseInput(depositListSchema, filters, 'wallet.deposits', provider);
        return {
          page: 1,
          perPage: 'all',
          select: () =>
            selectionOf(
              [...state.deposits.values()]
                .filter(
                  (deposit) =>
                    (parsed.status === undefined || deposit.view.status === parsed.status) &&
                    (parsed.asset === undefined || deposit.view.asset === parsed.asset),
                )
                .sort(newestFirst)
                .map((deposit) => deposit.view),
            ),
        };
      });
    },
  };
}

export function walletBalanceOf(context: MemoryContext): WalletBalance {
  const { state } = context;
  let activeCards = 0;
  let cardsTotalBalance = 0;
  for (const card of state.cards.values()) {
    if (card.status === 'active') activeCards += 1;
    cardsTotalBalance += card.balance;
  }
  let pendingDeposits = 0;
  for (const deposit of state.deposits.values()) {
    if (deposit.view.status === 'pending') pendingDeposits += deposit.view.amount.amount;
  }
  return Object.freeze({
    provider: context.provider,
    balance: money(state.walletBalance),
    pendingDeposits: money(pendingDeposits),
    totalDeposited: money(state.totalDeposited),
    totalSpent: money(state.totalSpent),
    activeCards,
    cardsTotalBalance: money(cardsTotalBalance),
  });
}

/** `btc, eth, sol or usdt`. */
function offeredList(assets: readonly string[]): string {
  return assets.length <= 1 ? (assets[0] ?? 'none') : `${assets.slice(0, -1).join(', ')} or ${assets.at(-1)}`;
}
