import { ConfigError } from '../errors/config-error.js';
import { isDurationInRange, maxTimerMs } from '../validation/duration-range.js';
import { defaultSafetyMarginMs } from './local-rate-limiter.js';

// The Redis limiter's public options and their checking, apart from the limiter: one place says what each option means
// and refuses a bad one with a ConfigError naming it, before anything is built.

/**
 * The little of a Redis client the limiter uses: an ioredis `Redis` or `Cluster` instance fits as is. The limiter
 * never connects, quits or listens to the client; its owner does (attach an `error` listener to an ioredis client).
 */
export interface RedisScriptClient {
  /** Runs a cached Lua script by its SHA-1 (ioredis's and node-redis's `evalsha`). */
  evalsha(sha1: string, numberOfKeys: number, ...keysAndArguments: (string | number)[]): Promise<unknown>;
  /** Runs a Lua script (used when Redis does not have it cached yet). */
  eval(script: string, numberOfKeys: number, ...keysAndArguments: (string | number)[]): Promise<unknown>;
}

/** `redis`: the shared limiter; `fallback`: local pacing while Redis is unreachable; `unavailable`: failing closed. */
export type RedisLimiterState = 'redis' | 'fallback' | 'unavailable';

/**
 * Options of `createRedisRateLimiter`: the Redis client, the key prefix shared by the processes, and what to do when
 * Redis is unreachable.
 */
export interface RedisRateLimiterOptions {
  readonly redis: RedisScriptClient;
  /**
   * Every process using the same prefix (against the same Redis) shares the quota: one per provider account, e.g.
   * `cardgw:acme`. Keys are `{<keyPrefix>}:<rule name>` (one hash slot per prefix, so Redis Cluster works).
   */
  readonly keyPrefix: string;
  /**
   * What an acquire does when Redis errs or does not answer within `commandTimeoutMs`:
   * - `fallback-local`: pace locally, each process to `limit / expectedProcesses` of every rule, continuing from
   *   this process's own recent grants; grants made meanwhile are written to Redis when it answers again.
   * - `fail-closed`: reject with `ProviderUnavailableError` (code `rate_limiter_unavailable`); nothing is sent.
   * @default 'fallback-local'
   */
  readonly onRedisError?: 'fail-closed' | 'fallback-local' | undefined;
  /**
   * How many processes share the key: the local fallback gives each `floor(limit / expectedProcesses)` (≥ 1). An
   * integer from 1 to 10,000. @default 1
   */
  readonly expectedProcesses?: number | undefined;
  /** Added to every window, as in `createLocalRateLimiter` (why: see there). Milliseconds, 0 to 2^31−1. @default 100 */
  readonly safetyMarginMs?: number | undefined;
  /**
   * A Redis call slower than this counts as Redis being unavailable. Milliseconds, 1 to 2^31−1. Not shorter: while
   * one process paces locally and the others still use Redis, a slot freed in both can be used twice; on a 2-core
   * machine at load average 15-20, script round trips took over 1 s now and then (bench P3 under load), and a 1 s
   * timeout then led to 429s. @default 5000
   */
  readonly commandTimeoutMs?: number | undefined;
  /**
   * After a Redis failure, how long calls skip Redis before one probe tries it again. Milliseconds, 0 to 2^31−1.
   * @default 1000
   */
  readonly retryRedisAfterMs?: number | undefined;
  /** Called when the limiter switches between Redis, the local fallback and failing closed. */
  readonly onStateChange?: ((state: RedisLimiterState, cause: unknown) => void) | undefined;
  /** Local epoch milliseconds, for deadlines and the fallback (the shared windows use Redis's clock). @default Date.now */
  readonly clock?: (() => number) | undefined;
}

/** `commandTimeoutMs` by default (why: see the option). */
export const defaultCommandTimeoutMs = 5000;

/** `retryRedisAfterMs` by default. */
const defaultRetryRedisAfterMs = 1000;

/** The options once checked, defaults applied: what the limiter's parts read. */
export interface RedisLimiterSettings {
  readonly redis: RedisScriptClient;
  /** `{<keyPrefix>}`: the hash tag every key of this limiter starts with. */
  readonly prefix: string;
  readonly failClosed: boolean;
  readonly processes: number;
  readonly marginMs: number;
  readonly commandTimeoutMs: number;
  readonly retryAfterMs: number;
  readonly onStateChange: ((state: RedisLimiterState, cause: unknown) => void) | undefined;
  readonly clock: () => number;
}

/** Checks `createRedisRateLimiter`'s options; throws `ConfigError` naming the first bad option. */
export function resolveRedisLimiterOptions(options: RedisRateLimiterOptions): RedisLimiterSettings {
  if (typeof options?.redis?.evalsha !== 'function' || typeof options.redis.eval !== 'function') {
    throw new ConfigError('createRedisRateLimiter: redis must be a client with eval and evalsha (e.g. ioredis)', {
      option: 'redis',
    });
  }
  if (typeof options.keyPrefix !== 'string' || options.keyPrefix.length === 0) {
    throw new ConfigError('createRedisRateLimiter: keyPrefix must be a non-empty string', { option: 'keyPrefix' });
  }
  const onRedisError = options.onRedisError ?? 'fallback-local';
  if (onRedisError !== 'fail-closed' && onRedisError !== 'fallback-local') {
    throw new ConfigError("createRedisRateLimiter: onRedisError must be 'fail-closed' or 'fallback-local'", {
      option: 'onRedisError',
    });
  }
  const processes = options.expectedProcesses ?? 1;
  if (!Number.isInteger(processes) || processes < 1 || processes > 10_000) {
    throw new ConfigError('createRedisRateLimiter: expectedProcesses must be an integer from 1 to 10,000', {
      option: 'expectedProcesses',
    });
  }
  return {
    redis: options.redis,
    prefix: `{${options.keyPrefix}}`,
    failClosed: onRedisError === 'fail-closed',
    processes,
    marginMs: duration(options.safetyMarginMs, defaultSafetyMarginMs, 'safetyMarginMs', true),
    commandTimeoutMs: duration(options.commandTimeoutMs, defaultCommandTimeoutMs, 'commandTimeoutMs'),
    retryAfterMs: duration(options.retryRedisAfterMs, defaultRetryRedisAfterMs, 'retryRedisAfterMs', true),
    onStateChange: options.onStateChange,
    clock: options.clock ?? (() => Date.now()),
  };
}

/** A duration option in `[0 or 1, 2^31−1]` ms: anything else becomes a timer that misfires, so it is refused. */
function duration(value: number | undefined, fallback: number, option: string, zeroAllowed = false): number {
  if (value === undefined) return fallback;
  if (!isDurationInRange(value, maxTimerMs, zeroAllowed)) {
    throw new ConfigError(
      `createRedisRateLimiter: ${option} must be a number of milliseconds from ${zeroAllowed ? 0 : 1} to 2^31−1`,
      { option },
    );
  }
  return value;
}
