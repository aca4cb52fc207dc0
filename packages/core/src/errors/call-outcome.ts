import { hasMarker } from './has-marker.js';

/**
 * What a failed call did at the provider: the verdict failover depends on (docs/money-safety.md, "The verdict").
 * - `not_sent`: nothing the provider could act on reached it (no connection, the limiter, an open circuit, a closed
 *   client, the creation-key ledger unreachable, a refused TLS certificate, a BIN lookup that failed before the POST).
 *   The call may be made again anywhere, with any key.
 * - `unknown`: a request may have been acted on and no later answer settled it. For a mutating call the error is then
 *   an `AmbiguousOutcomeError`: repeat it at the same provider with its idempotency key, never elsewhere.
 * - `settled`: the provider answered with one of its documented refusals, in its own error body (400 such as
 *   `insufficient_funds`, 401, 404, 429), and no earlier attempt may have acted: nothing was done. Any other answer (a
 *   5xx, a 403, an intermediary's page) leaves the outcome `unknown`.
 */
export type CallOutcome = 'not_sent' | 'unknown' | 'settled';

const errorMarker = Symbol.for('cardgw.error');
// Where versions before the typed field kept the verdict: an error from an older installed copy still answers.
const legacyOutcomeKey = Symbol.for('cardgw.outcome');
const outcomes: ReadonlySet<unknown> = new Set<CallOutcome>(['not_sent', 'unknown', 'settled']);

/**
 * The verdict on a failed call (`CardGatewayError.outcome`), read from any value: a cardgw error of this or another
 * installed copy of the package (its `outcome` field, or an older copy's hidden stamp). `undefined` for anything else,
 * and for an error no layer decided a verdict for (an in-memory issuer's, a third-party adapter's), which says nothing
 * either way.
 */
export function outcomeOf(error: unknown): CallOutcome | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const field = hasMarker(error, errorMarker) ? (error as { outcome?: unknown }).outcome : undefined;
  const outcome = field ?? (error as Record<symbol, unknown>)[legacyOutcomeKey];
  return outcomes.has(outcome) ? (outcome as CallOutcome) : undefined;
}

/**
 * Sets the verdict of a call on the error that ends it, and returns the error. Only the layer that decides the verdict
 * calls it: the HTTP pipeline when its call ends (from what every attempt saw on the wire), and an issuer whose own
 * call wraps a pipeline call it can judge better (the REST issuer's BIN lookup failed before its POST: `not_sent`).
 * Errors built where the verdict is already known take it as the `outcome` constructor option instead.
 * A cardgw error gets its `outcome` field (enumerable, read-only); any other object a hidden `Symbol.for` stamp that
 * `outcomeOf` reads.
 */
export function withOutcome<Value extends object>(error: Value, outcome: CallOutcome): Value {
  const key = hasMarker(error, errorMarker) ? 'outcome' : legacyOutcomeKey;
  Object.defineProperty(error, key, {
    value: outcome,
    enumerable: key === 'outcome',
    configurable: true,
    writable: false,
  });
  return error;
}
