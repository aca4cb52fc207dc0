import { AmbiguousOutcomeError } from '../errors/ambiguous-outcome-error.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UnsupportedOperationError } from '../errors/unsupported-operation-error.js';

/**
 * What the failover composite does with a failure:
 * - `move`: the failure proves the provider did nothing (or the call has no side effects): try the next provider;
 * - `ambiguous`: a mutating call may have taken effect: surface `AmbiguousOutcomeError`, never try elsewhere;
 * - `final`: a business answer (bad input, insufficient funds, not found, the caller's abort): give it to the caller.
 */
export type FailureDisposition = 'move' | 'ambiguous' | 'final';

export interface FailureContext {
  /** Whether the call changes state at the provider (`cards.create`, `webhooks.create`, `cards.fund`, …). */
  readonly mutating: boolean;
  /** `cards.create({ bin: criteria })`: a `NotFoundError` then means "no matching BIN at this provider". */
  readonly byBinCriteria?: boolean | undefined;
}

/** The `ProviderUnavailableError` code of a call skipped because the provider's circuit breaker is open. */
export const circuitOpenCode = 'circuit_open';

/**
 * The "nothing can have happened" rule of DESIGN.md, as one table (see failover-policy.test.ts):
 *
 * | failure                                                   | read | mutating  |
 * | --------------------------------------------------------- | ---- | --------- |
 * | connection never established (`connection_failed`)        | move | move      |
 * | circuit open (`circuit_open`), 503, 401/403, 429          | move | move      |
 * | `UnsupportedOperationError` (checked before any request)  | move | move      |
 * | no matching BIN (`NotFoundError` of a criteria create)    | —    | move      |
 * | reset, 500/502/504, timeout after sending, bad response   | move | ambiguous |
 * | `AmbiguousOutcomeError` (the pipeline's retries ran out)  | move | ambiguous |
 * | caller's abort, business errors, anything else            | final| final     |
 *
 * Reads have no side effects, so any provider failure may move them. A 503 is taken at its word ("not now"): the
 * providers answer it before doing anything; 500, 502 and 504 may come after the work was done.
 */
export function classifyFailure(error: unknown, context: FailureContext): FailureDisposition {
  if (provesNothingHappened(error)) return 'move';
  if (context.byBinCriteria && NotFoundError.isInstance(error)) return 'move';
  if (isAmbiguousProviderFailure(error)) return context.mutating ? 'ambiguous' : 'move';
  return 'final';
}

/**
 * Whether a failure counts against the provider's circuit breaker: the provider is down, misbehaving or refusing our
 * credentials. Business errors (and 429, which is a quota answer from a healthy provider, and the caller's own abort)
 * do not: they prove the provider is answering.
 */
export function countsAgainstCircuit(error: unknown): boolean {
  if (ProviderUnavailableError.isInstance(error)) return error.code !== circuitOpenCode;
  return AuthenticationError.isInstance(error) || isAmbiguousProviderFailure(error);
}

function provesNothingHappened(error: unknown): boolean {
  if (ProviderUnavailableError.isInstance(error)) {
    return error.code === 'connection_failed' || error.code === circuitOpenCode || error.status === 503;
  }
  return (
    AuthenticationError.isInstance(error) ||
    RateLimitError.isInstance(error) ||
    UnsupportedOperationError.isInstance(error)
  );
}

function isAmbiguousProviderFailure(error: unknown): boolean {
  return (
    ProviderUnavailableError.isInstance(error) ||
    AmbiguousOutcomeError.isInstance(error) ||
    ProviderResponseError.isInstance(error) ||
    (TimeoutError.isInstance(error) && error.code !== 'aborted')
  );
}

export interface AmbiguousCall {
  readonly provider: string;
  readonly operation: string;
  readonly idempotencyKey: string;
}

/**
 * The error a caller gets for an ambiguous mutating call: an `AmbiguousOutcomeError` naming the provider, the
 * operation and the idempotency key to repeat it with (at the same provider). The pipeline's own is kept as is.
 */
export function toAmbiguousOutcome(error: unknown, call: AmbiguousCall): AmbiguousOutcomeError {
  if (AmbiguousOutcomeError.isInstance(error)) return error;
  const gatewayError = CardGatewayError.isInstance(error) ? error : undefined;
  return new AmbiguousOutcomeError(
    `${call.operation} at ${call.provider} may or may not have taken effect (${gatewayError?.code ?? 'unknown'}); ` +
      `repeat it at ${call.provider} with idempotency key ${call.idempotencyKey}`,
    {
      provider: call.provider,
      operation: call.operation,
      idempotencyKey: call.idempotencyKey,
      status: gatewayError?.status,
      requestId: gatewayError?.requestId,
      cause: error,
    },
  );
}

/** A failure's code for hooks and health: `connection_failed`, `rate_limited`, … (`unknown` for a foreign error). */
export function failureCode(error: unknown): string {
  return CardGatewayError.isInstance(error) ? error.code : 'unknown';
}
