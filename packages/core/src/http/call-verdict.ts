import { AmbiguousOutcomeError } from '../errors/ambiguous-outcome-error.js';
import { type CallOutcome, withOutcome } from '../errors/call-outcome.js';
import type { CardGatewayError } from '../errors/card-gateway-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { AttemptError } from './attempt.js';
import { type AttemptFailure, callOutcome } from './classify-failure.js';
import { asGatewayError, stopCause, stoppedError } from './pipeline-errors.js';
import type { PipelineCall, PipelineClient } from './pipeline-state.js';

/**
 * The error the caller gets when a call failed for good, with the verdict on what it did at the provider
 * (`CardGatewayError.outcome`) decided here, once, from what every attempt saw on the wire (see `callOutcome`). A
 * mutating call whose outcome is unknown ends in `AmbiguousOutcomeError` naming its idempotency key (or, when the
 * caller aborted it, a `TimeoutError` naming the key).
 */
export function callVerdict(client: PipelineClient, call: PipelineCall<unknown>, error: unknown): CardGatewayError {
  const { provider } = client;
  const { operation, idempotencyKey, lastError } = call;
  let failure: AttemptFailure | undefined;
  let typed: CardGatewayError;
  const stopped = stopCause(call.scope.cause);
  if (error instanceof AttemptError) {
    failure = error.failure;
    typed = error.error;
  } else if (stopped !== undefined) {
    // The call stopped between attempts (a backoff sleep): no attempt was on the wire.
    failure = { kind: stopped, requestSent: false };
    typed = stoppedError(stopped, provider, operation, call.timeoutMs, lastError);
  } else {
    // Not ours (a bug, a throwing dependency): an attempt under way may have reached the provider.
    typed = asGatewayError(error, provider, operation);
  }
  const outcome: CallOutcome =
    failure === undefined ? (call.attempts > 0 ? 'unknown' : 'not_sent') : callOutcome(failure, call.failures);
  if (outcome !== 'unknown' || !call.mutating || idempotencyKey === undefined) return withOutcome(typed, outcome);
  if (failure?.kind === 'aborted') {
    // The caller chose to stop: their abort, not an AmbiguousOutcomeError, but naming the key they need.
    return new TimeoutError(
      `${provider} ${operation}: aborted by the caller; the outcome is unknown: repeat with idempotency key ${idempotencyKey}`,
      { provider, code: 'aborted', cause: typed.cause, outcome: 'unknown' },
    );
  }
  const repeat = `repeat the call with idempotency key ${idempotencyKey} to get its result without acting twice`;
  return new AmbiguousOutcomeError(`${provider} ${operation}: the outcome is unknown (${typed.message}); ${repeat}`, {
    provider,
    operation,
    idempotencyKey,
    status: typed.status ?? lastError?.status,
    requestId: typed.requestId ?? lastError?.requestId,
    cause: typed,
    outcome: 'unknown',
  });
}
