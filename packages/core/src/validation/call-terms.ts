import { CardGatewayError } from '../errors/card-gateway-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { RequestOptions } from '../port/inputs.js';
import { type InputSchema, parseInput } from './parse-input.js';
import { requestOptionsSchema } from './request-options.js';

// Enumerable, so the options a layer derives with a spread (`{ ...options, timeoutMs }`) still carry the terms; a
// symbol, so neither JSON nor a provider's request ever sees it.
const termsKey = Symbol.for('cardgw.callTerms');

/**
 * What the outermost layer of a call (the failover composite, else the adapter's own method) settles once and passes
 * down inside the `RequestOptions` it hands the next layer: the options checked, the call's one deadline, and the
 * input it validated. Inner layers read them instead of checking or computing again.
 */
export interface CallTerms {
  /**
   * When the whole call must end, in epoch milliseconds: `Date.now() + timeoutMs` taken once where the call entered
   * the library. `undefined` when the caller gave no `timeoutMs`: each adapter call then runs under its client's
   * default (`timeoutMs` of the adapter, 30 s).
   */
  readonly deadline: number | undefined;
  /** The `timeoutMs` the caller gave, for messages ("the deadline of 5000 ms passed"). */
  readonly timeoutMs: number | undefined;
  /** The checked values: terms whose options were changed since (another key, another signal) no longer count. */
  readonly idempotencyKey: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly maxRetries: number | undefined;
  /** The input validated at the outer layer, and what its schema made of it. */
  readonly input?: { readonly schema: object; readonly value: unknown; readonly parsed: unknown } | undefined;
}

type WithTerms = RequestOptions & { readonly [termsKey]?: CallTerms };

/**
 * Begins a call: checks its `RequestOptions` (`InvalidRequestError` before any I/O, see `assertRequestOptions`) and
 * fixes its deadline, `startedAt + timeoutMs` (`startedAt`: when the call was made, epoch milliseconds, default now),
 * unless an outer layer of the same call did both already. Returns the options to hand inwards,
 * carrying the terms (`undefined` and `null` mean no options: no deadline beyond the client's default).
 */
export function beginCall(
  options: RequestOptions | undefined,
  operation: string,
  provider?: string,
  startedAt: number = Date.now(),
): RequestOptions {
  if (termsOf(options) !== undefined) return options as RequestOptions;
  const missing = options === undefined || options === null;
  const checked = missing ? {} : checkRequestOptions(options, operation, provider);
  const { idempotencyKey, signal, timeoutMs, maxRetries } = checked;
  const deadline = timeoutMs === undefined ? undefined : startedAt + timeoutMs;
  const terms: CallTerms = { deadline, timeoutMs, idempotencyKey, signal, maxRetries };
  // The checked values, as read through getters, inherited keys and Proxy traps: a spread of `options` alone keeps
  // only its own properties, and would drop a signal or an idempotency key given any other way.
  const known = Object.fromEntries(
    Object.entries({ idempotencyKey, signal, timeoutMs, maxRetries }).filter(([, value]) => value !== undefined),
  );
  return { ...(missing ? {} : options), ...known, [termsKey]: terms } as RequestOptions;
}

/**
 * The terms an outer layer of this call settled, when `options` still carries them unchanged: the same key, signal
 * and retry count, and a `timeoutMs` no longer than the one checked (an outer layer passes down what is left of it).
 */
export function termsOf(options: unknown): CallTerms | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  let terms: CallTerms | undefined;
  try {
    terms = (options as WithTerms)[termsKey];
  } catch {
    return undefined; // options that cannot be read carry no terms: `beginCall` refuses them
  }
  if (terms === undefined) return undefined;
  const { idempotencyKey, signal, timeoutMs, maxRetries } = options as RequestOptions;
  const unchanged =
    idempotencyKey === terms.idempotencyKey &&
    signal === terms.signal &&
    maxRetries === terms.maxRetries &&
    (timeoutMs === terms.timeoutMs ||
      (terms.timeoutMs !== undefined &&
        typeof timeoutMs === 'number' &&
        timeoutMs > 0 &&
        timeoutMs <= terms.timeoutMs));
  return unchanged ? terms : undefined;
}

/**
 * `options` with an idempotency key the outer layer made (the failover composite, once per logical call): the terms
 * stay valid, since a key made here needs no check.
 */
export function withCallIdempotencyKey(
  options: RequestOptions | undefined,
  idempotencyKey: string,
): RequestOptions & { readonly idempotencyKey: string } {
  const terms = termsOf(options);
  const keyed = { ...options, idempotencyKey };
  if (terms === undefined) return keyed;
  return { ...keyed, [termsKey]: { ...terms, idempotencyKey } } as RequestOptions & { idempotencyKey: string };
}

/**
 * Validates a call's input once per call: the outer layer parses it and records the result in the terms
 * (`recordInput`); an inner layer handed the same input object under the same terms gets that result without
 * parsing again. Otherwise it is `parseInput`.
 */
export function parseCallInput<Output>(
  schema: InputSchema<Output>,
  input: unknown,
  options: RequestOptions | undefined,
  operation: string,
  provider?: string,
): Output {
  const recorded = termsOf(options)?.input;
  if (recorded !== undefined && recorded.schema === schema && recorded.value === input)
    return recorded.parsed as Output;
  return parseInput(schema, input, operation, provider);
}

/** `options` recording that `input` was validated by `schema` into `parsed` (see `parseCallInput`). */
export function recordInput<Options extends RequestOptions>(
  options: Options,
  schema: object,
  input: unknown,
  parsed: unknown,
): Options {
  const terms = termsOf(options);
  if (terms === undefined) return options;
  return { ...options, [termsKey]: { ...terms, input: { schema, value: input, parsed } } } as Options;
}

/**
 * The call's signal, deadline and retries for a read it makes on the way (a BIN lookup before a POST), without its
 * idempotency key (a GET carries none), still under the call's terms: the read neither checks the options again nor
 * starts a deadline of its own. `undefined` stays `undefined`.
 */
export function readOptionsOf(
  options: RequestOptions | undefined,
): Pick<RequestOptions, 'signal' | 'timeoutMs' | 'maxRetries'> | undefined {
  if (options === undefined || options === null) return undefined;
  const { signal, timeoutMs, maxRetries } = options;
  const terms = termsOf(options);
  const read = { signal, timeoutMs, maxRetries };
  return terms === undefined ? read : ({ ...read, [termsKey]: { ...terms, idempotencyKey: undefined } } as typeof read);
}

/**
 * The options checked by their schema. Options that cannot be read (a getter or a `Proxy` trap that throws, a revoked
 * Proxy) are the caller's mistake too: `InvalidRequestError`, never the engine's TypeError; its message is not quoted.
 */
function checkRequestOptions(options: RequestOptions, operation: string, provider?: string): RequestOptions {
  try {
    return parseInput(requestOptionsSchema, options, operation, provider) as RequestOptions;
  } catch (error) {
    if (CardGatewayError.isInstance(error)) throw error;
    const rule = `could not be read (a getter or a Proxy threw a ${error instanceof Error ? error.name : typeof error})`;
    throw new InvalidRequestError(`${operation}: the request options ${rule}`, {
      provider,
      issues: [{ field: '(options)', rule }],
    });
  }
}
