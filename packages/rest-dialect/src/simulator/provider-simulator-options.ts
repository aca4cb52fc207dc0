import type { MemoryIssuer } from '@cardgw/adapter-memory';
import type { RateLimitRule } from '@cardgw/core';
import { type RestLimitName, type RestLimitOverrides, resolveRestLimits } from '../rest-limits.js';
import type { RestSimulatorOptions } from './rest-simulator.js';

/** The options every provider simulator of the dialect takes besides its credential. */
export interface ProviderSimulatorOptions {
  /** @default 0 (any free port on 127.0.0.1) */
  readonly port?: number | undefined;
  /** The state machine behind the API. @default createMemoryIssuer({ provider }) */
  readonly backend?: MemoryIssuer | undefined;
  /**
   * The quotas enforced (sliding window, 429 + Retry-After): the provider's published ones, with these overrides
   * (scaled down for tests and benchmarks), or `false` for none. @default the provider's limits
   */
  readonly limits?: RestLimitOverrides | false | undefined;
  /** Webhook delivery: attempts, retry delay, timeout, loopback-only. */
  readonly webhooks?: RestSimulatorOptions['webhooks'];
  /** @default 'X-Webhook-Signature' */
  readonly webhookSignatureHeader?: string | undefined;
}

/** The simulator's quotas from a provider's defaults and the `limits` option. */
export function simulatorLimits(
  provider: string,
  defaults: Readonly<Record<RestLimitName, RateLimitRule>>,
  limits: RestLimitOverrides | false | undefined,
): RateLimitRule[] {
  return limits === false ? [] : resolveRestLimits(provider, defaults, limits);
}
