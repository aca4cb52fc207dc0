/**
 * What a failed call did at the provider, as the HTTP pipeline saw it on the wire:
 * - `not_sent`: nothing the provider could act on reached it (no connection, the limiter or a closed client stopped
 *   the call, a refused TLS certificate). The call may be made again anywhere, with any key.
 * - `unknown`: a request may have been acted on and no later answer settled it. For a mutating call the error is then
 *   an `AmbiguousOutcomeError`: repeat it at the same provider with its idempotency key.
 * - `settled`: the provider answered with one of its documented refusals, in its own error body (400 such as
 *   `insufficient_funds`, 401, 404, 429), and that answer is the outcome: nothing was done. Any other answer (a 5xx,
 *   a 403, an intermediary's page) leaves the outcome `unknown`.
 */
export type CallOutcome = 'not_sent' | 'unknown' | 'settled';

// Symbol.for: two installed copies of the package read each other's verdicts.
const outcomeKey = Symbol.for('cardgw.outcome');
const outcomes: ReadonlySet<unknown> = new Set<CallOutcome>(['not_sent', 'unknown', 'settled']);

/**
 * The pipeline's verdict on a failed call, stamped on every error it throws; `undefined` for an error that did not
 * come through the pipeline (an in-memory issuer's, a third-party adapter's), which says nothing either way.
 */
export function outcomeOf(error: unknown): CallOutcome | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const outcome = (error as Record<symbol, unknown>)[outcomeKey];
  return outcomes.has(outcome) ? (outcome as CallOutcome) : undefined;
}

/**
 * Stamps `outcome` on `error` and returns it. Not enumerable, so it changes neither `JSON.stringify` nor equality
 * checks. An issuer built on the pipeline uses it when it knows better than the request it made (a lookup that failed
 * before the mutating request was sent: `not_sent`).
 */
export function withOutcome<Value extends object>(error: Value, outcome: CallOutcome): Value {
  Object.defineProperty(error, outcomeKey, { value: outcome, enumerable: false, configurable: true, writable: false });
  return error;
}
