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
import { DeadlineHeap } from './deadline-heap.js';
import { abortReason, invalidHoldError, limiterClosedError, pastDeadlineError } from './limiter-errors.js';
import { type HeldGrant, RuleWindow } from './rule-window.js';
import type { AcquireOptions, AcquireResult, RateLimiter, RateLimitRule } from './types.js';
import { validateRateLimitRule, validateRateLimitRules } from './validate-rate-limit-rules.js';

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

interface Waiter {
  readonly windows: readonly RuleWindow[];
  readonly names: readonly string[];
  /** Epoch ms; Infinity when the call has none. */
  readonly deadline: number;
  readonly enqueuedAt: number;
  /** `AcquireOptions.holdMs`; 0 when the slot's window starts at its release. */
  readonly holdMs: number;
  limitedBy: string | undefined;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  resolve: (result: AcquireResult) => void;
  reject: (reason: unknown) => void;
  settled: boolean;
  previous: Waiter | undefined;
  next: Waiter | undefined;
}

const idleResult: AcquireResult = Object.freeze({ waitedMs: 0, limitedBy: undefined });

/** @internal Exported for the Redis limiter, which keeps one as its mirror and fallback. */
export class LocalRateLimiter implements RateLimiter {
  readonly #marginMs: number;
  readonly #clock: () => number;
  readonly #setTimer: (callback: () => void, ms: number) => unknown;
  readonly #clearTimer: (handle: unknown) => void;
  readonly #windows = new Map<string, RuleWindow>();
  /** How many queued calls use each rule: a rule nobody waits on can be granted at once. */
  readonly #waiting = new Map<string, number>();
  readonly #deadlines = new DeadlineHeap<Waiter>();
  #head: Waiter | undefined;
  #tail: Waiter | undefined;
  #timer: unknown;
  #timerAt = Number.POSITIVE_INFINITY;
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
    this.#marginMs = margin;
    this.#clock = options.clock ?? (() => Date.now());
    this.#setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.#clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
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
      const window = this.#windowFor(rule);
      windows.push(window);
      names.push(rule.name);
      if (free && (this.#waiting.has(rule.name) || window.slotTime(0, now) > now)) free = false;
    }
    const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
    // The idle path: no queue on these rules and room in each, so record and answer without any timer.
    if (free && now <= deadline) {
      if (holdMs === 0) {
        for (const window of windows) window.record(now);
        return Promise.resolve(idleResult);
      }
      return Promise.resolve({ waitedMs: 0, limitedBy: undefined, complete: this.#grant(windows, now, holdMs) });
    }

    // Estimate the admission time from the calls already queued on each rule; refuse at once if it is too late.
    let estimate = now;
    let limitedBy: string | undefined;
    for (let index = 0; index < windows.length; index++) {
      const name = names[index]!;
      const slot = windows[index]!.slotTime(this.#waiting.get(name) ?? 0, now);
      if (slot > estimate) {
        estimate = slot;
        limitedBy = name;
      }
    }
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
        previous: this.#tail,
        next: undefined,
      };
      if (this.#tail) this.#tail.next = waiter;
      else this.#head = waiter;
      this.#tail = waiter;
      for (const name of names) this.#waiting.set(name, (this.#waiting.get(name) ?? 0) + 1);
      if (deadline !== Number.POSITIVE_INFINITY) this.#deadlines.push(waiter);
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
    this.#windowFor(rule).pauseUntil(this.#clock() + Math.min(ms, maxWindowMs));
    // Waiters whose deadline the pause now overshoots are refused at once; the timer moves to the new wake time.
    if (this.#head) this.#pump();
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#cancelTimer();
    const error = limiterClosedError();
    for (let waiter = this.#head; waiter; waiter = waiter.next) {
      if (!waiter.settled) {
        waiter.settled = true;
        if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.reject(error);
      }
    }
    this.#head = undefined;
    this.#tail = undefined;
    this.#waiting.clear();
    this.#deadlines.clear();
    return Promise.resolve();
  }

  /**
   * @internal Records grants made elsewhere (the Redis limiter's grants, so its fallback knows this process's history),
   * held like its own when `holdMs` is given: the returned function completes them.
   */
  recordGrant(rules: readonly RateLimitRule[], at: number, holdMs = 0): (() => void) | undefined {
    return this.#grant(
      rules.map((rule) => this.#windowFor(rule)),
      at,
      holdMs,
    );
  }

  /**
   * Takes a slot in every window at `now`. With a hold, each window keeps the slot until the returned `complete` (or
   * `holdMs`), and its window starts then; without, it starts now.
   */
  #grant(windows: readonly RuleWindow[], now: number, holdMs: number): (() => void) | undefined {
    if (holdMs === 0) {
      for (const window of windows) window.record(now);
      return undefined;
    }
    const held: HeldGrant[] = [];
    for (const window of windows) held.push(window.hold(now + holdMs));
    let completed = false;
    return () => {
      if (completed || this.#closed) return;
      completed = true;
      const at = this.#clock();
      for (let index = 0; index < windows.length; index++) windows[index]!.complete(held[index]!, at);
    };
  }

  #windowFor(rule: RateLimitRule): RuleWindow {
    let window = this.#windows.get(rule.name);
    if (!window) {
      window = new RuleWindow(rule.limit, rule.windowMs, this.#marginMs);
      this.#windows.set(rule.name, window);
    } else if (window.limit !== rule.limit || window.spanMs !== rule.windowMs + this.#marginMs) {
      window.reconfigure(rule.limit, rule.windowMs);
    }
    return window;
  }

  /**
   * Admits every queued call that can go now, in arrival order, refuses those that can no longer make their deadline,
   * and sets the one timer for the next moment something can change.
   *
   * `claims` holds, per rule, the earliest admission time of an earlier call still waiting on it: a later call may
   * take that rule's slot only if the rule still has room for the earlier call by then. A rule is "closed" once no
   * later call can take it in this pass; when every queued rule is closed the pass stops early (O(1) for one busy
   * rule set, however long the queue).
   */
  #pump(): void {
    if (this.#pumping || this.#closed) return;
    this.#pumping = true;
    try {
      const now = this.#clock();
      this.#expireDeadlines(now);
      const claims = new Map<string, number>();
      const closed = new Set<string>();
      let wake = Number.POSITIVE_INFINITY;
      for (let waiter = this.#head; waiter; ) {
        const next = waiter.next;
        const { windows, names } = waiter;
        let earliest = now;
        let limitedBy: string | undefined;
        let blocked = false;
        for (let index = 0; index < windows.length; index++) {
          const window = windows[index]!;
          const name = names[index]!;
          const slot = window.slotTime(0, now);
          // On a tie the rule named when the call queued keeps the blame.
          if (slot > earliest || (slot === earliest && slot > now && name === waiter.limitedBy)) {
            earliest = slot;
            limitedBy = name;
          }
          const claim = claims.get(name);
          if (claim !== undefined && (closed.has(name) || window.slotTime(1, now) > claim)) blocked = true;
        }
        if (earliest <= now && !blocked) {
          const complete = this.#grant(windows, now, waiter.holdMs);
          this.#settle(waiter);
          const waitedMs = now - waiter.enqueuedAt;
          waiter.resolve(
            complete === undefined
              ? { waitedMs, limitedBy: waiter.limitedBy }
              : { waitedMs, limitedBy: waiter.limitedBy, complete },
          );
        } else if (earliest > waiter.deadline) {
          this.#settle(waiter);
          waiter.reject(pastDeadlineError(limitedBy, earliest - now));
        } else {
          if (limitedBy !== undefined) waiter.limitedBy = limitedBy;
          if (earliest > now && earliest < wake) wake = earliest;
          for (let index = 0; index < windows.length; index++) {
            const window = windows[index]!;
            const name = names[index]!;
            const claim = Math.min(claims.get(name) ?? Number.POSITIVE_INFINITY, earliest);
            claims.set(name, claim);
            const ready = window.slotTime(0, now);
            if (ready > now && ready < wake) wake = ready;
            if (ready > now || window.slotTime(1, now) > claim) closed.add(name);
          }
          if (closed.size >= this.#waiting.size) break;
        }
        waiter = next;
      }
      const nextDeadline = this.#deadlines.peek()?.deadline;
      if (nextDeadline !== undefined && nextDeadline < wake) wake = nextDeadline;
      this.#schedule(wake, now);
    } finally {
      this.#pumping = false;
    }
  }

  #expireDeadlines(now: number): void {
    // Strictly past: a call whose slot comes exactly at its deadline is still admitted by the pass that follows.
    for (let top = this.#deadlines.peek(); top && (top.settled || top.deadline < now); top = this.#deadlines.peek()) {
      this.#deadlines.pop();
      if (top.settled) continue;
      let earliest = now;
      for (const window of top.windows) earliest = Math.max(earliest, window.slotTime(0, now));
      this.#settle(top);
      top.reject(pastDeadlineError(top.limitedBy, earliest - now));
    }
  }

  #schedule(wake: number, now: number): void {
    if (wake === this.#timerAt) return;
    this.#cancelTimer();
    if (wake === Number.POSITIVE_INFINITY) return;
    this.#timerAt = wake;
    // Timers round to whole milliseconds and may fire a hair early: never ask for less than 1 ms. A wait past what
    // a timer holds (2^31−1 ms) is slept in chunks: the pump at the end of one chunk sets the next.
    this.#timer = this.#setTimer(
      () => {
        this.#timer = undefined;
        this.#timerAt = Number.POSITIVE_INFINITY;
        this.#pump();
      },
      Math.min(maxTimerMs, Math.max(1, Math.ceil(wake - now))),
    );
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) this.#clearTimer(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  /** Takes a waiter out of the queue; false when it had already been settled. */
  #settle(waiter: Waiter): boolean {
    if (waiter.settled) return false;
    waiter.settled = true;
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    if (waiter.previous) waiter.previous.next = waiter.next;
    else this.#head = waiter.next;
    if (waiter.next) waiter.next.previous = waiter.previous;
    else this.#tail = waiter.previous;
    waiter.previous = undefined;
    waiter.next = undefined;
    for (const name of waiter.names) {
      const count = (this.#waiting.get(name) ?? 1) - 1;
      if (count > 0) this.#waiting.set(name, count);
      else this.#waiting.delete(name);
    }
    if (this.#head === undefined) {
      this.#cancelTimer();
      this.#deadlines.clear();
    }
    return true;
  }
}
