import type { WalletBalance } from '@cardgw/core';
import { InvalidRequestError } from '@cardgw/core';
import type { DepositAddress, WalletResource } from '@cardgw/core/provider-utils';
import {
  assertFiltersSupported,
  depositAddressSchema,
  depositListSchema,
  parseInput,
} from '@cardgw/core/provider-utils';
import type { DeterministicSource } from './deterministic-source.js';
import { beginCall, type MemoryContext, money, runRead } from './memory-context.js';
import { filterObject, listFromMemory, newestFirst, selectionOf } from './memory-list.js';

const bech32Alphabet = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const base58Alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** The assets, networks and minimums of CryptoCardy's `GET /wallet/deposit-address`, with deterministic addresses. */
export function depositAddressesFor(random: DeterministicSource, provider: string): readonly DepositAddress[] {
  const ethereum = `0x${random.hex('address:eth', 40)}`;
  return Object.freeze(
    [
      {
        asset: 'btc',
        address: `bc1q${random.characters('address:btc', bech32Alphabet, 38)}`,
        network: 'bitcoin',
        minimumDeposit: '0.0001',
      },
      { asset: 'eth', address: ethereum, network: 'ethereum', minimumDeposit: '0.005' },
      {
        asset: 'sol',
        address: random.characters('address:sol', base58Alphabet, 44),
        network: 'solana',
        minimumDeposit: '0.1',
      },
      // The page shows USDT on ERC-20 at the same address as ETH.
      { asset: 'usdt', address: ethereum, network: 'erc-20', minimumDeposit: '5.00' },
    ].map((address) => Object.freeze({ provider, ...address })),
  );
}

export function createMemoryWallet(context: MemoryContext): WalletResource {
  const { provider, state } = context;
  const addresses = depositAddressesFor(context.random, provider);
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
            `wallet.depositAddresses: ${provider} takes no deposits in ${parsed.asset} (btc, eth, sol, usdt)`,
            {
              code: 'unsupported_asset',
              provider,
              issues: [{ field: 'asset', rule: 'must be btc, eth, sol or usdt' }],
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
