import {
  type Card,
  type CardIssuer,
  ConfigError,
  type IssuerCapabilities,
  type Money,
  type RateLimitRule,
  type Secret,
  usd,
} from '@cardgw/core';
import { type BillingAddress, providerNamePattern, provideZod, publishingFailures } from '@cardgw/core/provider-utils';
import { z } from 'zod';
import { defaultBillingAddress } from './card-record.js';
import { type BinSeed, defaultBinSeeds } from './default-bins.js';
import { createIdSequence, type IdKind } from './deterministic-ids.js';
import { createDeterministicSource } from './deterministic-source.js';
import { createEventBus, type MemoryEvents } from './event-bus.js';
import { createFaultInjector, type MemoryFaults } from './fault-injector.js';
import { createIdempotencyStore } from './idempotency-store.js';
import { type Clock, createManualClock, type ManualClock } from './manual-clock.js';
import { binsFromSeeds, createMemoryBins } from './memory-bins.js';
import { memoryCapabilities } from './memory-capabilities.js';
import { createMemoryCards } from './memory-cards.js';
import { type CardFieldSets, type MemoryContext, money, nowIso } from './memory-context.js';
import { createMemoryRateLimits } from './memory-rate-limits.js';
import { createMemorySimulation, type MemorySimulation } from './memory-simulation.js';
import { createMemoryState } from './memory-state.js';
import { createMemoryThreeDS } from './memory-three-ds.js';
import { createMemoryTransactions } from './memory-transactions.js';
import { createMemoryWallet, defaultDepositAssets, type MemoryDepositAsset } from './memory-wallet.js';
import { createMemoryWebhooks } from './memory-webhooks.js';

/** Options of `createMemoryIssuer`: provider name, starting balance, clock, ids, seed, BINs and capabilities. */
export interface MemoryIssuerOptions {
  /**
   * The id prefix of everything the issuer issues (`memory:card_000001`). Naming a provider here changes only the ids:
   * to behave as that provider, pass its profile (`createMemoryIssuer(profile)`). @default 'memory'
   */
  readonly provider?: string | undefined;
  /** What the wallet holds at the start. @default usd(10_000) */
  readonly walletBalance?: Money | undefined;
  /** Where time comes from; exposed as `issuer.clock`. @default a manual clock at 2026-01-01T00:00:00.000Z */
  readonly clock?: Clock | undefined;
  /** Per-kind prefixes of the sequential provider ids. @default card_, txn_, 3ds_, dep_, wh_, evt_ */
  readonly idPrefix?: Partial<Record<IdKind, string>> | undefined;
  /** Seeds PANs, CVVs, OTPs, addresses and generated secrets: same seed and calls, same values. @default 'cardgw' */
  readonly seed?: string | undefined;
  /** The BINs it issues from. @default `defaultBinSeeds`: 491653 (visa) and 531993 (mastercard), type `standard` */
  readonly bins?: readonly BinSeed[] | undefined;
  /** Declare less than everything, to exercise `UnsupportedOperationError`. @default every operation and filter */
  readonly capabilities?: Partial<IssuerCapabilities> | undefined;
  /** Page sizes when `perPage` is not given. @default { cards: 25, transactions: 50 } (as the pages say) */
  readonly defaultPerPage?:
    | { readonly cards?: number | undefined; readonly transactions?: number | undefined }
    | number
    | undefined;
  /** The signing secret of webhook endpoints created without one. @default a generated `whsec_` + 32 hex per endpoint */
  readonly webhookSigningSecret?: string | Secret | undefined;
  /**
   * Quotas enforced as an adapter's limiter enforces them before any request: a sliding window per rule (plus the
   * limiter's 100 ms margin); a call waits for its slot when that fits in its `timeoutMs` (default 30,000 ms, the
   * adapters' deadline; the manual clock is moved forward by the wait, a real clock is waited on), else it is refused
   * with `RateLimitError` (`retryAfterMs`, no `status`). A provider's profile gives its published limits; `false` or
   * `[]` turns them off. @default none: the generic issuer has no quotas
   */
  readonly limits?: readonly RateLimitRule[] | false | undefined;
  /**
   * Which card fields `cards.list` items and the `cards.create` answer carry, as the provider's page shows them (a
   * profile gives its page's summary: code reading a field the provider leaves out reads `undefined` here too).
   * `cards.get`, `update` and `unfreeze` always answer the whole card. @default every field in every answer
   */
  readonly cardFields?: CardFieldSets | undefined;
  /**
   * The billing address every card's details carry (`cards.details`), as the provider's page shows it (a profile gives
   * its page's). @default `1 Example Street, Springfield, IL 62701, US`, belonging to no provider
   */
  readonly billingAddress?: BillingAddress | undefined;
  /**
   * The assets the wallet takes deposits in (`wallet.depositAddresses`), with networks, minimums and address forms, as
   * the provider's page lists them (a profile gives its page's). @default `defaultDepositAssets`: btc and eth
   */
  readonly depositAssets?: readonly MemoryDepositAsset[] | undefined;
}

/**
 * The options that make the in-memory issuer behave as one provider (its name, capabilities and filters, HTTPS-only
 * webhooks, published limits, answer shapes, BINs, billing address): each adapter package exports its own, from
 * its `/testing` entry (`@cardgw/adapter-<provider>/testing`). Use it as is, or spread it and add test options:
 * `createMemoryIssuer({ ...profile, walletBalance: usd(1_000) })`.
 */
export type MemoryIssuerProfile = Readonly<
  Pick<
    MemoryIssuerOptions,
    | 'provider'
    | 'capabilities'
    | 'limits'
    | 'cardFields'
    | 'bins'
    | 'defaultPerPage'
    | 'billingAddress'
    | 'depositAssets'
  >
>;

/**
 * A `CardIssuer` backed by a faithful in-process state machine, plus the controls tests need. With a provider's profile
 * it answers as that provider's adapter does (see `MemoryIssuerProfile`; checked by the differential suite).
 */
export interface MemoryIssuer extends CardIssuer {
  /**
   * The issuer's time source: a `ManualClock` unless one was given (the union lets a test narrow it with a cast or
   * `isManualClock(issuer.clock)` to move time).
   */
  readonly clock: Clock | ManualClock;
  /** What merchants, cardholders and the blockchain do on the provider's side. */
  readonly simulate: MemorySimulation;
  /** Make the next calls of an operation fail. */
  readonly faults: MemoryFaults;
  /** The last 1,000 events emitted (the twelve documented names), and a live subscription to every event. */
  readonly events: MemoryEvents;
  /** The whole ledger at once, for invariant checks: wallet + sum of card balances (+ totalSpent) is conserved. */
  snapshot(): MemorySnapshot;
}

/** The in-memory issuer's whole ledger at one instant (`issuer.snapshot()`), for invariant checks in tests. */
export interface MemorySnapshot {
  readonly walletBalance: Money;
  /** Every card, terminated ones included, in creation order. */
  readonly cards: readonly Card[];
  /** How many transactions were recorded. */
  readonly transactions: number;
  /** Settled purchases minus refunds. */
  readonly totalSpent: Money;
  /** How many 3-D Secure challenges, deposits and webhook endpoints exist. */
  readonly threeDSChallenges: number;
  readonly deposits: number;
  readonly webhooks: number;
}

const defaultWalletBalance = usd(10_000);

/**
 * A `CardIssuer` backed by an in-process state machine, with simulation controls (`simulate`), fault injection
 * (`faults`), events and a manual clock: deterministic for the same options. Throws `ConfigError` for invalid options.
 */
export function createMemoryIssuer(options: MemoryIssuerOptions = {}): MemoryIssuer {
  // This package imports zod statically (its simulations' schemas): core's schemas use that copy at once, so the
  // in-memory issuer validates synchronously, as it always did (a REST adapter loads zod with its first call instead).
  provideZod(z);
  const provider = options.provider ?? 'memory';
  if (!providerNamePattern.test(provider)) {
    throw new ConfigError('createMemoryIssuer: provider must be a lowercase slug like memory or acme', {
      option: 'provider',
    });
  }
  const walletBalance = options.walletBalance ?? defaultWalletBalance;
  if (!Number.isSafeInteger(walletBalance.amount) || walletBalance.amount < 0) {
    throw new ConfigError('createMemoryIssuer: walletBalance must be Money with non-negative integer cents', {
      option: 'walletBalance',
    });
  }
  const prefixes = options.idPrefix ?? {};
  for (const [kind, prefix] of Object.entries(prefixes)) {
    if (prefix !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,64}$/.test(prefix)) {
      throw new ConfigError(`createMemoryIssuer: idPrefix.${kind} must be letters, digits, _ . or -`, {
        option: `idPrefix.${kind}`,
      });
    }
  }
  const bins = binsFromSeeds(provider, options.bins ?? defaultBinSeeds);
  if (bins.length === 0) throw new ConfigError('createMemoryIssuer: bins must not be empty', { option: 'bins' });
  const perPage = resolvePerPage(options.defaultPerPage);
  const clock = options.clock ?? createManualClock();
  const ids = createIdSequence(prefixes);
  const state = createMemoryState(walletBalance.amount);
  const secret = options.webhookSigningSecret;

  const partial = {
    provider,
    capabilities: memoryCapabilities(options.capabilities),
    clock,
    state,
    ids,
    random: createDeterministicSource(options.seed ?? 'cardgw'),
    faults: createFaultInjector(),
    idempotency: createIdempotencyStore(() => clock.now()),
    bins,
    cardsPerPage: perPage.cards,
    transactionsPerPage: perPage.transactions,
    webhookSigningSecret: typeof secret === 'string' || secret === undefined ? secret : secret.reveal(),
    limits: createMemoryRateLimits(provider, options.limits === false ? [] : (options.limits ?? []), clock),
    cardFields: options.cardFields ?? {},
    billingAddress: options.billingAddress ?? defaultBillingAddress,
    depositAssets: options.depositAssets ?? defaultDepositAssets,
  };
  let requests = 0;
  const context: MemoryContext = {
    ...partial,
    nextRequestId: () => {
      requests += 1;
      return `req_${partial.random.hex(`request:${requests}`, 12)}`;
    },
    events: createEventBus({
      provider,
      nextEventId: () => ids.next('event'),
      now: () => nowIso(context),
      endpoints: () => [...state.webhooks.values()].map((webhook) => webhook.endpoint),
    }),
  };

  return publishingFailures<MemoryIssuer>({
    specificationVersion: 'v1',
    provider,
    capabilities: context.capabilities,
    clock,
    cards: createMemoryCards(context),
    transactions: createMemoryTransactions(context),
    wallet: createMemoryWallet(context),
    bins: createMemoryBins(context),
    threeDS: createMemoryThreeDS(context),
    webhooks: createMemoryWebhooks(context),
    simulate: createMemorySimulation(context),
    faults: { failNext: context.faults.failNext, clear: context.faults.clear },
    events: {
      subscribe: (listener) => context.events.subscribe(listener),
      get history() {
        return context.events.history;
      },
      endpointsFor: (type) => context.events.endpointsFor(type),
    },
    snapshot() {
      return Object.freeze({
        walletBalance: money(state.walletBalance),
        cards: Object.freeze([...state.cards.values()].map((card) => card.view)),
        transactions: state.transactions.size,
        totalSpent: money(state.totalSpent),
        threeDSChallenges: state.challenges.size,
        deposits: state.deposits.size,
        webhooks: state.webhooks.size,
      });
    },
    // Nothing to release: no socket, timer or connection. The state stays readable for assertions after close.
    async close() {},
  });
}

function resolvePerPage(given: MemoryIssuerOptions['defaultPerPage']): { cards: number; transactions: number } {
  const resolved =
    typeof given === 'number'
      ? { cards: given, transactions: given }
      : { cards: given?.cards ?? 25, transactions: given?.transactions ?? 50 };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1 || value > 100) {
      throw new ConfigError(`createMemoryIssuer: defaultPerPage.${name} must be an integer from 1 to 100`, {
        option: `defaultPerPage.${name}`,
      });
    }
  }
  return resolved;
}
