import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { sanitizeCause } from '../redaction/sanitize-cause.js';
import { maxTimerMs } from '../validation/duration-range.js';
import { abortReason, deadlinePassedError, limiterClosedError } from './limiter-errors.js';
import type { RedisLimiterSettings, RedisLimiterState } from './redis-limiter-options.js';
import type { AcquireOptions } from './types.js';

// Whether Redis is answering, and when to ask it again. One failed command sends every call of the process to the
// local fallback (or fails it closed) at once, rather than each call waiting out its own command timeout; after
// `retryRedisAfterMs` one probe, not every call, tries Redis again.

export class RedisAvailability {
  readonly #settings: RedisLimiterSettings;
  readonly #isClosed: () => boolean;
  /** Wakes the lanes sleeping on a Redis wait, so their calls move to the fallback now. */
  readonly #onDown: () => void;
  #up = true;
  #retryAt = 0;
  #lastError: unknown;
  #probe: Promise<void> | undefined;

  constructor(settings: RedisLimiterSettings, isClosed: () => boolean, onDown: () => void) {
    this.#settings = settings;
    this.#isClosed = isClosed;
    this.#onDown = onDown;
  }

  /** False from a failed command until a probe finds Redis back. */
  get up(): boolean {
    return this.#up;
  }

  /** The probe under way, if any: it settles (never rejects) once Redis answered it or failed again. */
  get probe(): Promise<void> | undefined {
    return this.#probe;
  }

  markDown(error: unknown): void {
    if (this.#isClosed()) return;
    this.#retryAt = this.#settings.clock() + this.#settings.retryAfterMs;
    this.#lastError = error;
    if (!this.#up) return;
    this.#up = false;
    this.#notify(this.#settings.failClosed ? 'unavailable' : 'fallback', error);
    this.#onDown();
  }

  /**
   * After `retryRedisAfterMs`, one background probe: `catchUp` writes the outage's grants to Redis, then Redis is
   * used again.
   */
  startProbe(now: number, catchUp: () => Promise<void>): void {
    if (this.#probe || now < this.#retryAt) return;
    this.#probe = (async () => {
      try {
        await catchUp();
        if (this.#isClosed() || this.#up) return;
        this.#up = true;
        this.#notify('redis', undefined);
      } catch (error) {
        this.#retryAt = this.#settings.clock() + this.#settings.retryAfterMs;
        this.#lastError = error;
      } finally {
        this.#probe = undefined;
      }
    })();
  }

  /** What a call failing closed rejects with: the last Redis failure is its cause. */
  unavailableError(): ProviderUnavailableError {
    return new ProviderUnavailableError('The shared rate limiter (Redis) is unavailable; nothing was sent', {
      code: 'rate_limiter_unavailable',
      cause: this.#lastError,
    });
  }

  /** A throwing listener must not break the queue it is told about. */
  #notify(state: RedisLimiterState, cause: unknown): void {
    try {
      // The raw client error holds the failed command (`AUTH <password>`): the listener gets it sanitized.
      this.#settings.onStateChange?.(state, sanitizeCause(cause));
    } catch {
      // The listener's own bug; the limiter carries on.
    }
  }
}

/**
 * Failing closed, a call that arrives while the probe runs waits for its answer (then `next` serves it) rather than
 * failing needlessly; but the probe may take the whole command timeout, so the call's signal and deadline, and the
 * limiter's `close` (`closing` aborts), still end its wait at once, as `AcquireOptions` and `close` promise.
 */
export function waitForProbe<Result>(
  probe: Promise<void>,
  options: AcquireOptions,
  now: number,
  closing: AbortSignal,
  next: () => Promise<Result>,
): Promise<Result> {
  const { signal } = options;
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  return new Promise<Result>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      closing.removeEventListener('abort', onClose);
      settle();
    };
    const onAbort = () => finish(() => reject(abortReason(signal!)));
    const onClose = () => finish(() => reject(limiterClosedError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    closing.addEventListener('abort', onClose, { once: true });
    // A deadline further off than a timer holds is checked by `next` once the probe has answered.
    if (deadline - now <= maxTimerMs) {
      timer = setTimeout(() => finish(() => reject(deadlinePassedError())), deadline - now);
    }
    probe.then(() => finish(() => next().then(resolve, reject)));
  });
}
