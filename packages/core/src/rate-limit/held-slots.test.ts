import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { createLocalRateLimiter } from './local-rate-limiter.js';
import type { RateLimitRule } from './types.js';

const start = 1_700_000_000_000;
const rule: RateLimitRule = { name: 'requests-per-second', limit: 2, windowMs: 1000 };

beforeEach(() => {
  vi.useFakeTimers({ now: start });
});

afterEach(() => {
  vi.useRealTimers();
});

/** When (ms after start) each of `count` more calls is admitted. */
async function admissionTimes(acquire: () => Promise<unknown>, count: number, runForMs: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) void acquire().then(() => times.push(Date.now() - start));
  await vi.advanceTimersByTimeAsync(runForMs);
  return times;
}

describe('createLocalRateLimiter with held slots (holdMs)', () => {
  it('starts a slot’s window when its attempt completes, not when it was released', async () => {
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    const first = await limiter.acquire([rule], { holdMs: 10_000 });
    const second = await limiter.acquire([rule], { holdMs: 10_000 });
    expect(first.complete).toBeTypeOf('function');
    // The requests take 300 and 700 ms to answer: the provider may have counted them as late as that.
    await vi.advanceTimersByTimeAsync(300);
    first.complete?.();
    await vi.advanceTimersByTimeAsync(400);
    second.complete?.();
    const times = await admissionTimes(() => limiter.acquire([rule], { holdMs: 10_000 }), 2, 3000);
    // Stamped at release they would both have gone at 1000 ms.
    expect(times).toEqual([1300, 1700]);
    await limiter.close();
  });

  it('holds a slot nobody completes until holdMs has passed, then for one window', async () => {
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    await limiter.acquire([{ ...rule, limit: 1 }], { holdMs: 5000 });
    const times = await admissionTimes(() => limiter.acquire([{ ...rule, limit: 1 }]), 1, 7000);
    expect(times).toEqual([6000]);
    await limiter.close();
  });

  it('never admits more than `limit` arrivals in a window, whatever the delay between release and arrival', async () => {
    // Each request reaches the provider a random 0-300 ms after its release and completes 0-300 ms after that; the
    // provider counts arrivals. Stamping at release lets two arrivals of one slot fall within one window.
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    const arrivals: number[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const call = async () => {
      const slot = await limiter.acquire([rule], { holdMs: 10_000 });
      const arriveAfter = Math.floor(random() * 300);
      await new Promise((resolve) => setTimeout(resolve, arriveAfter));
      arrivals.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
      slot.complete?.();
    };
    const calls = Array.from({ length: 40 }, call);
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all(calls);
    arrivals.sort((left, right) => left - right);
    for (let index = rule.limit; index < arrivals.length; index++) {
      expect(arrivals[index]! - arrivals[index - rule.limit]!).toBeGreaterThanOrEqual(rule.windowMs);
    }
    await limiter.close();
  });

  it('keeps only a 10 ms margin after a completed slot: its arrival is known to lie before the completion', async () => {
    const limiter = createLocalRateLimiter({ safetyMarginMs: 100 });
    const single = { ...rule, limit: 1 };
    const slot = await limiter.acquire([single], { holdMs: 10_000 });
    await vi.advanceTimersByTimeAsync(200);
    slot.complete?.();
    const times = await admissionTimes(() => limiter.acquire([single]), 1, 2000);
    expect(times).toEqual([1210]);
    await limiter.close();
  });

  it('ignores a second complete() and a complete() after the hold ran out', async () => {
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    const single = { ...rule, limit: 1 };
    const slot = await limiter.acquire([single], { holdMs: 1000 });
    slot.complete?.();
    slot.complete?.();
    const times = await admissionTimes(() => limiter.acquire([single]), 1, 2000);
    expect(times).toEqual([1000]);
    await limiter.close();
  });

  it('refuses a holdMs that is negative, not a number or longer than a timer holds with InvalidRequestError', async () => {
    const limiter = createLocalRateLimiter();
    for (const holdMs of [-1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      await expect(limiter.acquire([rule], { holdMs })).rejects.toSatisfy(InvalidRequestError.isInstance);
    }
    await limiter.close();
  });
});
