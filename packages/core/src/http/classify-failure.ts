import type { CallOutcome } from './call-outcome.js';

/*
 * What one failed attempt tells us, and what the pipeline does about it. The gateway's failover relies on these
 * meanings (docs/architecture.md, decision 4), so they live here, pure, in one table:
 *
 * | failure                                                   | retried | may have acted | settles earlier attempts |
 * | --------------------------------------------------------- | ------- | -------------- | ------------------------ |
 * | connection_failed (never connected, or broke before the   | yes     | no             | no                       |
 * |   whole request was written)                              |         |                |                          |
 * | certificate_rejected (the provider's TLS certificate)     | no      | no             | no                       |
 * | connection_reset (broke after the request was written)    | yes     | yes            | no                       |
 * | attempt_timeout                                           | yes     | if sent        | no                       |
 * | deadline / caller's abort / client closed mid-attempt     | no      | if sent        | no                       |
 * | the provider's documented refusal (reader): 429           | yes     | no             | no                       |
 * | the provider's documented refusal (reader): other 4xx     | no      | no             | no                       |
 * | the provider's documented refusal (reader): 400, 404      | no      | no             | yes                      |
 * | 500, 502, 503, 504 (whatever the body)                    | yes     | yes            | no                       |
 * | any other status, or one the reader does not call a       | no      | yes            | no                       |
 * |   refusal (an intermediary's page, no reader)             |         |                |                          |
 * | unreadable 2xx body (the provider acted)                  | no      | yes            | no                       |
 * | refused before sending (limiter past deadline, broken)    | no      | no             | no                       |
 *
 * Only an answer the provider's API page documents as a refusal proves nothing was done, and only when it provably
 * came from the provider (so not from a load balancer, proxy or WAF on the way). Which answers those are is the
 * provider's knowledge: its adapter says so through `HttpClientOptions.readProviderError` (`refusal: true`; the REST
 * dialect: 400, 401, 404, 429 in its `{ error, message, code: <the status>, request_id }` body). Core honours a refusal
 * on a 4xx only: a 5xx proves nothing whatever it says (a proxy answers 502, 503 or 504 when its upstream was slow or
 * cut off, after the provider may have committed). Without a reader nothing is a documented refusal.
 * See docs/money-safety.md.
 *
 * A 401 after a 500 does not say the 500 did nothing: a key rotated between the attempts, a 409 "key in use", a 429
 * are answers to the new attempt, not replays of the first. Only a refusal of the request itself (bad input, no such
 * card) would have been the first attempt's answer too.
 */

/** Progress of one attempt on the wire, as the transport saw it. */
export interface AttemptProgress {
  /** A socket was connected (TLS included: after the handshake) or reused from the keep-alive pool. */
  connected: boolean;
  /** The whole request was flushed to the socket: from here on the provider may act on it. */
  requestSent: boolean;
}

export type AttemptFailure =
  /** Nothing reached the provider: no connection, or it broke before the whole request was written. */
  | { readonly kind: 'connection_failed' }
  /** The TLS certificate was refused (untrusted, expired, wrong host): nothing was sent, and a retry would not help. */
  | { readonly kind: 'certificate_rejected' }
  /** The socket was reset or hung up after the request was written: the request may have been processed. */
  | { readonly kind: 'connection_reset' }
  /** The attempt took longer than `attemptTimeoutMs`. */
  | { readonly kind: 'attempt_timeout'; readonly requestSent: boolean }
  /** The call's total deadline passed while this attempt was on the wire (or waiting on the limiter). */
  | { readonly kind: 'deadline'; readonly requestSent: boolean }
  /** The caller's signal aborted this attempt. */
  | { readonly kind: 'aborted'; readonly requestSent: boolean }
  /** The client was closed while this attempt was under way. */
  | { readonly kind: 'closed'; readonly requestSent: boolean }
  /**
   * A non-2xx answer. `refusal`: the provider's reader (`readProviderError`) calls it the provider's own documented
   * refusal, on a 4xx (nothing was done); `false` for anything else (a proxy's page, an undocumented status, no reader).
   */
  | { readonly kind: 'response'; readonly status: number; readonly refusal: boolean }
  /** The provider answered 2xx with a body we cannot read (or one over the size limit): it acted, we cannot say how. */
  | { readonly kind: 'invalid_response' }
  /** Refused before anything was sent (the limiter could not admit the call before its deadline, or failed). */
  | { readonly kind: 'rejected' };

/** Statuses the providers answer when it is worth asking again, with the same idempotency key. */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Refusals of the request itself: the provider would have given the first attempt the same answer for the same key
 * and body, so such an answer proves an earlier, ambiguous attempt did nothing.
 */
const settlingStatuses: ReadonlySet<number> = new Set([400, 404]);

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
// OpenSSL's verification codes and Node's TLS codes. A handshake that timed out is not about the certificate.
const certificateCode =
  /^(CERT_|CRL_|ERR_TLS_|ERR_SSL_)|SELF_SIGNED|^UNABLE_TO_(GET|VERIFY|DECRYPT|DECODE)_|^HOSTNAME_MISMATCH$|^INVALID_CA$/;
const transientTlsCodes = new Set(['ERR_TLS_HANDSHAKE_TIMEOUT']);

/** Which of the call's signals ended an attempt, when one did. */
export type AbortCause = 'aborted' | 'deadline' | 'attempt_timeout' | 'closed';

/**
 * Classifies a transport error from its code (`ECONNRESET`, `ERR_CANCELED`, …), the attempt's progress and which of
 * our signals fired. Nothing written in full before the failure means nothing reached the provider, whatever the code.
 */
export function classifyTransportError(
  code: string | undefined,
  progress: Readonly<AttemptProgress>,
  abortCause: AbortCause | undefined,
): AttemptFailure {
  if (abortCause === 'aborted' || abortCause === 'deadline' || abortCause === 'closed') {
    return { kind: abortCause, requestSent: progress.requestSent };
  }
  if (code !== undefined && isCertificateError(code)) return { kind: 'certificate_rejected' };
  // A connect-type code after the request went out (EHOSTUNREACH on a live socket) does not prove nothing happened.
  if (!progress.connected || (!progress.requestSent && code !== undefined && connectCodes.has(code))) {
    return { kind: 'connection_failed' };
  }
  if (abortCause === 'attempt_timeout' || (code !== undefined && timeoutCodes.has(code))) {
    return { kind: 'attempt_timeout', requestSent: progress.requestSent };
  }
  // A reset before the whole request was written: the provider cannot act on half a request.
  if (!progress.requestSent) return { kind: 'connection_failed' };
  return { kind: 'connection_reset' };
}

/** Whether a TLS error code says the provider's certificate was refused (`DEPTH_ZERO_SELF_SIGNED_CERT`, …). */
export function isCertificateError(code: string): boolean {
  return certificateCode.test(code) && !transientTlsCodes.has(code);
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
    case 'invalid_response':
      return true;
    case 'attempt_timeout':
    case 'deadline':
    case 'aborted':
    case 'closed':
      return failure.requestSent;
    case 'response':
      // Only the provider's documented refusal proves nothing was done; any status may come after a commit (a proxy's
      // 503 when the provider was slow to answer, a WAF's 403 on the way back).
      return !isDocumentedRefusal(failure);
    default:
      return false;
  }
}

/** Whether the failure is the provider's documented refusal (its reader said so, on a 4xx): nothing was done. */
export function isDocumentedRefusal(failure: AttemptFailure): boolean {
  return failure.kind === 'response' && failure.refusal && failure.status >= 400 && failure.status < 500;
}

/**
 * Whether an answer settles what any earlier, ambiguous attempt with the same idempotency key did: only the provider's
 * refusal of the request itself (400, 404), which the first attempt would have got too. See the table above.
 */
export function settlesEarlierAttempts(failure: AttemptFailure): boolean {
  return isDocumentedRefusal(failure) && settlingStatuses.has((failure as { status: number }).status);
}

/**
 * The verdict on a failed call, from its last failure and every attempt's (the last included):
 * - `unknown`: some attempt may have been acted on and the last answer does not settle it;
 * - `settled`: otherwise, when the last failure is the provider's own answer (a status, an unreadable 2xx);
 * - `not_sent`: otherwise: nothing the provider could act on reached it (no request left, or those that did got the
 *   provider's documented refusal), so the call may be made elsewhere.
 */
export function callOutcome(finalFailure: AttemptFailure, failures: readonly AttemptFailure[]): CallOutcome {
  if (!settlesEarlierAttempts(finalFailure) && (mayHaveActed(finalFailure) || failures.some(mayHaveActed))) {
    return 'unknown';
  }
  return finalFailure.kind === 'response' || finalFailure.kind === 'invalid_response' ? 'settled' : 'not_sent';
}
