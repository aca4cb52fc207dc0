import type { AcquireOptions, AcquireResult, RateLimiter, RateLimitRule } from '../../rate-limit/types.js';

export interface FakeRateLimiter extends RateLimiter {
  readonly acquired: { rules: readonly string[]; options: AcquireOptions | undefined }[];
  readonly paused: { rule: string; ms: number }[];
  closed: number;
  /** What the next `acquire` calls resolve (or reject) with; by default at once with no wait. */
  nextAcquire:
    | ((rules: readonly RateLimitRule[], options: AcquireOptions | undefined) => Promise<AcquireResult>)
    | undefined;
}

/** A limiter that admits everything at once and records what the pipeline asked of it. */
export function createFakeRateLimiter(): FakeRateLimiter {
  const limiter: FakeRateLimiter = {
    acquired: [],
    paused: [],
    closed: 0,
    nextAcquire: undefined,
    acquire(rules, options) {
      limiter.acquired.push({ rules: rules.map((rule) => rule.name), options });
      return limiter.nextAcquire?.(rules, options) ?? Promise.resolve({ waitedMs: 0, limitedBy: undefined });
    },
    pause(rule, ms) {
      limiter.paused.push({ rule: rule.name, ms });
    },
    async close() {
      limiter.closed++;
    },
  };
  return limiter;
}
