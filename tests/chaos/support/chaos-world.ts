import { createCryptoCardy } from '@cardgw/adapter-cryptocardy';
import { type CryptoCardySimulator, startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { createPrivCards } from '@cardgw/adapter-privcards';
import { type PrivCardsSimulator, startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { createFailoverIssuer, type FailoverIssuer, type Money, usd } from '@cardgw/core';
import { createMemoryIssuer } from '@cardgw/core/memory';
import type { RestLimitOverrides, RestSimulator } from '@cardgw/core/rest';
import type { ChaosProvider } from './chaos-schedule.js';

/**
 * Both simulators, started once and reused by every schedule (a schedule's checks are about its own cards, marked by
 * label, and about each backend's ledger as a whole, which no schedule may break). Each schedule gets a fresh gateway,
 * so circuit breakers, limiter pauses and pooled sockets never leak from one schedule into the next.
 */
export interface ChaosWorld {
  readonly simulators: Readonly<Record<ChaosProvider, RestSimulator>>;
  /** What each backend's wallet held at the start: wallet + card balances + spent must always add up to it. */
  readonly initialWallet: Money;
  /** Whether `refuseConnections()` is in force (accepting twice would throw). */
  readonly refused: Set<ChaosProvider>;
  /** Clears every queued fault and the latency, and accepts connections again. */
  calm(): Promise<void>;
  createGateway(): FailoverIssuer;
  close(): Promise<void>;
}

/** Short enough that a schedule takes a fraction of a second, long enough for loopback HTTP on a busy machine. */
export const chaosTiming = {
  /** Total deadline of one call, retries included. */
  timeoutMs: 800,
  /** One attempt; a held answer (timeout after commit) is given up after this. */
  attemptTimeoutMs: 120,
  maxRetries: 2,
  retryBackoff: { minDelayMs: 2, maxDelayMs: 20, maxRetryAfterMs: 100 },
  breaker: { consecutiveFailures: 3, halfOpenAfterMs: 40 },
} as const;

// Nothing here waits for a quota: the simulators enforce none and the adapters' limits are far out of reach.
const unlimited: RestLimitOverrides = {
  'requests-per-minute': { limit: 1_000_000_000 },
  'requests-per-hour': { limit: 1_000_000_000 },
  'card-creates-per-minute': { limit: 1_000_000_000 },
  'card-details-per-minute': { limit: 1_000_000_000 },
};

export async function startChaosWorld(): Promise<ChaosWorld> {
  // Enough for 10,000 schedules of card creations without a business "insufficient funds" at the wallet.
  const initialWallet = usd(100_000_000);
  const privcards: PrivCardsSimulator = await startPrivCardsSimulator({
    limits: false,
    backend: createMemoryIssuer({ provider: 'privcards', walletBalance: initialWallet }),
  });
  const cryptocardy: CryptoCardySimulator = await startCryptoCardySimulator({
    limits: false,
    backend: createMemoryIssuer({ provider: 'cryptocardy', walletBalance: initialWallet }),
  });
  const simulators = { privcards, cryptocardy } as const;
  const refused = new Set<ChaosProvider>();

  const adapterOptions = {
    timeoutMs: chaosTiming.timeoutMs,
    attemptTimeoutMs: chaosTiming.attemptTimeoutMs,
    maxRetries: chaosTiming.maxRetries,
    retryBackoff: chaosTiming.retryBackoff,
    limits: unlimited,
  };

  return {
    simulators,
    initialWallet,
    refused,
    async calm() {
      privcards.faults.clear();
      cryptocardy.faults.clear();
      for (const name of [...refused]) {
        await simulators[name].faults.acceptConnections();
        refused.delete(name);
      }
    },
    createGateway() {
      return createFailoverIssuer(
        [
          createPrivCards({ ...adapterOptions, apiKey: privcards.apiKey, baseUrl: privcards.url }),
          createCryptoCardy({ ...adapterOptions, seed: cryptocardy.seed, baseUrl: cryptocardy.url }),
        ],
        { breaker: chaosTiming.breaker },
      );
    },
    async close() {
      await Promise.all([privcards.close(), cryptocardy.close()]);
    },
  };
}
