import type { RateLimitRule } from '@cardgw/core';
import { rulesForOperation } from '@cardgw/core/provider-utils';

export type QuotaDecision =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly rule: string; readonly retryAfterMs: number };

/** A provider's quotas enforced strictly: a sliding window over arrival times, per client (credential). */
export interface StrictQuota {
  /** Admits the request (counting it under every rule that applies) or refuses it without counting it. */
  admit(client: string, operation: string, now: number): QuotaDecision;
}

/**
 * Each rule keeps, per client, the arrival times of the requests it admitted in the last `windowMs`. A request is
 * admitted only if every rule that applies has room; refused requests are not counted (a client that backs off
 * regains its quota exactly one window after its oldest admitted request).
 */
export function createStrictQuota(rules: readonly RateLimitRule[]): StrictQuota {
  const windows = new Map<string, number[]>();

  const arrivals = (rule: RateLimitRule, client: string, now: number): number[] => {
    const key = `${rule.name}\u0000${client}`;
    let times = windows.get(key);
    if (!times) {
      times = [];
      windows.set(key, times);
    }
    let expired = 0;
    while (expired < times.length && (times[expired] as number) <= now - rule.windowMs) expired += 1;
    if (expired > 0) times.splice(0, expired);
    return times;
  };

  return {
    admit(client, operation, now) {
      // The same selection as the client's limiter: the simulator refuses exactly what the client paces.
      const applicable = rulesForOperation(rules, operation);
      let refusal: { rule: string; retryAfterMs: number } | undefined;
      const admitted: number[][] = [];
      for (const rule of applicable) {
        const times = arrivals(rule, client, now);
        if (times.length >= rule.limit) {
          const retryAfterMs = (times[times.length - rule.limit] as number) + rule.windowMs - now;
          if (!refusal || retryAfterMs > refusal.retryAfterMs) refusal = { rule: rule.name, retryAfterMs };
        } else {
          admitted.push(times);
        }
      }
      if (refusal) return { admitted: false, ...refusal };
      for (const times of admitted) times.push(now);
      return { admitted: true };
    },
  };
}
