import { abortReason, deadlinePassedError } from './limiter-errors.js';
import type { AcquireResult, RateLimitRule } from './types.js';

// Waiting calls of one process queue per rule set in arrival order, and only the first of each queue asks Redis: a
// burst then costs one round trip per slot, not one per waiting call. This file holds the queues; `redis-lane-loop.ts`
// serves them.

export interface Waiter {
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
export interface Lane {
  readonly key: string;
  readonly waiters: Waiter[];
  running: boolean;
  sleep: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined;
}

/** What a call asks for when it joins a lane. */
export interface WaiterRequest {
  readonly rules: readonly RateLimitRule[];
  readonly deadline: number;
  readonly enqueuedAt: number;
  readonly holdMs: number;
  readonly signal: AbortSignal | undefined;
}

/** The lanes of one limiter, by rule set. */
export class Lanes {
  readonly #lanes = new Map<string, Lane>();

  /** Queues a call in its rule set's lane; `serve` starts the lane's loop when none runs. */
  enqueue(request: WaiterRequest, serve: (lane: Lane) => void): Promise<AcquireResult> {
    const key = request.rules
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
        ...request,
        lane: target,
        onAbort: undefined,
        limitedBy: undefined,
        resolve,
        reject,
        settled: false,
        deadlineTimer: undefined,
      };
      target.waiters.push(waiter);
      const { signal } = request;
      if (signal) {
        waiter.onAbort = () => {
          if (settle(waiter)) waiter.reject(abortReason(signal));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      if (!target.running) serve(target);
    });
  }

  /** A lane's loop ended: an empty lane is forgotten. */
  release(lane: Lane): void {
    if (lane.waiters.length === 0) this.#lanes.delete(lane.key);
  }

  /** Redis went away: every sleeping lane wakes to hand its calls to the fallback. */
  wakeAll(): void {
    for (const lane of this.#lanes.values()) lane.sleep?.wake();
  }

  /** The limiter closed: every waiting call is rejected with `error`. */
  rejectAll(error: unknown): void {
    for (const lane of this.#lanes.values()) {
      for (const waiter of [...lane.waiters]) if (settle(waiter)) waiter.reject(error);
      lane.sleep?.wake();
    }
    this.#lanes.clear();
  }
}

/** Takes a waiter out of its lane; false when it had already been settled. */
export function settle(waiter: Waiter): boolean {
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

/** Sleeps a lane for `ms` (at most a timer's range); `lane.sleep.wake()` ends it early. */
export function sleepLane(lane: Lane, ms: number): Promise<void> {
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

/**
 * Rejects the first waiter at its deadline while its Redis call is out, when the deadline comes before the command
 * timeout would end that call anyway.
 */
export function armDeadline(head: Waiter, now: number, commandTimeoutMs: number): void {
  const remaining = head.deadline - now;
  if (remaining >= commandTimeoutMs) return;
  head.deadlineTimer = setTimeout(() => {
    if (settle(head)) head.reject(deadlinePassedError());
  }, remaining);
}
