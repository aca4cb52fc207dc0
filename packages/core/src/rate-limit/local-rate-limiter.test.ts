import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { createLocalRateLimiter } from './local-rate-limiter.js';
import type { AcquireOptions, AcquireResult, RateLimiter, RateLimitRule } from './types.js';

const start = 1_700_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ now: start });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Starts an acquire and records when (fake time) and how it settled. */
let settledCount = 0;

function track(limiter: RateLimiter, rules: readonly RateLimitRule[], options?: AcquireOptions) {
  const outcome: { at?: number; sequence?: number; result?: AcquireResult; error?: unknown } = {};
  const promise = limiter.acquire(rules, options).then(
    (result) => {
      outcome.at = Date.now();
      outcome.sequence = ++settledCount;
      outcome.result = result;
    },
    (error: unknown) => {
      outcome.at = Date.now();
      outcome.error = error;
    },
  );
  return Object.assign(outcome, { promise });
}

/** The largest number of times in any half-open window [t, t + windowMs). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((left, right) => left - right);
  let busiest = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

const perSecond: RateLimitRule = { name: 'requests-per-second', limit: 3, windowMs: 1000 };

describe('createLocalRateLimiter', () => {
  it('admits `limit` calls at once, then one more each time a grant leaves the window plus margin', async () => {
    const limiter = createLocalRateLimiter({ safetyMarginMs: 50 });
    const calls = Array.from({ length: 8 }, () => track(limiter, [perSecond]));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.filter((call) => call.result).length).toBe(3);

    await vi.advanceTimersByTimeAsync(1049);
    expect(calls.filter((call) => call.result).length).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.filter((call) => call.result).length).toBe(6);
    await vi.advanceTimersByTimeAsync(1050);
    expect(calls.map((call) => (call.at ?? 0) - start)).toEqual([0, 0, 0, 1050, 1050, 1050, 2100, 2100]);
    expect(calls[3]?.result).toEqual({ waitedMs: 1050, limitedBy: 'requests-per-second' });
    expect(calls[0]?.result).toEqual({ waitedMs: 0, limitedBy: undefined });
  });

  it('takes no timer for a call that finds room', async () => {
    const setTimer = vi.fn((callback: () => void, ms: number) => setTimeout(callback, ms));
    const limiter = createLocalRateLimiter({ setTimer });
    for (let index = 0; index < 3; index++) {
      await expect(limiter.acquire([perSecond])).resolves.toEqual({ waitedMs: 0, limitedBy: undefined });
    }
    expect(setTimer).not.toHaveBeenCalled();
    const fourth = track(limiter, [perSecond]);
    await vi.advanceTimersByTimeAsync(0);
    expect(setTimer).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1100);
    expect(fourth.result?.waitedMs).toBe(1100);
  });

  it('keeps one timer for the whole queue, however many calls wait, and none once the queue is empty', async () => {
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    const pending = Array.from({ length: 200 }, (_, index) =>
      limiter.acquire([perSecond], { deadline: start + 100_000 + index }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(70_000);
    await Promise.all(pending);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never lets more than `limit` grants into any rolling window of any rule (property)', async () => {
    const rules: RateLimitRule[] = [
      { name: 'a', limit: 3, windowMs: 1000 },
      { name: 'b', limit: 5, windowMs: 2500 },
      { name: 'c', limit: 1, windowMs: 400 },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 700 }), subset: fc.integer({ min: 1, max: 7 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        async (arrivals) => {
          vi.setSystemTime(start);
          // No margin: the window itself must hold, exactly as a strict provider counts it.
          const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
          const grants = new Map<string, number[]>(rules.map((rule) => [rule.name, []]));
          const pending: Promise<void>[] = [];
          for (const { gap, subset } of arrivals) {
            await vi.advanceTimersByTimeAsync(gap);
            const chosen = rules.filter((_, index) => subset & (1 << index));
            pending.push(
              limiter.acquire(chosen).then(() => {
                for (const rule of chosen) grants.get(rule.name)!.push(Date.now());
              }),
            );
          }
          await vi.advanceTimersByTimeAsync(200_000);
          await Promise.all(pending);
          for (const rule of rules)
            expect(busiestWindow(grants.get(rule.name)!, rule.windowMs)).toBeLessThanOrEqual(rule.limit);
          await limiter.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('enforces per-minute, per-hour and per-endpoint rules together, each in its own window', async () => {
    const perMinute: RateLimitRule = { name: 'requests-per-minute', limit: 10, windowMs: 60_000 };
    const perHour: RateLimitRule = { name: 'requests-per-hour', limit: 25, windowMs: 3_600_000 };
    const details: RateLimitRule = { name: 'details-per-minute', limit: 2, windowMs: 60_000 };
    const limiter = createLocalRateLimiter();
    const grants: { at: number; details: boolean }[] = [];
    const pending = Array.from({ length: 40 }, (_, index) => {
      const isDetails = index % 4 === 0;
      const rules = isDetails ? [perMinute, perHour, details] : [perMinute, perHour];
      return limiter.acquire(rules).then(() => grants.push({ at: Date.now(), details: isDetails }));
    });
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    await Promise.all(pending);

    const all = grants.map((grant) => grant.at);
    expect(busiestWindow(all, 60_000)).toBe(10);
    expect(busiestWindow(all, 3_600_000)).toBe(25);
    expect(
      busiestWindow(
        grants.filter((grant) => grant.details).map((grant) => grant.at),
        60_000,
      ),
    ).toBe(2);
    // The hour rule holds the 26th call until the first grant leaves the hour.
    expect(all[25]! - start).toBe(3_600_100);
  });

  it('records a call in all its rules or in none: a call refused on one rule leaves the others untouched', async () => {
    const narrow: RateLimitRule = { name: 'narrow', limit: 1, windowMs: 1000 };
    const wide: RateLimitRule = { name: 'wide', limit: 4, windowMs: 1000 };
    const limiter = createLocalRateLimiter();
    await limiter.acquire([narrow, wide]);
    await expect(limiter.acquire([narrow, wide], { deadline: start + 10 })).rejects.toSatisfy(
      RateLimitError.isInstance,
    );
    for (let index = 0; index < 3; index++) {
      await expect(limiter.acquire([wide])).resolves.toEqual({ waitedMs: 0, limitedBy: undefined });
    }
    const fifth = track(limiter, [wide]);
    await vi.advanceTimersByTimeAsync(0);
    expect(fifth.result).toBeUndefined();
  });

  it('does not consume the free rule while a multi-rule call waits on a full one', async () => {
    const narrow: RateLimitRule = { name: 'narrow', limit: 1, windowMs: 1000 };
    const wide: RateLimitRule = { name: 'wide', limit: 3, windowMs: 1000 };
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    await limiter.acquire([narrow]);
    const waiting = track(limiter, [narrow, wide]);
    await vi.advanceTimersByTimeAsync(0);
    // `wide` still has all 3 slots: the waiting call took nothing from it.
    const others = [track(limiter, [wide]), track(limiter, [wide])];
    await vi.advanceTimersByTimeAsync(0);
    expect(others.every((call) => call.result?.waitedMs === 0)).toBe(true);
    expect(waiting.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(waiting.result).toEqual({ waitedMs: 1000, limitedBy: 'narrow' });
  });

  it('admits waiting calls in arrival order', async () => {
    const single: RateLimitRule = { name: 'single', limit: 1, windowMs: 100 };
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    const order: number[] = [];
    const pending = Array.from({ length: 6 }, (_, index) => limiter.acquire([single]).then(() => order.push(index)));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(pending);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lets calls on other rules pass a call that waits on its endpoint rule, without starving it', async () => {
    const global: RateLimitRule = { name: 'requests-per-second', limit: 5, windowMs: 1000 };
    const details: RateLimitRule = { name: 'details-per-second', limit: 1, windowMs: 1000 };
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    await limiter.acquire([global, details]);
    const detailsCall = track(limiter, [global, details]);
    const listCalls = Array.from({ length: 3 }, () => track(limiter, [global]));
    await vi.advanceTimersByTimeAsync(0);
    expect(listCalls.every((call) => call.result?.waitedMs === 0)).toBe(true);
    expect(detailsCall.result).toBeUndefined();
    // The last global slot may go too: the global rule has room again at 1000 ms, when the details rule frees.
    const fifth = track(limiter, [global]);
    await vi.advanceTimersByTimeAsync(0);
    expect(fifth.result?.waitedMs).toBe(0);
    const sixth = track(limiter, [global]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(detailsCall.result).toEqual({ waitedMs: 1000, limitedBy: 'details-per-second' });
    expect(sixth.result?.waitedMs).toBe(1000);
    expect(detailsCall.sequence).toBeLessThan(sixth.sequence!);
  });

  it('keeps a later call from taking a slot that an earlier waiting call would then miss', async () => {
    const global: RateLimitRule = { name: 'requests-per-second', limit: 2, windowMs: 1000 };
    const details: RateLimitRule = { name: 'details-per-second', limit: 1, windowMs: 1000 };
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    await limiter.acquire([details]);
    await vi.advanceTimersByTimeAsync(100);
    await limiter.acquire([global]);
    await vi.advanceTimersByTimeAsync(400);
    const detailsCall = track(limiter, [global, details]);
    await vi.advanceTimersByTimeAsync(100);
    // Taking the free global slot now would fill the rule until 1100 ms, past the details call's turn at 1000 ms.
    const listCall = track(limiter, [global]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(detailsCall.at! - start).toBe(1000);
    expect(listCall.at! - start).toBe(1100);
  });

  it('rejects an aborted call at once with the signal reason and gives its turn to the next call', async () => {
    const single: RateLimitRule = { name: 'single', limit: 1, windowMs: 1000 };
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    await limiter.acquire([single]);
    const controller = new AbortController();
    const aborted = track(limiter, [single], { signal: controller.signal });
    const next = track(limiter, [single]);
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await aborted.promise;
    expect(aborted.error).toBe(reason);
    expect(aborted.at).toBe(start);
    await vi.advanceTimersByTimeAsync(1000);
    expect(next.result).toEqual({ waitedMs: 1000, limitedBy: 'single' });
  });

  it('rejects a call whose signal is already aborted without taking a slot', async () => {
    const single: RateLimitRule = { name: 'single', limit: 1, windowMs: 1000 };
    const limiter = createLocalRateLimiter();
    await expect(limiter.acquire([single], { signal: AbortSignal.abort() })).rejects.toHaveProperty(
      'name',
      'AbortError',
    );
    await expect(limiter.acquire([single])).resolves.toEqual({ waitedMs: 0, limitedBy: undefined });
  });

  it('rejects at once with RateLimitError and retryAfterMs when the slot would come after the deadline', async () => {
    const single: RateLimitRule = { name: 'single', limit: 1, windowMs: 1000 };
    const limiter = createLocalRateLimiter({ safetyMarginMs: 50 });
    await limiter.acquire([single]);
    const late = track(limiter, [single], { deadline: start + 500 });
    await late.promise;
    expect(late.at).toBe(start);
    expect(RateLimitError.isInstance(late.error)).toBe(true);
    expect(late.error).toMatchObject({ code: 'rate_limited', retryAfterMs: 1050 });
  });

  it('counts the calls queued ahead when judging a deadline', async () => {
    const single: RateLimitRule = { name: 'single', limit: 1, windowMs: 1000 };
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    await limiter.acquire([single]);
    const first = track(limiter, [single]);
    const second = track(limiter, [single], { deadline: start + 1500 });
    await second.promise;
    expect(second.error).toMatchObject({ code: 'rate_limited', retryAfterMs: 2000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(first.result?.waitedMs).toBe(1000);
  });

  it('never keeps a call waiting past its deadline when a pause pushes its slot back', async () => {
    const single: RateLimitRule = { name: 'single', limit: 1, windowMs: 1000 };
    const limiter = createLocalRateLimiter({ safetyMarginMs: 0 });
    await limiter.acquire([single]);
    const waiting = track(limiter, [single], { deadline: start + 1500 });
    await vi.advanceTimersByTimeAsync(100);
    limiter.pause(single, 5000);
    await waiting.promise;
    expect(waiting.at).toBe(start + 100);
    expect(waiting.error).toMatchObject({ code: 'rate_limited', retryAfterMs: 5000 });
  });

  it('admits nothing under a paused rule until the pause ends, and other rules keep flowing', async () => {
    const paused: RateLimitRule = { name: 'card-creates-per-minute', limit: 50, windowMs: 60_000 };
    const other: RateLimitRule = { name: 'details-per-minute', limit: 30, windowMs: 60_000 };
    const limiter = createLocalRateLimiter();
    limiter.pause(paused, 5000);
    const create = track(limiter, [paused]);
    await expect(limiter.acquire([other])).resolves.toEqual({ waitedMs: 0, limitedBy: undefined });
    await vi.advanceTimersByTimeAsync(4999);
    expect(create.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(create.result).toEqual({ waitedMs: 5000, limitedBy: 'card-creates-per-minute' });
  });

  it('rejects waiting and later calls once closed', async () => {
    const single: RateLimitRule = { name: 'single', limit: 1, windowMs: 1000 };
    const limiter = createLocalRateLimiter();
    await limiter.acquire([single]);
    const waiting = track(limiter, [single]);
    await limiter.close();
    await waiting.promise;
    expect(TimeoutError.isInstance(waiting.error)).toBe(true);
    await expect(limiter.acquire([single])).rejects.toSatisfy(TimeoutError.isInstance);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a malformed rule with ConfigError before waiting', async () => {
    const limiter = createLocalRateLimiter();
    await expect(limiter.acquire([{ name: 'zero', limit: 0, windowMs: 1000 }])).rejects.toSatisfy(
      ConfigError.isInstance,
    );
    await expect(limiter.acquire([{ name: 'nan', limit: 1, windowMs: Number.NaN }])).rejects.toSatisfy(
      ConfigError.isInstance,
    );
  });

  it('admits a call with no rules at once', async () => {
    const limiter = createLocalRateLimiter();
    await expect(limiter.acquire([])).resolves.toEqual({ waitedMs: 0, limitedBy: undefined });
  });
});
