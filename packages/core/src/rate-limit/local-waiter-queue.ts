import { DeadlineHeap } from './deadline-heap.js';
import type { RuleWindow } from './rule-window.js';
import type { AcquireResult } from './types.js';

// The calls waiting in the in-process limiter, in arrival order, with how many wait on each rule (a rule nobody waits
// on can be granted at once) and a heap of their deadlines (one timer serves them all). `local-rate-limiter.ts` queues
// calls here; `local-admission-pass.ts` walks the queue to admit them.

/** One call waiting for its slots. */
export interface Waiter {
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

/** A doubly linked list of waiters (removal from the middle in O(1), on abort), with per-rule counts and deadlines. */
export class WaiterQueue {
  readonly #waiting = new Map<string, number>();
  readonly #deadlines = new DeadlineHeap<Waiter>();
  #head: Waiter | undefined;
  #tail: Waiter | undefined;

  /** The earliest call still waiting. */
  get head(): Waiter | undefined {
    return this.#head;
  }

  /** The last call queued, which a new one links after. */
  get tail(): Waiter | undefined {
    return this.#tail;
  }

  /** How many distinct rules the queued calls wait on. */
  get ruleCount(): number {
    return this.#waiting.size;
  }

  /** How many queued calls use the rule `name`. */
  waitingOn(name: string): number {
    return this.#waiting.get(name) ?? 0;
  }

  /** The waiter with the earliest deadline (possibly already settled: removal from the heap is lazy). */
  peekDeadline(): Waiter | undefined {
    return this.#deadlines.peek();
  }

  /** Drops the waiter `peekDeadline` gave. */
  popDeadline(): void {
    this.#deadlines.pop();
  }

  /** Queues a waiter whose `previous` is the current tail. */
  append(waiter: Waiter): void {
    if (this.#tail) this.#tail.next = waiter;
    else this.#head = waiter;
    this.#tail = waiter;
    for (const name of waiter.names) this.#waiting.set(name, this.waitingOn(name) + 1);
    if (waiter.deadline !== Number.POSITIVE_INFINITY) this.#deadlines.push(waiter);
  }

  /** Takes a waiter out of the queue and stops listening to its signal; false when it had already been settled. */
  remove(waiter: Waiter): boolean {
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
    if (this.#head === undefined) this.#deadlines.clear();
    return true;
  }

  /** Rejects every waiting call with `error` and empties the queue (the limiter is closing). */
  rejectAll(error: unknown): void {
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
  }
}
