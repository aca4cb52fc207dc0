import { isDurationInRange, maxTimerMs, maxWindowMs } from '../validation/duration-range.js';
import { abortReason, invalidHoldError, limiterClosedError, pastDeadlineError } from './limiter-errors.js';
import { RedisAvailability, waitForProbe } from './redis-availability.js';
import { GrantLedger } from './redis-grant-ledger.js';
import { drainLane } from './redis-lane-loop.js';
import { Lanes, settle } from './redis-lanes.js';
import { type RedisRateLimiterOptions, resolveRedisLimiterOptions } from './redis-limiter-options.js';
import type { RedisLimiterParts } from './redis-limiter-parts.js';
import { OutageFallback } from './redis-outage-fallback.js';
import { RedisRuleKeys, runScript } from './redis-script-protocol.js';
import { pauseScript } from './redis-scripts.js';
import type { AcquireOptions, AcquireResult, RateLimiter, RateLimitRule } from './types.js';
import { validateRateLimitRule, validateRateLimitRules } from './validate-rate-limit-rules.js';

// The Redis limiter's front: checks each call and routes it to a lane (Redis answering) or to the outage fallback. The
// parts it routes to live one concept per file: options (`redis-limiter-options.ts`), the scripts' keys and wire
// (`redis-script-protocol.ts`), one acquire round trip (`redis-acquire-round.ts`), the wait between rounds
// (`redis-lane-loop.ts`), the queues (`redis-lanes.ts`), outages (`redis-availability.ts`, `redis-outage-fallback.ts`)
// and the process's own grants, replayed after an outage (`redis-grant-ledger.ts`, `redis-grant-records.ts`).

export type { RedisLimiterState, RedisRateLimiterOptions, RedisScriptClient } from './redis-limiter-options.js';

/**
 * A limiter shared by every process using the same Redis and `keyPrefix`. Each attempt runs one Lua script over all
 * the call's rules at once: it trims each rule's log to the window, and either records the call in every log or in
 * none and answers how long to wait. Waiting calls of one process queue per rule set in arrival order, and only the
 * first of each queue asks Redis, so a burst costs one round trip per slot, not one per waiting call.
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  return new RedisRateLimiter(options);
}

const idleResult: AcquireResult = Object.freeze({ waitedMs: 0, limitedBy: undefined });

class RedisRateLimiter implements RateLimiter {
  readonly #parts: RedisLimiterParts;
  /** Aborts on `close`: ends the calls waiting for a probe. */
  readonly #closing = new AbortController();
  #closed = false;

  constructor(options: RedisRateLimiterOptions) {
    const settings = resolveRedisLimiterOptions(options);
    const isClosed = () => this.#closed;
    const keys = new RedisRuleKeys(settings.prefix);
    const run: RedisLimiterParts['run'] = (script, scriptKeys, args) =>
      runScript(settings.redis, settings.commandTimeoutMs, script, scriptKeys, args);
    const lanes = new Lanes();
    const availability = new RedisAvailability(settings, isClosed, () => lanes.wakeAll());
    const ledger = new GrantLedger(settings, keys, availability, run, isClosed);
    const fallback = new OutageFallback(settings, availability, ledger);
    this.#parts = { settings, keys, run, availability, ledger, fallback, lanes, isClosed };
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
    const { settings, availability, ledger, fallback, lanes } = this.#parts;
    const now = settings.clock();
    const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
    if (now > deadline) return Promise.reject(pastDeadlineError(undefined, 0));

    if (!availability.up) {
      availability.startProbe(now, () => ledger.flush(true));
      // Failing closed, a call that arrives while the probe runs waits for its answer rather than failing needlessly.
      const probe = availability.probe;
      if (settings.failClosed && probe) {
        return waitForProbe(probe, options, now, this.#closing.signal, () => this.acquire(rules, options));
      }
      if (!availability.up) return fallback.acquire(unique, options, now);
    }

    return lanes.enqueue({ rules: unique, deadline, enqueuedAt: now, holdMs, signal }, (lane) => {
      drainLane(this.#parts, lane).catch((error: unknown) => {
        for (const stranded of [...lane.waiters]) if (settle(stranded)) stranded.reject(error);
      });
    });
  }

  /** `ms` beyond 31 days (`maxWindowMs`) pauses for 31 days, here and in Redis. */
  pause(rule: RateLimitRule, ms: number): void {
    if (this.#closed || !(ms > 0)) return;
    validateRateLimitRule(rule);
    const { settings, keys, availability, ledger, fallback, run } = this.#parts;
    const pauseMs = Math.ceil(Math.min(ms, maxWindowMs));
    fallback.pause(rule, pauseMs);
    if (!availability.up) return;
    // The end in Redis time, so a command replayed late by the client's offline queue never pauses past it.
    const endsAt = ledger.offset.redisTimeAfter(settings.clock(), pauseMs);
    run(pauseScript, [keys.pause(rule.name)], [pauseMs, endsAt]).catch((error: unknown) =>
      availability.markDown(error),
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#closing.abort();
    this.#parts.lanes.rejectAll(limiterClosedError());
    await this.#parts.fallback.close();
  }
}
