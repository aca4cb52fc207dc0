/**
 * The margin a completed held grant keeps, in ms (at most `safetyMarginMs`): its arrival is known to lie before its
 * completion, so only timer rounding and millisecond clocks remain to cover.
 */
export const heldMarginMs = 10;

/** How much earlier than its completion a held grant is recorded, so its span ends `heldMarginMs` after the window. */
export function heldMarginShift(marginMs: number): number {
  return Math.max(0, marginMs - heldMarginMs);
}

/** A grant whose attempt is still under way: it holds its slot until completed, or until `holdUntil` (epoch ms). */
export interface HeldGrant {
  readonly holdUntil: number;
}

/**
 * The sliding-window log of one rule: the times of its last `limit` finished grants in a ring buffer (O(limit) memory,
 * grown on demand so a huge limit costs nothing until it is used), plus the grants still held by their attempt.
 * A grant's time is when its window starts: its release, or, for a held grant, when its attempt completed (the latest
 * moment the provider can have counted it). A grant is allowed once the `limit`-th most recent grant is at least
 * `windowMs + marginMs` old, so no rolling window of `windowMs` ever holds more than `limit` arrivals. A held grant's
 * window has not started yet: it frees its slot no sooner than one span from now.
 */
export class RuleWindow {
  #limit: number;
  #span: number;
  readonly #marginMs: number;
  #times: Float64Array;
  /** Index of the oldest kept grant. */
  #start = 0;
  #count = 0;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  /** Grants whose attempts are under way (unordered; as many as requests in flight, at most `limit`). */
  readonly #held: HeldGrant[] = [];

  constructor(limit: number, windowMs: number, marginMs: number) {
    this.#limit = limit;
    this.#span = windowMs + marginMs;
    this.#marginMs = marginMs;
    this.#times = new Float64Array(Math.min(limit, 16));
  }

  get limit(): number {
    return this.#limit;
  }

  /** The window plus the safety margin: how long a grant keeps its slot. */
  get spanMs(): number {
    return this.#span;
  }

  /** Follows a rule whose limit or window changed, keeping the most recent grants. */
  reconfigure(limit: number, windowMs: number): void {
    this.#span = windowMs + this.#marginMs;
    if (limit === this.#limit) return;
    const kept = Math.min(this.#count, limit);
    const times = new Float64Array(Math.max(Math.min(limit, 16), kept));
    for (let index = 0; index < kept; index++) times[index] = this.#at(this.#count - kept + index);
    this.#times = times;
    this.#start = 0;
    this.#count = kept;
    this.#limit = limit;
  }

  /**
   * When the `ahead`-th next grant (0: the next one) can happen at the earliest if every grant before it is taken as
   * soon as allowed. Slot `count + ahead` reuses the slot of grant `count + ahead - limit`, one span later. A held
   * grant counts as finishing now: a lower bound, exact once it completes (the queue looks again by then).
   */
  slotTime(ahead: number, now: number): number {
    this.#releaseExpired(now);
    const cycles = Math.floor(ahead / this.#limit);
    const finished = this.#count;
    const replaced = finished + this.#held.length + (ahead % this.#limit) - this.#limit;
    let first = Math.max(now, this.#pausedUntil);
    if (replaced >= 0) first = Math.max(first, (replaced < finished ? this.#at(replaced) : now) + this.#span);
    return first + cycles * this.#span;
  }

  /** Records a grant whose window starts at `at`. Times never go backwards here, even if the wall clock does. */
  record(at: number): void {
    const newest = this.#count > 0 ? this.#at(this.#count - 1) : Number.NEGATIVE_INFINITY;
    const time = Math.max(at, newest);
    if (this.#count < this.#times.length) {
      this.#times[(this.#start + this.#count) % this.#times.length] = time;
      this.#count++;
    } else if (this.#times.length < this.#limit) {
      this.#grow();
      this.#times[this.#count] = time;
      this.#count++;
    } else {
      this.#times[this.#start] = time;
      this.#start = (this.#start + 1) % this.#times.length;
    }
  }

  /** Records a grant whose window starts when `complete` is called with it, or at `holdUntil` at the latest. */
  hold(holdUntil: number): HeldGrant {
    const grant: HeldGrant = { holdUntil };
    this.#held.push(grant);
    return grant;
  }

  /**
   * The held grant's attempt ended at `at`: its window starts then. Its arrival is known to lie before `at`, so it
   * needs no margin for arrival jitter, only `heldMarginMs` for timer rounding: it is recorded that much earlier.
   * A grant no longer held is left alone.
   */
  complete(grant: HeldGrant, at: number): void {
    const index = this.#held.indexOf(grant);
    if (index < 0) return;
    this.#removeHeld(index);
    this.record(Math.min(at, grant.holdUntil) - heldMarginShift(this.#marginMs));
  }

  /** Admits nothing before `until` (epoch ms); a shorter pause never cuts a longer one short. */
  pauseUntil(until: number): void {
    if (until > this.#pausedUntil) this.#pausedUntil = until;
  }

  /** A grant nobody completed starts its window at `holdUntil`: its attempt cannot have run longer. */
  #releaseExpired(now: number): void {
    const held = this.#held;
    for (let index = held.length - 1; index >= 0; index--) {
      const grant = held[index]!;
      if (grant.holdUntil <= now) {
        this.#removeHeld(index);
        this.record(grant.holdUntil);
      }
    }
  }

  #removeHeld(index: number): void {
    const held = this.#held;
    const last = held.pop()!;
    if (index < held.length) held[index] = last;
  }

  /** The i-th kept grant, 0 being the oldest. */
  #at(index: number): number {
    return this.#times[(this.#start + index) % this.#times.length] ?? Number.NEGATIVE_INFINITY;
  }

  #grow(): void {
    const times = new Float64Array(Math.min(this.#limit, this.#times.length * 2));
    for (let index = 0; index < this.#count; index++) times[index] = this.#at(index);
    this.#times = times;
    this.#start = 0;
  }
}
