import {
  AmbiguousOutcomeError,
  CardGatewayError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
} from '@cardgw/core';

/** LedgerLane's request ids (`X-Request-Id: lreq_` + 12 hex): only LedgerLane itself sends one. */
const ledgerlaneRequestId = /^lreq_[0-9a-f]{12}$/;

/** The statuses LedgerLane's page documents as refusals of the request itself, answered the same to a repeat. */
const refusalStatuses: ReadonlySet<number> = new Set([400, 402, 404, 409, 422]);

/**
 * Gives a failed call the error LedgerLane's answer means. The shared pipeline reads only the `{ error, message, code,
 * request_id }` error body of the REST dialect, so LedgerLane's `{ "fault": { "kind", "detail" } }` reaches us as a
 * bare status: a 402 comes out as `InvalidRequestError`, and a refusal of a mutating call as `AmbiguousOutcomeError`
 * (the pipeline cannot tell it from a proxy's page). Here a refusal status that carries LedgerLane's own request id
 * (no proxy or load balancer sends one) becomes what it says: 402 `InsufficientFundsError`, 404 `NotFoundError`,
 * 400/409/422 `InvalidRequestError` (codes `invalid_request`, `conflict`, `idempotency_key_reused`), each with the status and request id. Anything else is left as the pipeline
 * decided it, the ambiguity of a 401, 429 or 5xx included: those are answers to one attempt, which the adapter cannot
 * see, so only the pipeline can say whether an earlier attempt may have acted.
 */
export function ledgerlaneError(error: unknown): unknown {
  if (!CardGatewayError.isInstance(error)) return error;
  const answer = AmbiguousOutcomeError.isInstance(error) ? error.cause : error;
  if (!CardGatewayError.isInstance(answer)) return error;
  const { status, requestId, provider, message } = answer;
  if (status === undefined || !refusalStatuses.has(status)) return error;
  if (requestId === undefined || !ledgerlaneRequestId.test(requestId)) return error;
  const common = { provider, status, requestId };
  if (status === 402) return new InsufficientFundsError(message, common);
  if (status === 404) return new NotFoundError(message, common);
  const code = status === 409 ? 'conflict' : status === 422 ? 'idempotency_key_reused' : 'invalid_request';
  return new InvalidRequestError(message, { ...common, code });
}
