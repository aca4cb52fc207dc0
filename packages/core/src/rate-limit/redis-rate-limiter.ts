import { randomUUID } from 'node:crypto';
import { ConfigError } from '../errors/config-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { abortReason, limiterClosedError, pastDeadlineError } from './limiter-errors.js';
import { defaultSafetyMarginMs, LocalRateLimiter } from './local-rate-limiter.js';
import { acquireScript, pauseScript, type RedisScript, replayScript } from './redis-scripts.js';
import type { AcquireOptions, AcquireResult, RateLimiter, RateLimitRule } from './types.js';
import { validateRateLimitRule, validateRateLimitRules } from './validate-rate-limit-rules.js';

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
   * `cardgw:privcards`. Keys are `{<keyPrefix>}:<rule name>` (one hash slot per prefix, so Redis Cluster works).
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
  /** How many processes share the key: the local fallback gives each `floor(limit / expectedProcesses)` (≥ 1). @default 1 */
  readonly expectedProcesses?: number | undefined;
  /** Added to every window, as in `createLocalRateLimiter` (why: see there). @default 100 */
  readonly safetyMarginMs?: number | undefined;
  /** A Redis call slower than this counts as Redis being unavailable. @default 1000 */
  readonly commandTimeoutMs?: number | undefined;
  /** After a Redis failure, how long calls skip Redis before one probe tries it again. @default 1000 */
  readonly retryRedisAfterMs?: number | undefined;
  /** Called when the limiter switches between Redis, the local fallback and failing closed. */
  readonly onStateChange?: ((state: RedisLimiterState, cause: unknown) => void) | undefined;
  /** Local epoch milliseconds, for deadlines and the fallback (the shared windows use Redis's clock). @default Date.now */
  readonly clock?: (() => number) | undefined;
}

/**
 * A limiter shared by every process using the same Redis and `keyPrefix`. Each attempt runs one Lua script over all
 * the call's rules at once: it trims each rule's log to the window, and either records the call in every log or in
 * none and answers how long to wait. Waiting calls of one process queue per rule set in arrival order, and only the
 * first of each queue asks Redis, so a burst costs one round trip per slot, not one per waiting call.
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  return new RedisRateLimiter(options);
}

interface Waiter {
  readonly rules: readonly RateLimitRule[];
  readonly deadline: number;
  readonly enqueuedAt: number;
  readonly signal: AbortSignal | undefined;
  readonly lane: Lane;
  onAbort: (() => void) | undefined;
  limitedBy: string | undefined;
  resolve: (result: AcquireResult) => void;
  reject: (reason: unknown) => void;
  settled: boolean;
  /** Rejects the first waiter at its deadline while its Redis call is still out (only when the deadline is near). */
  deadlineTimer: ReturnType<typeof setTimeout> | undefined;
}

/** The calls of one rule set, served in arrival order by one loop. */
interface Lane {
  readonly key: string;
  readonly waiters: Waiter[];
  running: boolean;
  sleep: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined;
}

interface OutageGrant {
  readonly at: number;
  readonly rules: readonly RateLimitRule[];
}

const idleResult: AcquireResult = Object.freeze({ waitedMs: 0, limitedBy: undefined });

class RedisRateLimiter implements RateLimiter {
  readonly #redis: RedisScriptClient;
  readonly #prefix: string;
  readonly #failClosed: boolean;
  readonly #processes: number;
  readonly #marginMs: number;
  readonly #commandTimeoutMs: number;
  readonly #retryAfterMs: number;
  readonly #onStateChange: ((state: RedisLimiterState, cause: unknown) => void) | undefined;
  readonly #clock: () => number;
  /** Mirrors this process's grants (at its share of each limit) and paces alone while Redis is away. */
  readonly #fallback: LocalRateLimiter;
  readonly #lanes = new Map<string, Lane>();
  readonly #scaled = new WeakMap<RateLimitRule, RateLimitRule>();
  readonly #instance = randomUUID();
  #sequence = 0;
  #up = true;
  #retryAt = 0;
  #lastError: unknown;
  #probe: Promise<void> | undefined;
  #outage: OutageGrant[] = [];
  #outageLimit = 1024;
  #flushing: Promise<void> | undefined;
  /** Redis time minus local time, measured at the last grant: converts fallback grants to Redis scores. */
  #offsetMs = 0;
  #closed = false;

  constructor(options: RedisRateLimiterOptions) {
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
    this.#redis = options.redis;
    this.#prefix = `{${options.keyPrefix}}`;
    this.#failClosed = onRedisError === 'fail-closed';
    this.#processes = positive(options.expectedProcesses, 1, 'expectedProcesses');
    this.#marginMs = positive(options.safetyMarginMs, defaultSafetyMarginMs, 'safetyMarginMs', true);
    this.#commandTimeoutMs = positive(options.commandTimeoutMs, 1000, 'commandTimeoutMs');
    this.#retryAfterMs = positive(options.retryRedisAfterMs, 1000, 'retryRedisAfterMs', true);
    this.#onStateChange = options.onStateChange;
    this.#clock = options.clock ?? (() => Date.now());
    this.#fallback = new LocalRateLimiter({ safetyMarginMs: this.#marginMs, clock: this.#clock });
  }

  acquire(rules: readonly RateLimitRule[], options: AcquireOptions = {}): Promise<AcquireResult> {
    if (this.#closed) return Promise.reject(limiterClosedError());
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    try {
      validateRateLimitRules(rules);
    } catch (error) {
      return Promise.reject(error);
    }
    const unique = rules.filter((rule, index) => rules.findIndex((other) => other.name === rule.name) === index);
    if (unique.length === 0) return Promise.resolve(idleResult);
    const now = this.#clock();
    const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
    if (now > deadline) return Promise.reject(pastDeadlineError(undefined, 0));

    if (!this.#up) {
      this.#startProbe(now);
      // Failing closed, a call that arrives while the probe runs waits for its answer rather than failing needlessly.
      if (this.#failClosed && this.#probe) return this.#probe.then(() => this.acquire(rules, options));
      if (!this.#up) return this.#whileDown(unique, options, now);
    }

    const key = unique
      .map((rule) => rule.name)
      .sort()
      .join('\u0000');
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = { key, waiters: [], running: false, sleep: undefined };
      this.#lanes.set(key, lane);
    }
    const target = lane;
    return new Promise<AcquireResult>((resolve, reject) => {
      const waiter: Waiter = {
        rules: unique,
        deadline,
        enqueuedAt: now,
        signal,
        lane: target,
        onAbort: undefined,
        limitedBy: undefined,
        resolve,
        reject,
        settled: false,
        deadlineTimer: undefined,
      };
      target.waiters.push(waiter);
      if (signal) {
        waiter.onAbort = () => {
          if (this.#settle(waiter)) waiter.reject(abortReason(signal));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      if (!target.running) {
        this.#drain(target).catch((error: unknown) => {
          for (const stranded of [...target.waiters]) if (this.#settle(stranded)) stranded.reject(error);
        });
      }
    });
  }

  pause(rule: RateLimitRule, ms: number): void {
    if (this.#closed || !(ms > 0)) return;
    validateRateLimitRule(rule);
    this.#fallback.pause(this.#share(rule), ms);
    if (!this.#up) return;
    this.#call(pauseScript, [`${this.#prefix}:${rule.name}:pause`], [Math.ceil(ms)]).catch((error: unknown) =>
      this.#markDown(error),
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = limiterClosedError();
    for (const lane of this.#lanes.values()) {
      for (const waiter of [...lane.waiters]) if (this.#settle(waiter)) waiter.reject(error);
      lane.sleep?.wake();
    }
    this.#lanes.clear();
    await this.#fallback.close();
  }

  /** Serves one lane: only its first call talks to Redis; the others wait their turn. */
  async #drain(lane: Lane): Promise<void> {
    lane.running = true;
    try {
      for (let head = lane.waiters[0]; head && !this.#closed; head = lane.waiters[0]) {
        if (!this.#up) {
          this.#evacuate(lane);
          break;
        }
        const now = this.#clock();
        if (now > head.deadline) {
          if (this.#settle(head)) head.reject(pastDeadlineError(head.limitedBy, 0));
          continue;
        }
        this.#armDeadline(head, now);
        let reply: AcquireReply;
        try {
          if (this.#outage.length > 0) await this.#flushOutage();
          reply = parseAcquireReply(
            await this.#call(acquireScript, this.#keys(head.rules), this.#arguments(head.rules)),
          );
        } catch (error) {
          this.#markDown(error);
          continue;
        } finally {
          clearTimeout(head.deadlineTimer);
        }
        if (reply.admitted) {
          const grantedAt = this.#clock();
          this.#offsetMs = reply.value - grantedAt;
          this.#fallback.recordGrant(this.#shares(head.rules), grantedAt);
          // An aborted call's slot is simply lost: nothing was sent, and over-counting is the safe side.
          if (this.#settle(head)) head.resolve({ waitedMs: grantedAt - head.enqueuedAt, limitedBy: head.limitedBy });
          continue;
        }
        const limitedBy = head.rules[reply.ruleIndex - 1]?.name ?? head.limitedBy;
        const admitAt = this.#clock() + reply.value;
        // Nobody behind the first call can go before it: refuse now every call this wait carries past its deadline.
        for (const waiter of [...lane.waiters]) {
          if (waiter.deadline < admitAt) {
            if (this.#settle(waiter)) waiter.reject(pastDeadlineError(limitedBy, admitAt - now));
          } else {
            waiter.limitedBy ??= limitedBy;
          }
        }
        if (lane.waiters.length > 0) await this.#sleep(lane, reply.value);
      }
    } finally {
      lane.running = false;
      if (lane.waiters.length === 0) this.#lanes.delete(lane.key);
    }
  }

  #armDeadline(head: Waiter, now: number): void {
    const remaining = head.deadline - now;
    if (remaining >= this.#commandTimeoutMs) return;
    head.deadlineTimer = setTimeout(() => {
      if (this.#settle(head)) {
        head.reject(
          new TimeoutError('The deadline passed while waiting for the shared rate limiter', { code: 'timeout' }),
        );
      }
    }, remaining);
  }

  #sleep(lane: Lane, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(sleep.timer);
        lane.sleep = undefined;
        resolve();
      };
      const sleep = { timer: setTimeout(wake, ms), wake };
      lane.sleep = sleep;
    });
  }

  /** Runs a script with EVALSHA (EVAL when the server lacks it), failing after `commandTimeoutMs`. */
  #call(script: RedisScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    const command = this.#redis.evalsha(script.sha1, keys.length, ...keys, ...args).catch((error: unknown) => {
      if (error instanceof Error && error.message.includes('NOSCRIPT')) {
        return this.#redis.eval(script.source, keys.length, ...keys, ...args);
      }
      throw error;
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${this.#commandTimeoutMs} ms`)),
        this.#commandTimeoutMs,
      );
      command.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  #markDown(error: unknown): void {
    if (this.#closed) return;
    this.#retryAt = this.#clock() + this.#retryAfterMs;
    this.#lastError = error;
    if (!this.#up) return;
    this.#up = false;
    this.#notify(this.#failClosed ? 'unavailable' : 'fallback', error);
    for (const lane of this.#lanes.values()) lane.sleep?.wake();
  }

  /** A throwing listener must not break the queue it is told about. */
  #notify(state: RedisLimiterState, cause: unknown): void {
    try {
      this.#onStateChange?.(state, cause);
    } catch {
      // The listener's own bug; the limiter carries on.
    }
  }

  /** After `retryRedisAfterMs`, one background probe: writes the outage's grants to Redis, then uses Redis again. */
  #startProbe(now: number): void {
    if (this.#probe || now < this.#retryAt) return;
    this.#probe = (async () => {
      try {
        await this.#flushOutage(true);
        if (this.#closed || this.#up) return;
        this.#up = true;
        this.#notify('redis', undefined);
      } catch (error) {
        this.#retryAt = this.#clock() + this.#retryAfterMs;
        this.#lastError = error;
      } finally {
        this.#probe = undefined;
      }
    })();
  }

  #whileDown(rules: readonly RateLimitRule[], options: AcquireOptions, enqueuedAt: number): Promise<AcquireResult> {
    if (this.#failClosed) {
      return Promise.reject(
        new ProviderUnavailableError('The shared rate limiter (Redis) is unavailable; nothing was sent', {
          code: 'rate_limiter_unavailable',
          cause: this.#lastError,
        }),
      );
    }
    return this.#fallback.acquire(this.#shares(rules), options).then((result) => {
      const grantedAt = this.#clock();
      this.#outage.push({ at: grantedAt, rules });
      // A long outage must not grow the list without bound: only grants still inside a window matter.
      if (this.#outage.length >= this.#outageLimit) {
        this.#outage = this.#outage.filter((grant) => this.#inWindow(grant, grantedAt));
        this.#outageLimit = Math.max(1024, this.#outage.length * 2);
      }
      // Granted locally after Redis came back (it queued during the outage): Redis must still learn of it.
      if (this.#up) this.#flushOutage().catch((error: unknown) => this.#markDown(error));
      return { waitedMs: grantedAt - enqueuedAt, limitedBy: result.limitedBy };
    });
  }

  /** Hands a lane's calls to the fallback (or fails them closed) once Redis is down. */
  #evacuate(lane: Lane): void {
    for (const waiter of [...lane.waiters]) {
      if (!this.#settle(waiter)) continue;
      const remaining: AcquireOptions = { signal: waiter.signal, deadline: waiter.deadline };
      this.#whileDown(waiter.rules, remaining, waiter.enqueuedAt).then(waiter.resolve, waiter.reject);
    }
  }

  /** Writes the grants made during an outage (those still inside a window) to Redis, in one script call per batch. */
  #flushOutage(probe = false): Promise<void> {
    if (this.#flushing) return this.#flushing;
    this.#flushing = (async () => {
      do {
        const now = this.#clock();
        const batch = this.#outage.filter((grant) => this.#inWindow(grant, now));
        this.#outage = [];
        try {
          if (batch.length > 0 || probe) await this.#replay(batch);
        } catch (error) {
          this.#outage = batch.concat(this.#outage);
          throw error;
        }
      } while (this.#outage.length > 0);
    })().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  #replay(batch: readonly OutageGrant[]): Promise<unknown> {
    const perLog = new Map<string, { ttl: number; entries: (string | number)[] }>();
    for (const grant of batch) {
      for (const rule of grant.rules) {
        const log = `${this.#prefix}:${rule.name}`;
        const entry = perLog.get(log) ?? { ttl: 0, entries: [] };
        entry.ttl = Math.max(entry.ttl, Math.ceil(this.#span(rule)));
        entry.entries.push(String(grant.at + this.#offsetMs), `${this.#instance}:${++this.#sequence}`);
        perLog.set(log, entry);
      }
    }
    const args: (string | number)[] = [];
    for (const { ttl, entries } of perLog.values()) args.push(ttl, entries.length / 2, ...entries);
    return this.#call(replayScript, [...perLog.keys()], args);
  }

  #keys(rules: readonly RateLimitRule[]): string[] {
    const keys: string[] = [];
    for (const rule of rules) keys.push(`${this.#prefix}:${rule.name}`, `${this.#prefix}:${rule.name}:pause`);
    return keys;
  }

  #arguments(rules: readonly RateLimitRule[]): (string | number)[] {
    const args: (string | number)[] = [`${this.#instance}:${++this.#sequence}`, this.#marginMs];
    for (const rule of rules) args.push(rule.limit, rule.windowMs);
    return args;
  }

  #inWindow(grant: OutageGrant, now: number): boolean {
    return grant.rules.some((rule) => grant.at > now - this.#span(rule));
  }

  #span(rule: RateLimitRule): number {
    return rule.windowMs + this.#marginMs;
  }

  /** This process's share of a rule, for the fallback. */
  #share(rule: RateLimitRule): RateLimitRule {
    if (this.#processes === 1) return rule;
    let share = this.#scaled.get(rule);
    if (!share) {
      share = { ...rule, limit: Math.max(1, Math.floor(rule.limit / this.#processes)) };
      this.#scaled.set(rule, share);
    }
    return share;
  }

  #shares(rules: readonly RateLimitRule[]): readonly RateLimitRule[] {
    return this.#processes === 1 ? rules : rules.map((rule) => this.#share(rule));
  }

  /** Takes a waiter out of its lane; false when it had already been settled. */
  #settle(waiter: Waiter): boolean {
    if (waiter.settled) return false;
    waiter.settled = true;
    clearTimeout(waiter.deadlineTimer);
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    const waiters = waiter.lane.waiters;
    const index = waiters.indexOf(waiter);
    if (index >= 0) waiters.splice(index, 1);
    // The lane may be sleeping for the call that just left: let the next one ask Redis for itself.
    if (index === 0) waiter.lane.sleep?.wake();
    return true;
  }
}

interface AcquireReply {
  readonly admitted: boolean;
  /** Redis time of the grant (ms) when admitted, else the wait in ms. */
  readonly value: number;
  /** 1-based index of the rule that made it wait. */
  readonly ruleIndex: number;
}

function parseAcquireReply(reply: unknown): AcquireReply {
  if (Array.isArray(reply) && reply.length === 3) {
    const [admitted, value, ruleIndex] = reply.map(Number) as [number, number, number];
    if ((admitted === 0 || admitted === 1) && Number.isFinite(value) && Number.isInteger(ruleIndex)) {
      return { admitted: admitted === 1, value, ruleIndex };
    }
  }
  throw new Error('Unexpected reply from the rate-limit script');
}

function positive(value: number | undefined, fallback: number, option: string, zeroAllowed = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw new ConfigError(
      `createRedisRateLimiter: ${option} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number`,
      {
        option,
      },
    );
  }
  return value;
}
