import { LocalRateLimiter } from './local-rate-limiter.js';
import type { RedisAvailability } from './redis-availability.js';
import type { GrantLedger } from './redis-grant-ledger.js';
import { grantRecord } from './redis-grant-records.js';
import { type Lane, settle } from './redis-lanes.js';
import type { RedisLimiterSettings } from './redis-limiter-options.js';
import type { AcquireOptions, AcquireResult, RateLimitRule } from './types.js';

// While Redis is away, calls are paced by a local limiter at this process's share of every rule (`onRedisError:
// 'fallback-local'`) or refused (`'fail-closed'`). The local limiter mirrors every Redis grant too, so it continues
// from this process's own recent history instead of letting a fresh burst in.

export class OutageFallback {
  readonly #settings: RedisLimiterSettings;
  readonly #availability: RedisAvailability;
  readonly #ledger: GrantLedger;
  /** Mirrors this process's grants (at its share of each limit) and paces alone while Redis is away. */
  readonly #local: LocalRateLimiter;
  readonly #scaled = new WeakMap<RateLimitRule, RateLimitRule>();

  constructor(settings: RedisLimiterSettings, availability: RedisAvailability, ledger: GrantLedger) {
    this.#settings = settings;
    this.#availability = availability;
    this.#ledger = ledger;
    this.#local = new LocalRateLimiter({ safetyMarginMs: settings.marginMs, clock: settings.clock });
  }

  /** Serves a call while Redis is down: locally paced and recorded for Redis, or refused when failing closed. */
  acquire(rules: readonly RateLimitRule[], options: AcquireOptions, enqueuedAt: number): Promise<AcquireResult> {
    if (this.#settings.failClosed) return Promise.reject(this.#availability.unavailableError());
    return this.#local.acquire(this.#shares(rules), options).then((result) => {
      const grantedAt = this.#settings.clock();
      const grant = grantRecord(rules, this.#ledger.member(), grantedAt, options.holdMs ?? 0);
      this.#ledger.addOutageGrant(grant);
      // Granted locally after Redis came back (it queued during the outage): Redis must still learn of it.
      if (this.#availability.up) {
        this.#ledger.flush().catch((error: unknown) => this.#availability.markDown(error));
      }
      const waitedMs = grantedAt - enqueuedAt;
      if (grant.completed) return { waitedMs, limitedBy: result.limitedBy };
      return {
        waitedMs,
        limitedBy: result.limitedBy,
        complete: this.#ledger.completion(grant, grant.holdUntil, result.complete),
      };
    });
  }

  /** Hands a lane's calls to the fallback (or fails them closed) once Redis is down. */
  evacuate(lane: Lane): void {
    for (const waiter of [...lane.waiters]) {
      if (!settle(waiter)) continue;
      const remaining: AcquireOptions = { signal: waiter.signal, deadline: waiter.deadline, holdMs: waiter.holdMs };
      this.acquire(waiter.rules, remaining, waiter.enqueuedAt).then(waiter.resolve, waiter.reject);
    }
  }

  /** Records a grant Redis made; the returned function completes it locally (held grants only). */
  mirror(rules: readonly RateLimitRule[], grantedAt: number, holdMs: number): (() => void) | undefined {
    return this.#local.recordGrant(this.#shares(rules), grantedAt, holdMs);
  }

  pause(rule: RateLimitRule, pauseMs: number): void {
    this.#local.pause(this.#share(rule), pauseMs);
  }

  close(): Promise<void> {
    return this.#local.close();
  }

  /** This process's share of a rule, for the fallback. */
  #share(rule: RateLimitRule): RateLimitRule {
    const processes = this.#settings.processes;
    if (processes === 1) return rule;
    let share = this.#scaled.get(rule);
    if (!share) {
      share = { ...rule, limit: Math.max(1, Math.floor(rule.limit / processes)) };
      this.#scaled.set(rule, share);
    }
    return share;
  }

  #shares(rules: readonly RateLimitRule[]): readonly RateLimitRule[] {
    return this.#settings.processes === 1 ? rules : rules.map((rule) => this.#share(rule));
  }
}
