import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { createRedisRateLimiter, type RedisScriptClient } from './redis-rate-limiter.js';
import type { RateLimiter, RateLimitRule } from './types.js';

// Failing closed, a call that arrives while the probe asks Redis again waits for the probe's answer, which can take
// the whole command timeout (5 s by default) when Redis stays silent. The call's own signal and deadline still bound
// that wait, as `AcquireOptions` promises ("stops waiting at once"). A client that fails once and then never answers
// stands for a Redis that went away; fake timers, so nothing depends on the machine's speed.

const start = 1_700_000_000_000;
const rule: RateLimitRule = { name: 'requests-per-minute', limit: 10, windowMs: 60_000 };

function silentAfterFailure(): RedisScriptClient {
  let calls = 0;
  const answer = () =>
    ++calls === 1 ? Promise.reject(new Error('connect ECONNREFUSED')) : new Promise<unknown>(() => {});
  return { evalsha: answer, eval: answer };
}

/** A limiter failing closed whose first call found Redis gone: the next call starts a probe Redis never answers. */
async function limiterWithProbeHanging(): Promise<RateLimiter> {
  const limiter = createRedisRateLimiter({
    redis: silentAfterFailure(),
    keyPrefix: 'probe-wait',
    onRedisError: 'fail-closed',
    retryRedisAfterMs: 1000,
  });
  await expect(limiter.acquire([rule])).rejects.toSatisfy(ProviderUnavailableError.isInstance);
  await vi.advanceTimersByTimeAsync(1000);
  return limiter;
}

function outcomeOf(promise: Promise<unknown>): { settled: boolean; error: unknown } {
  const outcome = { settled: false, error: undefined as unknown };
  promise.then(
    () => {
      outcome.settled = true;
    },
    (error: unknown) => {
      outcome.settled = true;
      outcome.error = error;
    },
  );
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers({ now: start });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a call failing closed while the probe runs', () => {
  it('rejects with its signal’s reason as soon as the signal aborts, not when the probe gives up', async () => {
    const limiter = await limiterWithProbeHanging();
    const controller = new AbortController();
    const outcome = outcomeOf(limiter.acquire([rule], { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    expect(outcome.settled).toBe(false); // it does wait for the probe
    const reason = new Error('the caller gave up');
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toEqual({ settled: true, error: reason });
    await limiter.close();
  });

  it('rejects with TimeoutError at its deadline, not when the probe gives up', async () => {
    const limiter = await limiterWithProbeHanging();
    const outcome = outcomeOf(limiter.acquire([rule], { deadline: Date.now() + 200 }));
    await vi.advanceTimersByTimeAsync(199);
    expect(outcome.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(outcome.settled).toBe(true);
    expect(TimeoutError.isInstance(outcome.error)).toBe(true);
    expect(outcome.error).toMatchObject({ code: 'timeout' });
    await limiter.close();
  });

  it('rejects as the limiter closes, as `close` promises for every waiting call', async () => {
    const limiter = await limiterWithProbeHanging();
    const outcome = outcomeOf(limiter.acquire([rule]));
    await vi.advanceTimersByTimeAsync(100);
    expect(outcome.settled).toBe(false);
    await limiter.close();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome.settled).toBe(true);
    expect(TimeoutError.isInstance(outcome.error)).toBe(true);
    expect(outcome.error).toMatchObject({ code: 'aborted', message: 'The rate limiter was closed' });
  });

  it('still gets the probe’s verdict when neither its signal nor its deadline comes first', async () => {
    const limiter = await limiterWithProbeHanging();
    const controller = new AbortController();
    const outcome = outcomeOf(limiter.acquire([rule], { signal: controller.signal, deadline: Date.now() + 60_000 }));
    // The probe's command times out after 5 s (the default): Redis is still away, so the call fails closed then.
    await vi.advanceTimersByTimeAsync(5001);
    expect(outcome.settled).toBe(true);
    expect(ProviderUnavailableError.isInstance(outcome.error)).toBe(true);
    await limiter.close();
  });
});
