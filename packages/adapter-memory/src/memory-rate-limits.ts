import { RateLimitError, type RateLimitRule } from '@cardgw/core';
import {
  defaultSafetyMarginMs,
  RuleWindow,
  rulesForOperation,
  validateRateLimitRules,
} from '@cardgw/core/provider-utils';
import type { Clock } from './manual-clock.js';
import { isManualClock } from './manual-clock.js';

/**
 * How long a call may wait for a slot when it gives no `timeoutMs`: the adapters' default total deadline per call
 * (`timeoutMs` 30,000 ms), so the double refuses exactly the calls an adapter's limiter would.
 */
export const defaultCallDeadlineMs = 30_000;

/**
 * The provider's quotas as its adapter enforces them before any request (a sliding window per rule, plus the
 * limiter's safety margin): a call is admitted when every rule that applies has room; else it waits for the slot when
 * that fits in its deadline (the issuer's manual clock is moved forward by the wait, a real clock is waited on), and
 * is refused with `RateLimitError` (`code: 'rate_limited'`, `retryAfterMs`, no `status`: nothing reached the provider)
 * when it does not.
 */
export interface MemoryRateLimits {
  /**
   * Takes a slot for one request of `operation`. Returns `undefined` when admitted now (the manual clock may have
   * moved), or a promise that resolves once a real clock reached the slot. Throws `RateLimitError` when the slot is
   * later than `deadlineMs` from now.
   */
  admit(operation: string, deadlineMs: number): Promise<void> | undefined;
}

export function createMemoryRateLimits(
  provider: string,
  rules: readonly RateLimitRule[],
  clock: Clock,
): MemoryRateLimits | undefined {
  if (rules.length === 0) return undefined;
  validateRateLimitRules(rules); // a ConfigError naming the rule's faulty option
  const windows = new Map<string, RuleWindow>();
  const windowOf = (rule: RateLimitRule) => {
    let window = windows.get(rule.name);
    if (window === undefined) {
      window = new RuleWindow(rule.limit, rule.windowMs, defaultSafetyMarginMs);
      windows.set(rule.name, window);
    }
    return window;
  };
  return {
    admit(operation, deadlineMs) {
      const applicable = rulesForOperation(rules, operation);
      const now = clock.now();
      let slot = now;
      let limitedBy: string | undefined;
      for (const rule of applicable) {
        const time = windowOf(rule).slotTime(0, now);
        if (time > slot) {
          slot = time;
          limitedBy = rule.name;
        }
      }
      const waitMs = slot - now;
      if (waitMs > deadlineMs) {
        const retryAfterMs = Math.ceil(waitMs);
        throw new RateLimitError(
          `${provider} ${operation}: waiting for rate limit "${limitedBy}" would pass the call's deadline: next slot in ${retryAfterMs} ms`,
          { provider, retryAfterMs },
        );
      }
      for (const rule of applicable) windowOf(rule).record(slot);
      if (waitMs <= 0) return undefined;
      // The wait the adapter's limiter would make: on the manual clock it takes no real time.
      if (isManualClock(clock)) {
        clock.advance(waitMs);
        return undefined;
      }
      return new Promise((resolve) => setTimeout(resolve, waitMs));
    },
  };
}
