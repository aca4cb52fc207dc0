/**
 * The longest delay a Node timer holds: 2^31−1 ms (about 24.8 days). `setTimeout` with more fires after 1 ms (with a
 * `TimeoutOverflowWarning`), so every duration option that becomes a timer is refused above it, and every wait that
 * can be longer (a rate-limit window, a pause) is slept in chunks of at most this.
 */
export const maxTimerMs = 2 ** 31 - 1;

/** The longest rate-limit window accepted: 31 days, in milliseconds (a monthly quota fits; waits are chunked). */
export const maxWindowMs = 31 * 24 * 60 * 60 * 1000;

/**
 * Whether `value` is a number of milliseconds in `(0, max]` (`[0, max]` with `zeroAllowed`): finite, not NaN, not
 * negative. Used by every duration option so each one has the same documented range.
 */
export function isDurationInRange(value: unknown, max: number = maxTimerMs, zeroAllowed = false): value is number {
  return typeof value === 'number' && Number.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0) && value <= max;
}
