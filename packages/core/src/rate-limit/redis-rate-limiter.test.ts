import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { createRedisRateLimiter, type RedisLimiterState, type RedisScriptClient } from './redis-rate-limiter.js';
import { type RedisServerHandle, startRedisServer } from './test-support/redis-server.js';
import type { RateLimiter, RateLimitRule } from './types.js';

// Waits for an outcome rather than for a fixed time: generous, since the machine running the tests may be loaded.
const eventually = { timeout: 10_000, interval: 20 };

// These tests run against a real redis-server (not a mock): `pnpm test` installs it (scripts/ensure-redis-server.sh). Without it every
// test fails with a message saying how to install it; none is skipped.
let server: RedisServerHandle | undefined;
let serverError: unknown;
const clients: Redis[] = [];
const limiters: RateLimiter[] = [];
let prefixCount = 0;

beforeAll(async () => {
  try {
    server = await startRedisServer();
  } catch (error) {
    serverError = error;
  }
});

function redisServer(): RedisServerHandle {
  if (!server) throw serverError;
  return server;
}

afterEach(async () => {
  await Promise.all(limiters.splice(0).map((limiter) => limiter.close()));
  for (const client of clients.splice(0)) client.disconnect();
});

afterAll(async () => {
  await server?.stop();
});

function connect(url = redisServer().url): Redis {
  // Reconnect quickly and fail queued commands fast, so a dead server shows as errors, not as a silent queue.
  const client = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  client.on('error', () => {});
  clients.push(client);
  return client;
}

function uniquePrefix(): string {
  return `cardgw-test:${process.pid}:${++prefixCount}`;
}

function track<Limiter extends RateLimiter>(limiter: Limiter): Limiter {
  limiters.push(limiter);
  return limiter;
}

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

describe('createRedisRateLimiter against a real redis-server', () => {
  it('admits `limit` calls at once, makes the next wait for the window, and keeps one log entry per grant', async () => {
    const redis = connect();
    const keyPrefix = uniquePrefix();
    const limiter = track(createRedisRateLimiter({ redis, keyPrefix, safetyMarginMs: 20 }));
    const rule: RateLimitRule = { name: 'requests-per-window', limit: 3, windowMs: 300 };
    const results = await Promise.all(Array.from({ length: 5 }, () => limiter.acquire([rule])));

    expect(results.filter((result) => result.limitedBy === undefined)).toHaveLength(3);
    for (const result of results.slice(3)) {
      expect(result.limitedBy).toBe('requests-per-window');
      expect(result.waitedMs).toBeGreaterThanOrEqual(300);
    }
    expect(await redis.zcard(`{${keyPrefix}}:requests-per-window`)).toBeLessThanOrEqual(3);
    expect(await redis.pttl(`{${keyPrefix}}:requests-per-window`)).toBeGreaterThan(0);
  });

  it('records a call in every rule or in none: a call refused on one rule leaves the other untouched', async () => {
    const redis = connect();
    const keyPrefix = uniquePrefix();
    const limiter = track(createRedisRateLimiter({ redis, keyPrefix }));
    const narrow: RateLimitRule = { name: 'narrow', limit: 1, windowMs: 10_000 };
    const wide: RateLimitRule = { name: 'wide', limit: 5, windowMs: 10_000 };
    await limiter.acquire([narrow, wide]);

    // The deadline is far below the 10 s wait, and far above a round trip to Redis on a loaded machine.
    const refused = limiter.acquire([narrow, wide], { deadline: Date.now() + 5000 });
    await expect(refused).rejects.toSatisfy(RateLimitError.isInstance);
    await expect(refused).rejects.toHaveProperty('retryAfterMs', expect.any(Number));
    expect(await redis.zcard(`{${keyPrefix}}:wide`)).toBe(1);

    for (let index = 0; index < 4; index++) await limiter.acquire([wide]);
    expect(await redis.zcard(`{${keyPrefix}}:wide`)).toBe(5);
    expect(await redis.zcard(`{${keyPrefix}}:narrow`)).toBe(1);
  });

  it('rejects at once with RateLimitError when the shared slot comes after the deadline', async () => {
    const limiter = track(createRedisRateLimiter({ redis: connect(), keyPrefix: uniquePrefix() }));
    const rule: RateLimitRule = { name: 'slow', limit: 1, windowMs: 60_000 };
    await limiter.acquire([rule]);
    const error = await limiter.acquire([rule], { deadline: Date.now() + 5000 }).catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(55_000);
  });

  it('pauses a rule for every process sharing the key', async () => {
    const keyPrefix = uniquePrefix();
    const observer = connect();
    const first = track(createRedisRateLimiter({ redis: connect(), keyPrefix }));
    const second = track(createRedisRateLimiter({ redis: connect(), keyPrefix }));
    const rule: RateLimitRule = { name: 'card-creates', limit: 50, windowMs: 60_000 };
    const pauseMs = 1000;
    // Measured from the pause itself, so a slow machine only lengthens the wait it observes, never shortens it.
    const pausedAt = Date.now();
    first.pause(rule, pauseMs);
    // The pause is written in the background: the other process asks once it is in Redis, not after a guessed sleep.
    await vi.waitFor(
      async () => expect(await observer.pttl(`{${keyPrefix}}:card-creates:pause`)).toBeGreaterThan(0),
      eventually,
    );
    const result = await second.acquire([rule]);
    const grantedAt = Date.now();
    expect(result.limitedBy).toBe('card-creates');
    expect(result.waitedMs).toBeGreaterThan(0);
    expect(grantedAt - pausedAt).toBeGreaterThanOrEqual(pauseMs);
  });

  it('rejects an aborted waiting call at once with the signal reason and serves the next one', async () => {
    const redis = connect();
    let scriptCalls = 0;
    const counting: RedisScriptClient = {
      evalsha: (sha1, numberOfKeys, ...keysAndArguments) => {
        scriptCalls += 1;
        return redis.evalsha(sha1, numberOfKeys, ...keysAndArguments);
      },
      eval: (script, numberOfKeys, ...keysAndArguments) => redis.eval(script, numberOfKeys, ...keysAndArguments),
    };
    const limiter = track(createRedisRateLimiter({ redis: counting, keyPrefix: uniquePrefix(), safetyMarginMs: 0 }));
    // A window far longer than the few milliseconds the abort takes, even on a loaded machine.
    const rule: RateLimitRule = { name: 'single', limit: 1, windowMs: 1000 };
    await limiter.acquire([rule]);
    const controller = new AbortController();
    const aborted = limiter.acquire([rule], { signal: controller.signal });
    const next = limiter.acquire([rule]);
    // Abort once the waiting call has asked Redis (and learned it must wait), not after a guessed sleep.
    await vi.waitFor(() => expect(scriptCalls).toBeGreaterThanOrEqual(2), eventually);
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    await expect(next).resolves.toMatchObject({ limitedBy: 'single' });
  });

  it('refuses a client without eval/evalsha and an empty keyPrefix with ConfigError', () => {
    expect(() => createRedisRateLimiter({ redis: {} as never, keyPrefix: 'x' })).toThrow(ConfigError);
    expect(() => createRedisRateLimiter({ redis: connect(), keyPrefix: '' })).toThrow(ConfigError);
  });

  it('keeps two processes on one key within the limit in every rolling window, using most of the quota', async () => {
    const limit = 20;
    const windowMs = 1000;
    const durationMs = 3500;
    const keyPrefix = uniquePrefix();
    const worker = fileURLToPath(new URL('./test-support/redis-limiter-worker.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    // Each worker says `ready` once connected; both start together on `go`, however long a loaded machine takes to
    // start them.
    const startWorker = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', worker], {
        cwd: root,
        env: {
          ...process.env,
          REDIS_URL: redisServer().url,
          KEY_PREFIX: keyPrefix,
          LIMIT: String(limit),
          WINDOW_MS: String(windowMs),
          DURATION_MS: String(durationMs),
          CONCURRENCY: '30',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let output = '';
      let errors = '';
      let onReady: () => void = () => {};
      const ready = new Promise<void>((resolve) => {
        onReady = resolve;
      });
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.startsWith('ready\n')) onReady();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
      });
      const grants = new Promise<number[]>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code) => {
          if (code !== 0) reject(new Error(`worker exited with ${code}: ${errors}`));
          else resolve((JSON.parse(output.slice('ready\n'.length)) as { grants: number[] }).grants);
        });
      });
      grants.catch(() => {});
      return { ready: Promise.race([ready, grants.then(() => undefined)]), child, grants };
    };

    const workers = [startWorker(), startWorker()];
    await Promise.all(workers.map((started) => started.ready));
    const startAt = Date.now() + 200;
    for (const started of workers) started.child.stdin.end(`go ${startAt}\n`);
    const [first = [], second = []] = await Promise.all(workers.map((started) => started.grants));
    const all = [...first, ...second];
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect(busiestWindow(all, windowMs)).toBe(limit);
    // 3.5 s of demand at 20 per second: the fourth window opens at ~3.15 s, so at least three full windows.
    expect(all.length).toBeGreaterThanOrEqual(3 * limit);
  }, 30_000);
});

describe('createRedisRateLimiter when Redis goes away', () => {
  it('falls back to local pacing from its own history, never rejecting or hanging, and tells Redis on return', async () => {
    const own = await startRedisServer();
    try {
      const keyPrefix = uniquePrefix();
      const states: RedisLimiterState[] = [];
      const limiter = track(
        createRedisRateLimiter({
          redis: connect(own.url),
          keyPrefix,
          commandTimeoutMs: 200,
          retryRedisAfterMs: 200,
          onStateChange: (state) => states.push(state),
        }),
      );
      const rule: RateLimitRule = { name: 'requests-per-window', limit: 10, windowMs: 2000 };
      // A window long enough that its outage grant is still inside it when Redis is back, however slow the machine.
      const other: RateLimitRule = { name: 'other', limit: 1000, windowMs: 600_000 };
      const poke: RateLimitRule = { name: 'poke', limit: 1000, windowMs: 1000 };
      const stop = new AbortController();
      const grants: number[] = [];
      const failures: unknown[] = [];
      const loops = Array.from({ length: 5 }, async () => {
        while (!stop.signal.aborted) {
          try {
            await limiter.acquire([rule], { signal: stop.signal, deadline: Date.now() + 10_000 });
            grants.push(Date.now());
          } catch (error) {
            if (error !== stop.signal.reason) failures.push(error);
          }
        }
      });

      // Ten grants through Redis at once; the others wait for the window. Then Redis dies, and a call on another
      // rule finds out: the waiting calls move to the local fallback, which knows the ten grants already made.
      await vi.waitFor(() => expect(grants.length).toBeGreaterThanOrEqual(rule.limit), eventually);
      await own.kill();
      const killedAt = Date.now();
      await expect(limiter.acquire([other])).resolves.toBeDefined();
      expect(states).toEqual(['fallback']);
      // The fallback keeps serving the waiting calls (nothing rejects, nothing hangs) once the window allows.
      await vi.waitFor(
        () => expect(grants.filter((at) => at > killedAt).length).toBeGreaterThanOrEqual(rule.limit),
        eventually,
      );
      stop.abort(new Error('test over'));
      await Promise.all(loops);

      expect(failures).toEqual([]);
      // Had the fallback forgotten the grants made through Redis, it would have let ten more in at once.
      expect(busiestWindow(grants, rule.windowMs)).toBeLessThanOrEqual(rule.limit);

      // Redis returns empty; a later call's probe writes the outage's grants into it before using it again.
      const restarted = await startRedisServer(own.port);
      try {
        await vi.waitFor(async () => {
          await limiter.acquire([poke]);
          expect(states).toEqual(['fallback', 'redis']);
        }, eventually);
        // At least once: a replay whose answer timed out is sent again, and over-counting is the safe side.
        expect(await connect(restarted.url).zcard(`{${keyPrefix}}:other`)).toBeGreaterThanOrEqual(1);
      } finally {
        await restarted.stop();
      }
    } finally {
      await own.stop();
    }
  }, 30_000);

  it('fails closed with ProviderUnavailableError within the command timeout, then uses Redis again', async () => {
    const own = await startRedisServer();
    try {
      const limiter = track(
        createRedisRateLimiter({
          redis: connect(own.url),
          keyPrefix: uniquePrefix(),
          onRedisError: 'fail-closed',
          commandTimeoutMs: 300,
          retryRedisAfterMs: 200,
        }),
      );
      const rule: RateLimitRule = { name: 'requests-per-window', limit: 100, windowMs: 1000 };
      await expect(limiter.acquire([rule])).resolves.toMatchObject({ limitedBy: undefined });
      await own.kill();

      const error = await limiter.acquire([rule]).catch((caught: unknown) => caught);
      expect(ProviderUnavailableError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'rate_limiter_unavailable', retryable: true });
      // Until the retry time, calls fail at once without touching Redis.
      await expect(limiter.acquire([rule])).rejects.toSatisfy(ProviderUnavailableError.isInstance);

      const restarted = await startRedisServer(own.port);
      try {
        // Served again once the client has reconnected and a probe has found Redis: no fixed delay guesses when.
        await vi.waitFor(
          () => expect(limiter.acquire([rule])).resolves.toMatchObject({ limitedBy: undefined }),
          eventually,
        );
      } finally {
        await restarted.stop();
      }
    } finally {
      await own.stop();
    }
  }, 20_000);
});
