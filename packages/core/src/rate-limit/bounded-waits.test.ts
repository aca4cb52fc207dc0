import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { maxTimerMs } from '../validation/duration-range.js';
import { createLocalRateLimiter } from './local-rate-limiter.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';
import type { RateLimitRule } from './types.js';

const start = 1_700_000_000_000;
const day = 24 * 60 * 60 * 1000;

beforeEach(() => {
  vi.useFakeTimers({ now: start });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the local limiter’s waits', () => {
  it('sleeps a wait longer than a timer holds (2^31−1 ms) in a few chunks, never spinning, and admits on time', async () => {
    const setTimer = vi.fn((callback: () => void, ms: number) => setTimeout(callback, ms));
    const limiter = createLocalRateLimiter({ setTimer, safetyMarginMs: 0 });
    // A monthly quota of one: the second call waits 30 days, more than a Node timer can hold (~24.8 days).
    const monthly: RateLimitRule = { name: 'per-month', limit: 1, windowMs: 30 * day };
    await limiter.acquire([monthly]);
    let admittedAt: number | undefined;
    void limiter.acquire([monthly]).then(() => {
      admittedAt = Date.now();
    });
    await vi.advanceTimersByTimeAsync(30 * day - 1);
    expect(admittedAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(admittedAt).toBe(start + 30 * day);
    for (const [, ms] of setTimer.mock.calls) expect(ms).toBeLessThanOrEqual(maxTimerMs);
    expect(setTimer.mock.calls.length).toBeLessThanOrEqual(3);
    await limiter.close();
  });

  it('pauses for 31 days at most, however long a pause it is asked for', async () => {
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    const rule: RateLimitRule = { name: 'requests-per-minute', limit: 10, windowMs: 60_000 };
    limiter.pause(rule, Number.MAX_SAFE_INTEGER);
    const error = await limiter.acquire([rule], { deadline: start + 1000 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ retryAfterMs: 31 * day });
    await limiter.close();
  });

  it('refuses a safetyMarginMs that is negative, not a number or longer than a timer holds with ConfigError', () => {
    for (const safetyMarginMs of [-1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      expect(() => createLocalRateLimiter({ safetyMarginMs })).toThrow(ConfigError);
    }
  });

  it('refuses a rule window longer than 31 days with ConfigError before waiting', async () => {
    const limiter = createLocalRateLimiter();
    const yearly: RateLimitRule = { name: 'per-year', limit: 1, windowMs: 365 * day };
    await expect(limiter.acquire([yearly])).rejects.toSatisfy(ConfigError.isInstance);
    await limiter.close();
  });
});

describe('the Redis limiter’s duration options', () => {
  const redis = { evalsha: () => Promise.resolve(null), eval: () => Promise.resolve(null) };

  it.each([
    ['commandTimeoutMs', 2 ** 31],
    ['commandTimeoutMs', 0],
    ['retryRedisAfterMs', 2 ** 31],
    ['safetyMarginMs', Number.POSITIVE_INFINITY],
    ['expectedProcesses', 1.5],
  ])('refuses %s = %d with ConfigError', (option, value) => {
    expect(() => createRedisRateLimiter({ redis, keyPrefix: 'x', [option]: value })).toThrow(ConfigError);
  });
});
