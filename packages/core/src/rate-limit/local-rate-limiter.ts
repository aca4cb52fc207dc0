/*
 * Why our own limiter rather than bottleneck or rate-limiter-flexible. Figures from `pnpm bench p2` (Node 20.20,
 * 2 shared cores; both limiters measured in the same run), also in packages/core/README.md "Rate limits":
 * - Idle acquire (CryptoCardy's 1000/min + 10000/h rules, room to spare): this limiter 2-6 µs per call in the bench
 *   run (0.2-0.9 µs warm, alone), bottleneck 2.19.5 4,500-4,800 µs (its datastore yields through setTimeout several
 *   times per job). At P1's 20 ms latency bottleneck alone makes a call 1.24× slower against a ≤ 1.05× budget; this
 *   limiter leaves it at 1.000×.
 * - A burst of 350 requests at a strict sliding-window server allowing 100 per 2 s: this limiter used 100% of the
 *   quota over three windows with 0 × 429; bottleneck's reservoir (a fixed window refilled every 2 s) used 82-85%
 *   with 48-55 × 429, since a refill lets a new batch in while the previous one is still inside the rolling window.
 * - rate-limiter-flexible is fast but its union consumes from every bucket even when one rejects, and its Redis store
 *   counts fixed windows (up to 2× the quota in some rolling window); bottleneck's Redis clustering breaks on Redis 7.
 * Hence one sliding-window log per rule, atomic across rules, here and in Redis (redis-rate-limiter.ts).
 */

import { DeadlineHeap } from './deadline-heap.js';
import { abortReason, limiterClosedError, pastDeadlineError } from './limiter-errors.js';
import { RuleWindow } from './rule-window.js';
import type { AcquireOptions, AcquireResult, RateLimiter, RateLimitRule } from './types.js';
import { validateRateLimitRule, validateRateLimitRules } from './validate-rate-limit-rules.js';

/** Options of `createLocalRateLimiter`. */
export interface LocalRateLimiterOptions {
  /**
   * Added to every window: a slot is reused only `windowMs + safetyMarginMs` after the grant that held it. It absorbs
   * the difference between how late two requests reach the provider after their grants: a burst on new connections
   * arrives spread over 26-53 ms on loopback here while the same burst on kept-alive sockets arrives within 6-14 ms,
   * and 10-50 ms margins gave up to 114 × 429 out of 350 requests in `pnpm bench p2`; 100 ms gave none. Costs at most
   * `margin / (window + margin)` of the quota under sustained saturation: 0.17% of a per-minute rule. Raise it for a
   * distant provider (a new TLS connection arrives about two round trips later than a reused one).
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
    if (!Number.isFinite(margin) || margin < 0) throw new RangeError('safetyMarginMs must be a number ≥ 0');
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
      for (const window of windows) window.record(now);
      return Promise.resolve(idleResult);
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

  pause(rule: RateLimitRule, ms: number): void {
    if (this.#closed || !(ms > 0)) return;
    validateRateLimitRule(rule);
    this.#windowFor(rule).pauseUntil(this.#clock() + ms);
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

  /** @internal Records grants made elsewhere (the Redis limiter's grants, so its fallback knows this process's history). */
  recordGrant(rules: readonly RateLimitRule[], at: number): void {
    for (const rule of rules) this.#windowFor(rule).record(at);
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
          for (const window of windows) window.record(now);
          this.#settle(waiter);
          waiter.resolve({ waitedMs: now - waiter.enqueuedAt, limitedBy: waiter.limitedBy });
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
    // Timers round to whole milliseconds and may fire a hair early: never ask for less than 1 ms.
    this.#timer = this.#setTimer(
      () => {
        this.#timer = undefined;
        this.#timerAt = Number.POSITIVE_INFINITY;
        this.#pump();
      },
      Math.max(1, Math.ceil(wake - now)),
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
