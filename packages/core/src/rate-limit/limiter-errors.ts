import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { TimeoutError } from '../errors/timeout-error.js';

/** What a call aborted by its signal rejects with: the signal's own reason, as `AcquireOptions.signal` promises. */
export function abortReason(signal: AbortSignal): unknown {
  return (
    signal.reason ?? new TimeoutError('The call was aborted while waiting for the rate limiter', { code: 'aborted' })
  );
}

export function limiterClosedError(): TimeoutError {
  return new TimeoutError('The rate limiter was closed', { code: 'aborted' });
}

/** The call cannot get a slot before its deadline; `retryAfterMs` says when the next slot is expected. */
export function pastDeadlineError(rule: string | undefined, retryAfterMs: number): RateLimitError {
  const name = rule === undefined ? 'the rate limit' : `rate limit "${rule}"`;
  const wait = Math.max(0, Math.ceil(retryAfterMs));
  return new RateLimitError(`Waiting for ${name} would pass the call's deadline: next slot in ${wait} ms`, {
    retryAfterMs: wait,
  });
}

/** `AcquireOptions.holdMs` outside 0 to 2^31−1 ms. */
export function invalidHoldError(holdMs: unknown): InvalidRequestError {
  return new InvalidRequestError('holdMs must be a number of milliseconds from 0 to 2^31−1', {
    issues: [{ field: 'holdMs', rule: `must be a number of milliseconds from 0 to 2^31−1 (got ${String(holdMs)})` }],
  });
}

/** The call's deadline passed while the shared limiter (Redis) had not answered yet. */
export function deadlinePassedError(): TimeoutError {
  return new TimeoutError('The deadline passed while waiting for the shared rate limiter', { code: 'timeout' });
}
