/*
 * What one failed attempt tells us, and what the pipeline does about it. The gateway's failover relies on these
 * meanings (DESIGN.md "Failover only where nothing can have happened"), so they live here, pure, in one table:
 *
 * | failure                                          | retried | may have acted | settles the outcome |
 * | ------------------------------------------------ | ------- | -------------- | ------------------- |
 * | connection_failed (never connected)              | yes     | no             | no                  |
 * | connection_reset (connected, then broke)         | yes     | yes            | no                  |
 * | attempt_timeout                                  | yes     | if sent        | no                  |
 * | deadline / caller's abort during an attempt      | no      | if sent        | no                  |
 * | 429, 503                                         | yes     | no             | no                  |
 * | 500, 502, 504                                    | yes     | yes            | no                  |
 * | other 4xx, business errors, unreadable 2xx body  | no      | —              | yes                 |
 * | refused before sending (limiter past deadline)   | no      | no             | no                  |
 */

/** Progress of one attempt on the wire, as the transport saw it. */
export interface AttemptProgress {
  /** A socket was connected (or reused from the keep-alive pool). */
  connected: boolean;
  /** The whole request was flushed to the socket: from here on the provider may act on it. */
  requestSent: boolean;
}

export type AttemptFailure =
  /** The connection was never established: nothing can have happened. */
  | { readonly kind: 'connection_failed' }
  /** The socket was reset or hung up after connecting: the request may have been processed. */
  | { readonly kind: 'connection_reset' }
  /** The attempt took longer than `attemptTimeoutMs`. */
  | { readonly kind: 'attempt_timeout'; readonly requestSent: boolean }
  /** The call's total deadline passed while this attempt was on the wire. */
  | { readonly kind: 'deadline'; readonly requestSent: boolean }
  /** The caller's signal aborted this attempt. */
  | { readonly kind: 'aborted'; readonly requestSent: boolean }
  /** The provider answered a non-2xx status. */
  | { readonly kind: 'response'; readonly status: number }
  /** The provider answered 2xx with a body we cannot read: it acted, we cannot tell the caller how. */
  | { readonly kind: 'invalid_response' }
  /** Refused before anything was sent (the limiter could not admit the call before its deadline). */
  | { readonly kind: 'rejected' };

/** Statuses the providers answer when it is worth asking again, with the same idempotency key. */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

// Errors of the connect phase (DNS, routing, refusal): the request never left.
const connectCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);
// axios' own idle timeout (`ECONNABORTED`, or `ETIMEDOUT` with clarifyTimeoutError); the OS's connect timeout.
const timeoutCodes = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/** Which of the call's signals ended an attempt, when one did. */
export type AbortCause = 'aborted' | 'deadline' | 'attempt_timeout';

/**
 * Classifies a transport error from its code (`ECONNRESET`, `ERR_CANCELED`, …), the attempt's progress and which of
 * our signals fired. A failure before the socket connected is always `connection_failed`, whatever the code.
 */
export function classifyTransportError(
  code: string | undefined,
  progress: Readonly<AttemptProgress>,
  abortCause: AbortCause | undefined,
): AttemptFailure {
  if (abortCause === 'aborted' || abortCause === 'deadline') {
    return { kind: abortCause, requestSent: progress.requestSent };
  }
  if (!progress.connected || (code !== undefined && connectCodes.has(code))) return { kind: 'connection_failed' };
  if (abortCause === 'attempt_timeout' || (code !== undefined && timeoutCodes.has(code))) {
    return { kind: 'attempt_timeout', requestSent: progress.requestSent };
  }
  return { kind: 'connection_reset' };
}

/** Whether repeating the attempt (same key, same provider) may succeed. */
export function isRetryable(failure: AttemptFailure): boolean {
  switch (failure.kind) {
    case 'connection_failed':
    case 'connection_reset':
    case 'attempt_timeout':
      return true;
    case 'response':
      return retryableStatuses.has(failure.status);
    default:
      return false;
  }
}

/** Whether the provider may have acted on the attempt without our knowing the outcome. */
export function mayHaveActed(failure: AttemptFailure): boolean {
  switch (failure.kind) {
    case 'connection_reset':
      return true;
    case 'attempt_timeout':
    case 'deadline':
    case 'aborted':
      return failure.requestSent;
    case 'response':
      // 503 and 429 are answered before any work ("not now"); 500, 502 and 504 may come after it was done.
      return failure.status === 500 || failure.status === 502 || failure.status === 504;
    default:
      return false;
  }
}

/**
 * Whether the provider gave a definitive answer for this idempotency key: a 4xx (bar 429) or a 2xx. A later attempt
 * with the key replays the first outcome, so such an answer settles what any earlier ambiguous attempt did.
 */
export function settlesOutcome(failure: AttemptFailure): boolean {
  if (failure.kind === 'invalid_response') return true;
  return failure.kind === 'response' && failure.status < 500 && failure.status !== 429;
}

/**
 * A mutating call whose final failure does not settle the outcome, after any attempt that may have acted, has an
 * unknown outcome: the caller gets `AmbiguousOutcomeError` (retry later with the same key), never a plain failure
 * that failover could take as "nothing happened".
 */
export function isAmbiguousOutcome(
  mutating: boolean,
  finalFailure: AttemptFailure,
  failures: readonly AttemptFailure[],
): boolean {
  return mutating && !settlesOutcome(finalFailure) && (mayHaveActed(finalFailure) || failures.some(mayHaveActed));
}

/** The `ProviderUnavailableError` code of a network failure, as the failover reads it. */
export function networkErrorCode(failure: AttemptFailure): 'connection_failed' | 'connection_reset' | undefined {
  return failure.kind === 'connection_failed' || failure.kind === 'connection_reset' ? failure.kind : undefined;
}
