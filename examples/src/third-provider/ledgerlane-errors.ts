import type { ProviderErrorReading } from '@cardgw/core/provider-utils';

/** LedgerLane's request ids (`X-Request-Id: lreq_` + 12 hex): only LedgerLane itself sends one. */
const ledgerlaneRequestId = /^lreq_[0-9a-f]{12}$/;

/**
 * The refusals LedgerLane's page documents ("Errors"), each status with its fault kinds, and the library's code for it.
 * Each one is LedgerLane's answer that it did nothing. 5xx kinds (`internal`, `unavailable`) are not refusals: "the
 * outcome of a mutating call is not known".
 */
const documentedRefusals: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  400: { invalid_parameters: 'invalid_request', invalid_json: 'invalid_request' },
  401: { unauthenticated: 'unauthenticated' },
  402: { insufficient_balance: 'insufficient_funds' },
  404: { not_found: 'not_found', no_route: 'not_found' },
  409: { state_conflict: 'conflict' },
  422: { key_reused: 'idempotency_key_reused' },
  429: { slow_down: 'rate_limited' },
};

/**
 * Reads LedgerLane's error answer for core's pipeline (`createHttpClient`'s `readProviderError`): the body
 * `{ "fault": { "kind", "detail" } }` gives the code (in the library's vocabulary: `insufficient_balance` →
 * `insufficient_funds`, `state_conflict` → `conflict`, `key_reused` → `idempotency_key_reused`) and the message, the
 * `X-Request-Id` header the request id. It is a documented refusal (nothing was done, so the call is settled and may
 * fail over) only when the status and kind are a pair the page documents AND the answer carries LedgerLane's own
 * request id: a proxy's or load balancer's page (HTML, its own JSON, no `lreq_` id) proves nothing. Returns
 * `undefined` for a body that is not a fault.
 */
export function readLedgerLaneError(
  status: number,
  body: string,
  headers: Readonly<Record<string, string | undefined>>,
): ProviderErrorReading | undefined {
  const fault = faultOf(body);
  if (fault === undefined) return undefined;
  const requestId = headers['x-request-id'];
  const ours = requestId !== undefined && ledgerlaneRequestId.test(requestId);
  const code = documentedRefusals[status]?.[fault.kind];
  return {
    code: code ?? fault.kind,
    message: fault.detail,
    requestId: ours ? requestId : undefined,
    refusal: ours && code !== undefined,
  };
}

/** The body's `fault`, each field only when it is a non-empty string; `undefined` when the body is not one. */
function faultOf(body: string): { readonly kind: string; readonly detail: string | undefined } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const fault = typeof parsed === 'object' && parsed !== null ? (parsed as { fault?: unknown }).fault : undefined;
  if (typeof fault !== 'object' || fault === null) return undefined;
  const { kind, detail } = fault as { kind?: unknown; detail?: unknown };
  if (typeof kind !== 'string' || kind === '') return undefined;
  return { kind, detail: typeof detail === 'string' && detail !== '' ? detail : undefined };
}
