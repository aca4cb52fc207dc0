import { AmbiguousOutcomeError } from '../errors/ambiguous-outcome-error.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UnsupportedOperationError } from '../errors/unsupported-operation-error.js';
import { outcomeOf } from '../http/call-outcome.js';

/**
 * What the failover composite does with a failure:
 * - `move`: the failure proves the provider did nothing (or the call has no side effects): try the next provider;
 * - `ambiguous`: a mutating call may have taken effect (an `AmbiguousOutcomeError`): give it to the caller as is,
 *   never try elsewhere;
 * - `final`: an answer (bad input, insufficient funds, not found), the caller's abort, or a failure of a mutating call
 *   that does not prove nothing happened: give it to the caller.
 */
export type FailureDisposition = 'move' | 'ambiguous' | 'final';

/** What `classifyFailure` needs to know about the call that failed, besides its error. */
export interface FailureContext {
  /** Whether the call changes state at the provider (`cards.create`, `webhooks.create`, `cards.fund`, …). */
  readonly mutating: boolean;
  /** `cards.create({ bin: criteria })`: a `NotFoundError` then means "no matching BIN at this provider". */
  readonly byBinCriteria?: boolean | undefined;
}

/** The `ProviderUnavailableError` code of a call skipped because the provider's circuit breaker is open. */
export const circuitOpenCode = 'circuit_open';

/**
 * The "nothing can have happened" rule (docs/architecture.md, decision 4). What happened on the wire is the HTTP
 * pipeline's verdict, stamped on every error it throws (`outcomeOf`); the composite reads it and guesses nothing from
 * the error's class:
 *
 * | failure                                                                  | read  | mutating  |
 * | ------------------------------------------------------------------------ | ----- | --------- |
 * | outcome `not_sent` (refused connection or certificate, the limiter, a   | move  | move      |
 * |   closed client, the deadline before sending, an open circuit)          |       |           |
 * | a settled refusal: the provider's documented 401 or 429                  | move  | move      |
 * | `UnsupportedOperationError` (raised before any request)                  | move  | move      |
 * | no matching BIN (`NotFoundError` of a criteria create)                   | —     | move      |
 * | `AmbiguousOutcomeError` (a request may have been acted on)               | move  | ambiguous |
 * | other provider failures (outcome `unknown`, or not stamped)              | move  | final     |
 * | caller's abort, business errors, anything else                           | final | final     |
 *
 * A 5xx (503 included), a 403 or an intermediary's page is never a refusal: the pipeline stamps it `unknown` (an
 * `AmbiguousOutcomeError` for a mutating call), since it may come after the provider committed.
 *
 * An error of an issuer that does not stamp outcomes (the in-memory issuer, a third-party adapter) moves a mutating
 * call only when what it is says nothing happened: `connection_failed` (by definition, no connection), an
 * authentication or rate-limit refusal, an unsupported operation. Reads have no side effects, so any provider failure
 * moves them.
 */
export function classifyFailure(error: unknown, context: FailureContext): FailureDisposition {
  if (isCallerAbort(error)) return 'final';
  if (context.byBinCriteria && NotFoundError.isInstance(error)) return 'move';
  if (!isProviderFailure(error)) return 'final';
  if (!context.mutating) return 'move';
  if (AmbiguousOutcomeError.isInstance(error)) return 'ambiguous';
  return provesNothingHappened(error) ? 'move' : 'final';
}

/**
 * Whether a failure counts against the provider's circuit breaker: the provider is down, misbehaving or refusing our
 * credentials. Business errors, 429 (a quota answer from a healthy provider) and the caller's abort do not, nor does
 * anything that stopped the call before it reached the provider (our limiter, a closed client, the deadline spent
 * waiting), bar a connection that could not be made.
 */
export function countsAgainstCircuit(error: unknown): boolean {
  if (isCallerAbort(error)) return false;
  if (outcomeOf(error) === 'not_sent') return ProviderUnavailableError.isInstance(error) && isUnreachable(error);
  if (ProviderUnavailableError.isInstance(error)) return error.code !== circuitOpenCode;
  return (
    AuthenticationError.isInstance(error) ||
    AmbiguousOutcomeError.isInstance(error) ||
    ProviderResponseError.isInstance(error) ||
    TimeoutError.isInstance(error)
  );
}

function provesNothingHappened(error: unknown): boolean {
  const outcome = outcomeOf(error);
  if (outcome === 'not_sent') return true;
  if (outcome === 'unknown') return false;
  if (UnsupportedOperationError.isInstance(error) || isRefusal(error)) return true;
  // Not stamped: the code's own meaning (the connection was never made), as the error hierarchy defines it.
  return outcome === undefined && ProviderUnavailableError.isInstance(error) && isUnreachable(error);
}

/**
 * An authentication refusal (a misconfigured provider) or a rate-limit refusal: answered before any work. The pipeline
 * stamps these `settled` only for the provider's documented 401 and 429 in its own error body; anything else it
 * stamps `unknown`, read above.
 */
function isRefusal(error: unknown): boolean {
  return AuthenticationError.isInstance(error) || RateLimitError.isInstance(error);
}

function isUnreachable(error: ProviderUnavailableError): boolean {
  return error.code === 'connection_failed';
}

function isCallerAbort(error: unknown): boolean {
  return TimeoutError.isInstance(error) && error.code === 'aborted';
}

/** A failure of the provider, its connection or our way to it, as opposed to an answer about the call. */
function isProviderFailure(error: unknown): boolean {
  return (
    ProviderUnavailableError.isInstance(error) ||
    TimeoutError.isInstance(error) ||
    ProviderResponseError.isInstance(error) ||
    AmbiguousOutcomeError.isInstance(error) ||
    AuthenticationError.isInstance(error) ||
    RateLimitError.isInstance(error) ||
    UnsupportedOperationError.isInstance(error)
  );
}

/** A failure's code for hooks and health: `connection_failed`, `rate_limited`, … (`unknown` for a foreign error). */
export function failureCode(error: unknown): string {
  return CardGatewayError.isInstance(error) ? error.code : 'unknown';
}
