import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRedisRateLimiter, type RedisLimiterState } from './redis-rate-limiter.js';
import { type RedisServerHandle, startRedisServer } from './test-support/redis-server.js';
import type { RateLimiter, RateLimitRule } from './types.js';

// Against real redis-server processes, killed and restarted mid-run. Waits are for outcomes, generous for a loaded
// machine, never fixed sleeps that guess how long something takes.
const eventually = { timeout: 20_000, interval: 50 };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function connect(url: string): Redis {
  // ioredis as users meet it: its defaults, offline queue included (commands sent while Redis is away are queued and
  // sent when it returns, however stale by then).
  const client = new Redis(url);
  client.on('error', () => {});
  cleanups.push(() => client.disconnect());
  return client;
}

describe('createRedisRateLimiter through a Redis outage', () => {
  it('keeps the shared log exact when Redis is killed and restarted mid-run: one entry per grant made', async () => {
    let server: RedisServerHandle = await startRedisServer();
    cleanups.push(() => server.stop());
    const keyPrefix = `cardgw-test:${process.pid}:outage`;
    const states: RedisLimiterState[] = [];
    const limiter: RateLimiter = createRedisRateLimiter({
      redis: connect(server.url),
      keyPrefix,
      commandTimeoutMs: 200,
      retryRedisAfterMs: 200,
      onStateChange: (state) => states.push(state),
    });
    cleanups.push(() => limiter.close());
    // A window far longer than the test: every grant made stays in the log, so the log must hold exactly as many.
    const rule: RateLimitRule = { name: 'requests-per-hour', limit: 100_000, windowMs: 3_600_000 };
    let grants = 0;
    // The callers stop after their current call, not by aborting it: a call aborted after Redis granted its slot
    // leaves that slot counted (over-counting is the limiter's documented safe side), which is not what this measures.
    let stopping = false;
    const loops = Array.from({ length: 5 }, async () => {
      while (!stopping) {
        const slot = await limiter.acquire([rule], { holdMs: 5000 });
        grants++;
        // The attempt takes a moment, as a request would; its completion is written to Redis too.
        await new Promise((resolve) => setTimeout(resolve, 5));
        slot.complete?.();
      }
    });

    await vi.waitFor(() => expect(grants).toBeGreaterThanOrEqual(50), eventually);
    await server.kill();
    // Calls keep being served by the local fallback while Redis is away; their acquire commands queue in ioredis.
    await vi.waitFor(() => expect(states).toContain('fallback'), eventually);
    const duringOutage = grants;
    await vi.waitFor(() => expect(grants).toBeGreaterThanOrEqual(duringOutage + 50), eventually);
    server = await startRedisServer(server.port);
    await vi.waitFor(() => expect(states.at(-1)).toBe('redis'), eventually);
    const afterReturn = grants;
    await vi.waitFor(() => expect(grants).toBeGreaterThanOrEqual(afterReturn + 50), eventually);
    stopping = true;
    await Promise.all(loops);

    const observer = connect(server.url);
    const log = `{${keyPrefix}}:${rule.name}`;
    // Grants made through the fallback reach Redis once it answers; stale queued commands must not add any.
    await vi.waitFor(async () => expect(await observer.zcard(log)).toBe(grants), eventually);
    // And it stays exact: nothing arrives late on top.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await observer.zcard(log)).toBe(grants);
  }, 90_000);

  it('holds a slot in Redis until its attempt completes, for every process sharing the key', async () => {
    const server = await startRedisServer();
    cleanups.push(() => server.stop());
    const keyPrefix = `cardgw-test:${process.pid}:held`;
    const first = createRedisRateLimiter({ redis: connect(server.url), keyPrefix, safetyMarginMs: 0 });
    const second = createRedisRateLimiter({ redis: connect(server.url), keyPrefix, safetyMarginMs: 0 });
    cleanups.push(
      () => first.close(),
      () => second.close(),
    );
    const rule: RateLimitRule = { name: 'single', limit: 1, windowMs: 500 };
    const slot = await first.acquire([rule], { holdMs: 60_000 });
    // The attempt is still under way after more than a window: the other process may not take the slot.
    const waiting = second.acquire([rule], { deadline: Date.now() + 30_000 });
    let admitted = false;
    void waiting.then(() => {
      admitted = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(admitted).toBe(false);
    const completedAt = Date.now();
    slot.complete?.();
    await waiting;
    // One window after the completion, not after the release.
    expect(Date.now() - completedAt).toBeGreaterThanOrEqual(rule.windowMs - 20);
  }, 30_000);
});
