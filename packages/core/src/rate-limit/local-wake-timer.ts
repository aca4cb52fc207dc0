import { maxTimerMs } from '../validation/duration-range.js';

// The in-process limiter's one timer: it wakes the queue at the next moment something can change (a slot frees, a
// deadline passes), however many calls wait, so a burst costs one timer rather than one per call.

/** One re-armable timer that calls `onWake` at an epoch-millisecond time. */
export class WakeTimer {
  readonly #setTimer: (callback: () => void, ms: number) => unknown;
  readonly #clearTimer: (handle: unknown) => void;
  readonly #onWake: () => void;
  #timer: unknown;
  #timerAt = Number.POSITIVE_INFINITY;

  constructor(
    setTimer: (callback: () => void, ms: number) => unknown,
    clearTimer: (handle: unknown) => void,
    onWake: () => void,
  ) {
    this.#setTimer = setTimer;
    this.#clearTimer = clearTimer;
    this.#onWake = onWake;
  }

  /** Arms the timer for `wake` (epoch ms; Infinity disarms it); `now` is the current time by the limiter's clock. */
  schedule(wake: number, now: number): void {
    if (wake === this.#timerAt) return;
    this.cancel();
    if (wake === Number.POSITIVE_INFINITY) return;
    this.#timerAt = wake;
    // Timers round to whole milliseconds and may fire a hair early: never ask for less than 1 ms. A wait past what
    // a timer holds (2^31−1 ms) is slept in chunks: the pump at the end of one chunk sets the next.
    this.#timer = this.#setTimer(
      () => {
        this.#timer = undefined;
        this.#timerAt = Number.POSITIVE_INFINITY;
        this.#onWake();
      },
      Math.min(maxTimerMs, Math.max(1, Math.ceil(wake - now))),
    );
  }

  /** Disarms the timer, if armed. */
  cancel(): void {
    if (this.#timer !== undefined) this.#clearTimer(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }
}
