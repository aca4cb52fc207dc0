import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { createPrivCards } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { CardGatewayError, type RateLimiter, usd } from '@cardgw/core';
import type { RestLimitOverrides } from '@cardgw/rest-dialect';
import { startJitterProxy } from './jitter-proxy.js';
import { quotaShare, recordCardGets } from './record-grants.js';
import { startProviderProcess } from './start-provider-process.js';

/** P2's quota, scaled down from PrivCards' per-minute rule so a run takes seconds: 100 requests per 2 s. */
export const burstLimit = 100;
export const burstWindowMs = 2_000;
/** Windows measured, from the first request the simulator executed. */
export const burstWindows = 3;
/** More than three windows' worth, so demand exceeds the quota for the whole measured span. */
export const burstSize = 350;

export interface BurstOutcome {
  /** Requests the simulator executed in the measured windows, as a share of what the quota allows there. */
  readonly share: number;
  readonly tooMany: number;
  readonly failed: number;
  /** The code of the first failed call, when one failed. */
  readonly firstFailure: string | undefined;
}

export interface BurstOptions {
  /** Puts a jitter proxy (0..maxDelayMs per request) between the adapter and the simulator. */
  readonly jitterMs?: number | undefined;
  /** The quota's window; the limit stays `burstLimit`. @default burstWindowMs (2 s) */
  readonly windowMs?: number | undefined;
  /** The adapter's limiter; by default its own local one. */
  readonly limiter?: RateLimiter | undefined;
  /**
   * Runs the simulator (and the proxy) in a process of its own, as a real provider runs elsewhere: the load the bench
   * puts on this process then slows the client, not the provider's counting. @default false
   */
  readonly separateProvider?: boolean | undefined;
}

/**
 * P2 through the real stack: the PrivCards simulator enforcing a strict sliding window of 100 requests per 2 s on
 * every request (429 beyond it), the PrivCards adapter configured with the same limits, and an oversubscribed burst
 * of 350 concurrent `cards.get`. Counts what the simulator executed (by its own clock) and answered 429.
 */
export async function runAdapterBurst(options: BurstOptions = {}): Promise<BurstOutcome> {
  if (options.separateProvider) return runAgainstProviderProcess(options);
  const windowMs = options.windowMs ?? burstWindowMs;
  const limits: RestLimitOverrides = { 'requests-per-minute': { limit: burstLimit, windowMs } };
  const recorded = recordCardGets(createMemoryIssuer({ provider: 'privcards' }));
  const simulator = await startPrivCardsSimulator({ limits, backend: recorded.backend });
  const proxy = options.jitterMs === undefined ? undefined : await startJitterProxy(simulator.url, options.jitterMs);
  const issuer = createPrivCards({
    apiKey: simulator.apiKey,
    baseUrl: proxy?.url ?? simulator.url,
    limits,
    limiter: options.limiter,
    timeoutMs: 60_000,
  });
  try {
    const card = await simulator.backend.cards.create({ binId: '491653', amount: usd(100), label: 'P2' });
    const outcomes = await Promise.allSettled(Array.from({ length: burstSize }, () => issuer.cards.get(card.id)));
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
    const failure = failed[0]?.status === 'rejected' ? failed[0].reason : undefined;
    return {
      share: quotaShare(recorded.grants, burstLimit, windowMs, burstWindows),
      tooMany: simulator.requests.filter((request) => request.status === 429).length,
      failed: failed.length,
      firstFailure: CardGatewayError.isInstance(failure) ? failure.code : undefined,
    };
  } finally {
    await issuer.close();
    await proxy?.close();
    await simulator.close();
  }
}

/** `99.6% of quota, 0 × 429, 0 failed`. */
export function describeBurst(outcome: BurstOutcome): string {
  const why = outcome.firstFailure === undefined ? '' : ` (first: ${outcome.firstFailure})`;
  return `${(outcome.share * 100).toFixed(1)}% of quota, ${outcome.tooMany} × 429, ${outcome.failed} failed${why}`;
}

async function runAgainstProviderProcess(options: BurstOptions): Promise<BurstOutcome> {
  const windowMs = options.windowMs ?? burstWindowMs;
  const limits: RestLimitOverrides = { 'requests-per-minute': { limit: burstLimit, windowMs } };
  const provider = await startProviderProcess({
    limit: burstLimit,
    windowMs,
    windows: burstWindows,
    jitterMs: options.jitterMs,
  });
  const issuer = createPrivCards({
    apiKey: provider.apiKey,
    baseUrl: provider.url,
    limits,
    limiter: options.limiter,
    timeoutMs: 60_000,
  });
  let settled: PromiseSettledResult<unknown>[];
  try {
    settled = await Promise.allSettled(Array.from({ length: burstSize }, () => issuer.cards.get(provider.cardId)));
  } finally {
    await issuer.close();
  }
  const counted = await provider.report();
  const failed = settled.filter((outcome) => outcome.status === 'rejected');
  const failure = failed[0]?.status === 'rejected' ? failed[0].reason : undefined;
  return {
    share: counted.share,
    tooMany: counted.tooMany,
    failed: failed.length,
    firstFailure: CardGatewayError.isInstance(failure) ? failure.code : undefined,
  };
}
