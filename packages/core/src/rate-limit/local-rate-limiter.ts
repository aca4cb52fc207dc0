/*
 * Why our own limiter rather than bottleneck or rate-limiter-flexible. Figures from `pnpm bench` (Node 20.20, 2 shared
 * cores at load average 16-18, three runs; both limiters measured in the same run), also in packages/core/README.md:
 * - Idle acquire (two rules, 1000/min + 10000/h, room to spare, slot held and completed): this limiter
 *   10-17 µs per call, bottleneck 2.19.5 8,200-10,500 µs (its datastore yields through setTimeout several times per
 *   job): at P1's 20 ms latency bottleneck alone makes a call 1.41-1.52× slower against a ≤ 1.05× budget.
 * - A burst of 350 requests at a strict sliding-window server allowing 100 per 2 s: this limiter used 100% of the
 *   quota over three windows with 0 × 429; bottleneck at its best (a reservoir refilled every window plus minTime
 *   pacing) used 88-99% with 3-13 × 429, and 11-14 × 429 with every core busy and 0-300 ms of network jitter, since
 *   it stamps nothing at completion and a late arrival lands in the next window.
 * - rate-limiter-flexible is fast but its union consumes from every bucket even when one rejects, and its Redis store
 *   counts fixed windows (up to 2× the quota in some rolling window); bottleneck's Redis clustering breaks on Redis 7.
 * Hence one sliding-window log per rule, atomic across rules, here and in Redis (redis-rate-limiter.ts).
 */

import { ConfigError } from '../errors/config-error.js';
import { isDurationInRange, maxTimerMs, maxWindowMs } from '../validation/duration-range.js';
import { abortReason, invalidHoldError, limiterClosedError, pastDeadlineError } from './limiter-errors.js';
import { type AdmissionParts, estimateAdmission, runAdmissionPass } from './local-admission-pass.js';
import { RuleWindows } from './local-rule-windows.js';
import { type Waiter, WaiterQueue } from './local-waiter-queue.js';
import { WakeTimer } from './local-wake-timer.js';
import type { RuleWindow } from './rule-window.js';
import type { AcquireOptions, AcquireResult, RateLimiter, RateLimitRule } from './types.js';
import { validateRateLimitRule, validateRateLimitRules } from './validate-rate-limit-rules.js';

// The limiter's front: it checks each call, answers the idle path without a timer, and queues the rest. Its parts,
// one concept per file: the windows and grants (local-rule-windows.ts), the queue of waiting calls
// (local-waiter-queue.ts), the pass that admits them (local-admission-pass.ts) and its one timer (local-wake-timer.ts).

/** Options of `createLocalRateLimiter`. */
export interface LocalRateLimiterOptions {
  /**
   * Added to every window: a slot is reused only `windowMs + safetyMarginMs` after the grant that held it. With
   * `holdMs` (the pipeline always passes it) the window starts when the attempt completes, after the provider counted
   * the request, so the margin only covers timer rounding and a provider whose clock ticks coarsely. Without it (a
   * bare `acquire`) the window starts at the release, and the margin must also absorb how much later one request
   * reaches the provider than another: a burst on new connections arrives spread over 26-53 ms on loopback here, and
   * 10-50 ms margins gave up to 114 × 429 out of 350 requests in `pnpm bench p2`; 100 ms gave none on a quiet machine
   * (and did not suffice on a busy one; holding until completion does). Costs at most `margin / (window + margin)` of
   * the quota under sustained saturation: 0.17% of a per-minute rule. Milliseconds, 0 to 2^31−1.
   * @default 100
   */
  readonly safetyMarginMs?: number | undefined;
  /** Epoch milliseconds. @default Date.now */
  readonly clock?: (() => number) | undefined;
  /** Schedules the limiter's single wake-up timer (one per limiter, never one per waiting call). @default setTimeout */
  readonly setTimer?: ((callback: () => void, ms: number) => unknown) | undefined;
  /** Cancels what `setTimer` returned. @default clearTimeout */
  readonly clearTimer?: ((handle: unknown) => void) | undefined;
}

/**
 * How long, in milliseconds, a slot is held past its window by default: covers the jitter between our clock and the
 * provider's arrival time (measured: 50 ms still let 429s through).
 */
export const defaultSafetyMarginMs = 100;

/**
 * An in-process limiter: a sliding-window log per rule (keyed by rule name). A call is admitted when every one of its
 * rules has room, and is then recorded in all of them at once, never in some only. Calls that must wait queue in
 * arrival order; a later call may pass an earlier one only when it shares no full rule with it and taking its slot
 * delays no earlier call (so a call waiting on a 30/min endpoint rule does not hold up the rest of the traffic).
 * One timer per limiter wakes the queue; an idle acquire takes no timer and no macrotask.
 */
export function createLocalRateLimiter(options: LocalRateLimiterOptions = {}): RateLimiter {
  return new LocalRateLimiter(options);
}

const idleResult: AcquireResult = Object.freeze({ waitedMs: 0, limitedBy: undefined });

/** @internal Exported for the Redis limiter, which keeps one as its mirror and fallback. */
export class LocalRateLimiter implements RateLimiter {
  readonly #clock: () => number;
  readonly #windows: RuleWindows;
  readonly #queue = new WaiterQueue();
  readonly #timer: WakeTimer;
  readonly #admission: AdmissionParts = {
    queue: this.#queue,
    grant: (windows, now, holdMs) => this.#windows.grant(windows, now, holdMs),
    settle: (waiter) => this.#settle(waiter),
  };
  #pumping = false;
  #closed = false;

  constructor(options: LocalRateLimiterOptions = {}) {
    const margin = options.safetyMarginMs ?? defaultSafetyMarginMs;
    if (!isDurationInRange(margin, maxTimerMs, true)) {
      throw new ConfigError(
        'createLocalRateLimiter: safetyMarginMs must be a number of milliseconds from 0 to 2^31−1',
        {
          option: 'safetyMarginMs',
        },
      );
    }
    this.#clock = options.clock ?? (() => Date.now());
    this.#windows = new RuleWindows(margin, this.#clock, () => this.#closed);
    this.#timer = new WakeTimer(
      options.setTimer ?? ((callback, ms) => setTimeout(callback, ms)),
      options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)),
      () => this.#pump(),
    );
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
    const now = this.#clock();
    const windows: RuleWindow[] = [];
    const names: string[] = [];
    let free = true;
    for (const rule of rules) {
      if (names.includes(rule.name)) continue;
      const window = this.#windows.windowFor(rule);
      windows.push(window);
      names.push(rule.name);
      if (free && (this.#queue.waitingOn(rule.name) > 0 || window.slotTime(0, now) > now)) free = false;
    }
    const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
    // The idle path: no queue on these rules and room in each, so record and answer without any timer.
    if (free && now <= deadline) {
      if (holdMs === 0) {
        for (const window of windows) window.record(now);
        return Promise.resolve(idleResult);
      }
      return Promise.resolve({
        waitedMs: 0,
        limitedBy: undefined,
        complete: this.#windows.grant(windows, now, holdMs),
      });
    }

    // Estimate the admission time from the calls already queued on each rule; refuse at once if it is too late.
    const { estimate, limitedBy } = estimateAdmission(windows, names, this.#queue, now);
    if (estimate > deadline) return Promise.reject(pastDeadlineError(limitedBy, estimate - now));

    return new Promise<AcquireResult>((resolve, reject) => {
      const waiter: Waiter = {
        windows,
        names,
        deadline,
        enqueuedAt: now,
        holdMs,
        limitedBy,
        signal,
        onAbort: undefined,
        resolve,
        reject,
        settled: false,
        previous: this.#queue.tail,
        next: undefined,
      };
      this.#queue.append(waiter);
      if (signal) {
        waiter.onAbort = () => {
          if (this.#settle(waiter)) waiter.reject(abortReason(signal));
          this.#pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#pump();
    });
  }

  /** `ms` beyond 31 days (`maxWindowMs`) pauses for 31 days: no quota has a longer window, and waits stay finite. */
  pause(rule: RateLimitRule, ms: number): void {
    if (this.#closed || !(ms > 0)) return;
    validateRateLimitRule(rule);
    this.#windows.windowFor(rule).pauseUntil(this.#clock() + Math.min(ms, maxWindowMs));
    // Waiters whose deadline the pause now overshoots are refused at once; the timer moves to the new wake time.
    if (this.#queue.head) this.#pump();
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#timer.cancel();
    this.#queue.rejectAll(limiterClosedError());
    return Promise.resolve();
  }

  /**
   * @internal Records grants made elsewhere (the Redis limiter's grants, so its fallback knows this process's history),
   * held like its own when `holdMs` is given: the returned function completes them.
   */
  recordGrant(rules: readonly RateLimitRule[], at: number, holdMs = 0): (() => void) | undefined {
    return this.#windows.grant(
      rules.map((rule) => this.#windows.windowFor(rule)),
      at,
      holdMs,
    );
  }

  /** Runs one admission pass (local-admission-pass.ts) and sets the one timer for the next moment something can change. */
  #pump(): void {
    if (this.#pumping || this.#closed) return;
    this.#pumping = true;
    try {
      const now = this.#clock();
      this.#timer.schedule(runAdmissionPass(this.#admission, now), now);
    } finally {
      this.#pumping = false;
    }
  }

  /** Takes a waiter out of the queue; false when it had already been settled. An empty queue needs no timer. */
  #settle(waiter: Waiter): boolean {
    if (!this.#queue.remove(waiter)) return false;
    if (this.#queue.head === undefined) this.#timer.cancel();
    return true;
  }
}
