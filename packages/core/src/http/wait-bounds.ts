import { ConfigError } from '../errors/config-error.js';
import type { RateLimitRule } from '../rate-limit/types.js';
import { isDurationInRange, maxTimerMs } from '../validation/duration-range.js';
import type { HttpClientOptions } from './types.js';

/** `retry.maxRetryAfterMs` when the client has no rate-limit rules to take it from: one minute. */
export const fallbackMaxRetryAfterMs = 60_000;

/**
 * The default cap on an honoured `Retry-After`: the longest window among the client's rules (a provider asking for
 * longer than its longest quota window is misbehaving: one 429 with `Retry-After: 36000` must not stop every call for
 * ten hours), or one minute when there are no rules.
 */
export function defaultMaxRetryAfterMs(limits: readonly RateLimitRule[]): number {
  let longest = 0;
  for (const rule of limits) {
    if (isDurationInRange(rule?.windowMs, maxTimerMs)) longest = Math.max(longest, rule.windowMs);
  }
  return longest > 0 ? longest : fallbackMaxRetryAfterMs;
}

/**
 * How long the limiter holds an attempt's slot if nobody completes it: twice the attempt timeout (a loaded event loop
 * fires the attempt's timer late), so the hold never ends while the attempt can still reach the provider.
 */
export function slotHoldMs(attemptTimeoutMs: number): number {
  return Math.min(maxTimerMs, 2 * attemptTimeoutMs);
}

/**
 * Refuses every duration option of `createHttpClient` outside its documented range with `ConfigError`: `timeoutMs`,
 * `attemptTimeoutMs`, `retry.minDelayMs`, `retry.maxDelayMs` and `retry.maxRetryAfterMs` must be 1 ms to 2^31−1 ms
 * (`minDelayMs` may be 0). A longer one would become a Node timer that fires after 1 ms.
 */
export function assertDurationOptions(options: HttpClientOptions): void {
  const { provider } = options;
  const durations: [string, unknown, boolean][] = [
    ['timeoutMs', options.timeoutMs, false],
    ['attemptTimeoutMs', options.attemptTimeoutMs, false],
    ['retry.minDelayMs', options.retry?.minDelayMs, true],
    ['retry.maxDelayMs', options.retry?.maxDelayMs, true],
    ['retry.maxRetryAfterMs', options.retry?.maxRetryAfterMs, false],
  ];
  for (const [name, value, zeroAllowed] of durations) {
    if (value !== undefined && !isDurationInRange(value, maxTimerMs, zeroAllowed)) {
      throw new ConfigError(
        `${provider}: ${name} must be a number of milliseconds from ${zeroAllowed ? 0 : 1} to 2^31−1`,
        { provider, option: name },
      );
    }
  }
}
