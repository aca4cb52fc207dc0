import { randomUUID } from 'node:crypto';
import { ConfigError } from '../errors/config-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { sanitizeCause } from '../redaction/sanitize-cause.js';
import { isDurationInRange, maxTimerMs, maxWindowMs } from '../validation/duration-range.js';
import { abortReason, invalidHoldError, limiterClosedError, pastDeadlineError } from './limiter-errors.js';
import { defaultSafetyMarginMs, LocalRateLimiter } from './local-rate-limiter.js';
import { acquireScript, completeScript, pauseScript, type RedisScript, replayScript } from './redis-scripts.js';
import { heldMarginShift } from './rule-window.js';
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
  /** `AcquireOptions.holdMs`; 0 when the slot's window starts at its release. */
  readonly holdMs: number;
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

/**
 * A grant of this process still inside a window, made through Redis or by the local fallback while Redis was away.
 * When Redis answers again after a failure, every one is written back under its own member (idempotent if Redis kept
 * it, restored if Redis restarted empty), so the shared log holds exactly the grants made.
 */
interface GrantRecord {
  /** Local epoch ms its window starts at: its release, or its completion once `completed`. */
  at: number;
  readonly rules: readonly RateLimitRule[];
  readonly member: string;
  /** Local epoch ms its hold runs out (equal to `at` when it has none). */
  readonly holdUntil: number;
  completed: boolean;
}

/** A grant in Redis that needs fixing once Redis answers: its acquire was given up on, or its completion was lost. */
interface PendingFix {
  readonly member: string;
  readonly logs: readonly string[];
  /** Local epoch ms after which the fix no longer matters (the entry has left every window by then). */
  readonly until: number;
}

/** The most calls one acquire script admits in one round trip. */
const maxBatch = 64;

/** `commandTimeoutMs` by default (why: see the option). */
const defaultCommandTimeoutMs = 5000;

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
  /** Grants made by the fallback not yet written to Redis. */
  #outage: GrantRecord[] = [];
  /** Every grant of this process that may still be inside a window (pruned as it grows). */
  #recent: GrantRecord[] = [];
  #recentLimit = 1024;
  /** Grants in Redis: their completion goes to Redis directly. */
  readonly #flushed = new WeakSet<GrantRecord>();
  /** Members of acquire calls that failed or timed out: the command may still run late, and must be undone. */
  #abandoned: PendingFix[] = [];
  /** Held grants whose completion could not be sent: their window starts when Redis answers again. */
  #uncompleted: PendingFix[] = [];
  /** Whether `#offsetMs` was measured (a grant came back), so Redis-time deadlines can be sent. */
  #offsetKnown = false;
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
    const processes = options.expectedProcesses ?? 1;
    if (!Number.isInteger(processes) || processes < 1 || processes > 10_000) {
      throw new ConfigError('createRedisRateLimiter: expectedProcesses must be an integer from 1 to 10,000', {
        option: 'expectedProcesses',
      });
    }
    this.#processes = processes;
    this.#marginMs = duration(options.safetyMarginMs, defaultSafetyMarginMs, 'safetyMarginMs', true);
    this.#commandTimeoutMs = duration(options.commandTimeoutMs, defaultCommandTimeoutMs, 'commandTimeoutMs');
    this.#retryAfterMs = duration(options.retryRedisAfterMs, 1000, 'retryRedisAfterMs', true);
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
    const holdMs = options.holdMs ?? 0;
    if (!isDurationInRange(holdMs, maxTimerMs, true)) return Promise.reject(invalidHoldError(holdMs));
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
        holdMs,
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

  /** `ms` beyond 31 days (`maxWindowMs`) pauses for 31 days, here and in Redis. */
  pause(rule: RateLimitRule, ms: number): void {
    if (this.#closed || !(ms > 0)) return;
    validateRateLimitRule(rule);
    const pauseMs = Math.ceil(Math.min(ms, maxWindowMs));
    this.#fallback.pause(this.#share(rule), pauseMs);
    if (!this.#up) return;
    // The end in Redis time, so a command replayed late by the client's offline queue never pauses past it.
    const endsAt = this.#offsetKnown ? Math.ceil(this.#clock() + this.#offsetMs + pauseMs) : -1;
    this.#call(pauseScript, [`${this.#prefix}:${rule.name}:pause`], [pauseMs, endsAt]).catch((error: unknown) =>
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
        // The head asks for itself and for the calls behind it that hold their slots as long: one round trip may
        // admit them all.
        const batch = [head];
        for (const waiter of lane.waiters) {
          if (batch.length >= maxBatch) break;
          if (waiter !== head && waiter.holdMs === head.holdMs && waiter.deadline >= now) batch.push(waiter);
        }
        let reply: AcquireReply;
        const base = this.#member();
        const members = batch.map((_, index) => `${base}#${index + 1}`);
        try {
          if (this.#needsFlush()) await this.#flushOutage();
          reply = parseAcquireReply(
            await this.#call(
              acquireScript,
              this.#keys(head.rules),
              this.#arguments(base, head.rules, head.holdMs, batch.length),
            ),
            batch.length,
          );
        } catch (error) {
          // The command may still run when Redis answers again (a client's offline queue replays it): undo it then.
          const logs = this.#logs(head.rules);
          const until = now + this.#longestHold(head);
          for (const member of members) this.#abandoned.push({ member, logs, until });
          this.#markDown(error);
          continue;
        } finally {
          clearTimeout(head.deadlineTimer);
        }
        if (reply.admitted > 0) {
          const grantedAt = this.#clock();
          this.#offsetMs = reply.value - grantedAt;
          this.#offsetKnown = true;
          for (let index = 0; index < reply.admitted; index++) {
            const waiter = batch[index]!;
            const record: GrantRecord = {
              at: grantedAt,
              rules: waiter.rules,
              member: members[index]!,
              holdUntil: grantedAt + waiter.holdMs,
              completed: waiter.holdMs === 0,
            };
            this.#remember(record);
            this.#flushed.add(record);
            const mirrorComplete = this.#fallback.recordGrant(this.#shares(waiter.rules), grantedAt, waiter.holdMs);
            // An aborted call's slot is simply lost: nothing was sent, and over-counting is the safe side.
            if (!this.#settle(waiter)) {
              mirrorComplete?.();
              continue;
            }
            const waitedMs = grantedAt - waiter.enqueuedAt;
            waiter.resolve(
              waiter.holdMs === 0
                ? { waitedMs, limitedBy: waiter.limitedBy }
                : {
                    waitedMs,
                    limitedBy: waiter.limitedBy,
                    complete: this.#completion(record, grantedAt + this.#longestHold(waiter), mirrorComplete),
                  },
            );
          }
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
        // A pause or window past what a timer holds is slept in chunks: the loop asks Redis again after each.
        if (lane.waiters.length > 0) await this.#sleep(lane, Math.min(reply.value, maxTimerMs));
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
      // The raw client error holds the failed command (`AUTH <password>`): the listener gets it sanitized.
      this.#onStateChange?.(state, sanitizeCause(cause));
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
      const holdMs = options.holdMs ?? 0;
      const grant: GrantRecord = {
        at: grantedAt,
        rules,
        member: this.#member(),
        holdUntil: grantedAt + holdMs,
        completed: holdMs === 0,
      };
      this.#outage.push(grant);
      this.#remember(grant);
      // Granted locally after Redis came back (it queued during the outage): Redis must still learn of it.
      if (this.#up) this.#flushOutage().catch((error: unknown) => this.#markDown(error));
      const waitedMs = grantedAt - enqueuedAt;
      if (grant.completed) return { waitedMs, limitedBy: result.limitedBy };
      const completeLocally = result.complete;
      return {
        waitedMs,
        limitedBy: result.limitedBy,
        complete: this.#completion(grant, grant.holdUntil, completeLocally),
      };
    });
  }

  /**
   * The `complete` of a held grant: starts its window in the local record, and in Redis when the grant is there (at
   * once, or once Redis answers again); a grant not yet written to Redis is written as completed.
   */
  #completion(record: GrantRecord, relevantUntil: number, completeLocally?: () => void): () => void {
    return () => {
      if (record.completed || this.#closed) return;
      record.completed = true;
      record.at = Math.min(this.#clock(), record.holdUntil);
      completeLocally?.();
      if (!this.#flushed.has(record)) return;
      const logs = this.#logs(record.rules);
      const member = record.member;
      const fix: PendingFix = { member, logs, until: relevantUntil };
      if (!this.#up) {
        this.#uncompleted.push(fix);
        return;
      }
      this.#call(completeScript, logs, [member, heldMarginShift(this.#marginMs)]).catch((error: unknown) => {
        this.#uncompleted.push(fix);
        this.#markDown(error);
      });
    };
  }

  /** Hands a lane's calls to the fallback (or fails them closed) once Redis is down. */
  #evacuate(lane: Lane): void {
    for (const waiter of [...lane.waiters]) {
      if (!this.#settle(waiter)) continue;
      const remaining: AcquireOptions = { signal: waiter.signal, deadline: waiter.deadline, holdMs: waiter.holdMs };
      this.#whileDown(waiter.rules, remaining, waiter.enqueuedAt).then(waiter.resolve, waiter.reject);
    }
  }

  /** Writes the grants made during an outage (those still inside a window) to Redis, in one script call per batch. */
  #flushOutage(probe = false): Promise<void> {
    if (this.#flushing) return this.#flushing;
    this.#flushing = (async () => {
      do {
        const now = this.#clock();
        // Back after a failure: Redis may have restarted empty, so every recent grant is written again (its own
        // member makes that idempotent); otherwise only what the fallback granted meanwhile.
        const batch = (probe ? this.#recent : this.#outage).filter((grant) => this.#inWindow(grant, now));
        const abandoned = this.#abandoned.filter((fix) => fix.until > now);
        const uncompleted = this.#uncompleted.filter((fix) => fix.until > now);
        this.#outage = [];
        this.#abandoned = [];
        this.#uncompleted = [];
        try {
          if (batch.length > 0 || abandoned.length > 0 || uncompleted.length > 0 || probe) {
            await this.#replay(batch, abandoned, uncompleted);
          }
          for (const grant of batch) this.#flushed.add(grant);
        } catch (error) {
          this.#outage = batch.concat(this.#outage);
          this.#abandoned = abandoned.concat(this.#abandoned);
          this.#uncompleted = uncompleted.concat(this.#uncompleted);
          throw error;
        }
      } while (this.#needsFlush());
    })().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  /** Keeps a grant for replay; a long run must not grow the list without bound: only grants inside a window matter. */
  #remember(record: GrantRecord): void {
    this.#recent.push(record);
    if (this.#recent.length >= this.#recentLimit) {
      this.#recent = this.#recent.filter((grant) => this.#inWindow(grant, record.at));
      this.#recentLimit = Math.max(1024, this.#recent.length * 2);
    }
  }

  #needsFlush(): boolean {
    return this.#outage.length > 0 || this.#abandoned.length > 0 || this.#uncompleted.length > 0;
  }

  #replay(
    batch: readonly GrantRecord[],
    abandoned: readonly PendingFix[],
    uncompleted: readonly PendingFix[],
  ): Promise<unknown> {
    interface LogChanges {
      ttl: number;
      readonly entries: (string | number)[];
      readonly removed: string[];
      readonly completed: string[];
    }
    const perLog = new Map<string, LogChanges>();
    const changesOf = (log: string): LogChanges => {
      let changes = perLog.get(log);
      if (!changes) {
        changes = { ttl: 0, entries: [], removed: [], completed: [] };
        perLog.set(log, changes);
      }
      return changes;
    };
    for (const grant of batch) {
      // A grant still held is written as held (scored at its hold's end), and completed there later; a completed held
      // grant keeps only the held margin.
      const score = !grant.completed
        ? grant.holdUntil
        : grant.holdUntil > grant.at
          ? grant.at - heldMarginShift(this.#marginMs)
          : grant.at;
      for (const rule of grant.rules) {
        const changes = changesOf(`${this.#prefix}:${rule.name}`);
        changes.ttl = Math.max(changes.ttl, Math.ceil(this.#span(rule) + (grant.holdUntil - grant.at)));
        changes.entries.push(String(score + this.#offsetMs), grant.member);
      }
    }
    for (const fix of abandoned) for (const log of fix.logs) changesOf(log).removed.push(fix.member);
    for (const fix of uncompleted) for (const log of fix.logs) changesOf(log).completed.push(fix.member);
    const args: (string | number)[] = [];
    for (const { ttl, entries, removed, completed } of perLog.values()) {
      args.push(ttl, entries.length / 2, ...entries, removed.length, ...removed, completed.length, ...completed);
    }
    return this.#call(replayScript, [...perLog.keys()], args);
  }

  #member(): string {
    return `${this.#instance}:${++this.#sequence}`;
  }

  #logs(rules: readonly RateLimitRule[]): string[] {
    return rules.map((rule) => `${this.#prefix}:${rule.name}`);
  }

  #keys(rules: readonly RateLimitRule[]): string[] {
    const keys: string[] = [];
    for (const rule of rules) keys.push(`${this.#prefix}:${rule.name}`, `${this.#prefix}:${rule.name}:pause`);
    return keys;
  }

  #arguments(base: string, rules: readonly RateLimitRule[], holdMs: number, asking: number): (string | number)[] {
    const args: (string | number)[] = [base, this.#marginMs, Math.ceil(holdMs), asking];
    for (const rule of rules) args.push(rule.limit, rule.windowMs);
    return args;
  }

  /** How long after its grant a waiter's entry can matter in Redis: its hold plus its longest span. */
  #longestHold(waiter: Waiter): number {
    let span = 0;
    for (const rule of waiter.rules) span = Math.max(span, this.#span(rule));
    return waiter.holdMs + span;
  }

  #inWindow(grant: GrantRecord, now: number): boolean {
    const heldFor = grant.completed ? 0 : grant.holdUntil - grant.at;
    return grant.rules.some((rule) => grant.at + heldFor > now - this.#span(rule));
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
  /** How many of the calls asking were admitted (the first ones, in order); 0 when they must wait. */
  readonly admitted: number;
  /** Redis time of the grant (ms) when admitted, else the wait in ms. */
  readonly value: number;
  /** 1-based index of the rule that made it wait. */
  readonly ruleIndex: number;
}

function parseAcquireReply(reply: unknown, asking: number): AcquireReply {
  if (Array.isArray(reply) && reply.length === 3) {
    const [admitted, value, ruleIndex] = reply.map(Number) as [number, number, number];
    if (
      Number.isInteger(admitted) &&
      admitted >= 0 &&
      admitted <= asking &&
      Number.isFinite(value) &&
      Number.isInteger(ruleIndex)
    ) {
      return { admitted, value, ruleIndex };
    }
  }
  throw new Error('Unexpected reply from the rate-limit script');
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
