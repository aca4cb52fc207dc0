import type { RequestOptions } from '../port/inputs.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/types.js';
import type { Secret } from '../redaction/secret.js';
import type { PlainHttpPolicy } from './transport-security.js';

/** The HTTP methods the documented providers use. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * How an adapter authenticates: one header whose value is built from a secret held in a redacting wrapper.
 * A raw credential header: `{ headerName: 'X-Api-Token', secret, format: (token) => token }`;
 * a bearer token: `{ headerName: 'Authorization', secret, format: (key) => \`Bearer ${key}\` }`.
 */
export interface AuthStrategy {
  readonly headerName: string;
  readonly secret: Secret;
  /** Builds the header value from the secret (`Bearer ${key}`). @default the secret as is */
  readonly format?: ((secret: string) => string) | undefined;
  /**
   * Where this credential may travel over plain `http://`: `'loopback'` (127.0.0.0/8, `::1`, `localhost`: the local
   * simulators; sandbox keys and seeds) or `'never'` (a live key). Anywhere else needs `https://`: a `ConfigError` at
   * construction, and a refused request if one were ever sent elsewhere.
   * @default 'loopback'
   */
  readonly plainHttp?: PlainHttpPolicy | undefined;
}

/**
 * The minimal shape of a response schema: any zod schema fits, but no zod type appears in a public signature.
 * `safeParse` must not throw.
 */
export interface ResponseSchema<Output> {
  /** Checks `input`; never throws. */
  safeParse(
    input: unknown,
  ): { success: true; data: Output } | { success: false; error: { issues: readonly ResponseIssue[] } };
}

/** One way a response body did not match its schema: where, and what was expected (never the value). */
export interface ResponseIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** One query-string value; `undefined` values are left out of the URL. */
export type QueryValue = string | number | boolean | undefined;

/** One logical call an adapter makes; the pipeline does the rest (limits, retries, idempotency, auth, parsing). */
export interface HttpRequest<Output> {
  /** The port operation this request serves (`cards.create`): selects rate-limit rules, names the call in errors. */
  readonly operation: string;
  readonly method: HttpMethod;
  /** Relative to the base URL, already encoded: `/cards/card_8xK2m9Lp4q/fund`. */
  readonly path: string;
  /** Undefined values are dropped. */
  readonly query?: Readonly<Record<string, QueryValue>> | undefined;
  /** Serialized as JSON. */
  readonly body?: unknown;
  readonly schema: ResponseSchema<Output>;
  /** Per-call overrides: idempotency key, signal, deadline, maxRetries. */
  readonly options?: RequestOptions | undefined;
}

/** A successful call's result: the schema-checked data and what the pipeline knows about how it got it. */
export interface HttpResponse<Output> {
  readonly data: Output;
  readonly status: number;
  /** The provider's `request_id` (body) or `X-Request-Id` header, when given. */
  readonly requestId: string | undefined;
  /** The idempotency key sent, on mutating calls. */
  readonly idempotencyKey: string | undefined;
  readonly attempts: number;
}

/** What every hook receives. Never contains a secret, a body, a PAN, a CVV or an OTP. */
export interface HttpEvent {
  readonly provider: string;
  readonly operation: string;
  readonly method: HttpMethod;
  /** The path without the query string. */
  readonly path: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly idempotencyKey: string | undefined;
}

/** `HttpHooks.onResponse`'s event: one attempt's answer (status, duration in milliseconds, error code). */
export interface HttpResponseEvent extends HttpEvent {
  /** Absent when no response came (network error, timeout). */
  readonly status: number | undefined;
  readonly durationMs: number;
  readonly requestId: string | undefined;
  /** The error's code when the attempt failed (`rate_limited`, `provider_unavailable`, …). */
  readonly errorCode?: string | undefined;
}

/** `HttpHooks.onRetry`'s event: a failed attempt about to be retried after `delayMs` milliseconds. */
export interface HttpRetryEvent extends HttpEvent {
  readonly delayMs: number;
  readonly errorCode: string;
  readonly status: number | undefined;
}

/** What `onRateLimitWait` receives: a call waited `waitMs` milliseconds for the client-side rate limiter. */
export interface RateLimitWaitEvent {
  readonly provider: string;
  readonly operation: string;
  /** The rule that made the call wait: `requests-per-minute`. */
  readonly rule: string;
  readonly waitMs: number;
}

/** Callbacks for what the pipeline does, each given a redacted event. A hook that throws is logged and ignored. */
export interface HttpHooks {
  /** Before each attempt is sent (retries included), after the rate limiter admitted it. */
  readonly onRequest?: ((event: HttpEvent) => void) | undefined;
  /** After each attempt: its status (absent when no answer came), duration in milliseconds and error code. */
  readonly onResponse?: ((event: HttpResponseEvent) => void) | undefined;
  /** When a failed attempt is about to be retried, after `delayMs` milliseconds. */
  readonly onRetry?: ((event: HttpRetryEvent) => void) | undefined;
  /** When an attempt had to wait for the client-side rate limiter, once the wait is over. */
  readonly onRateLimitWait?: ((event: RateLimitWaitEvent) => void) | undefined;
}

/** The pino-style `(object, message)` signature; every method optional. */
export interface Logger {
  /** Each attempt and limiter wait. */
  debug?(object: Record<string, unknown>, message: string): void;
  /** Not used by the pipeline today; part of the pino-style shape. */
  info?(object: Record<string, unknown>, message: string): void;
  /** Each retry, failover, circuit change, and a hook that threw. */
  warn?(object: Record<string, unknown>, message: string): void;
  /** A call that failed for good. */
  error?(object: Record<string, unknown>, message: string): void;
}

/** How failed attempts are retried: count, backoff bounds and the longest `Retry-After` honoured, in milliseconds. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 2 */
  readonly maxRetries?: number | undefined;
  /** First backoff delay, doubled per retry, with full jitter. @default 250 */
  readonly minDelayMs?: number | undefined;
  /** @default 8000 */
  readonly maxDelayMs?: number | undefined;
  /**
   * The longest `Retry-After` honoured (seconds or HTTP-date), in milliseconds, 1 to 2^31−1. A longer one is not
   * waited for: the call fails with `RateLimitError` carrying the provider's `retryAfterMs`, and the limiter (the
   * Redis pause key too) is paused for this cap at most, so one hostile answer cannot stop every call for hours.
   * @default the longest `windowMs` among the client's rate-limit rules (60000 when it has none)
   */
  readonly maxRetryAfterMs?: number | undefined;
}

/**
 * What a provider's error answer says, as its adapter reads it (`HttpClientOptions.readProviderError`). Core knows
 * only HTTP status semantics; the body's shape is the provider's (a dialect's) knowledge.
 */
export interface ProviderErrorReading {
  /**
   * The provider's error code in the library's vocabulary, snake_case (`insufficient_funds` gives
   * `InsufficientFundsError`; on another 4xx it becomes the `InvalidRequestError`'s code). Kept only when it looks like
   * a code (never free text or a credential). Absent: the status alone decides.
   */
  readonly code?: string | undefined;
  /** The provider's own message: quoted in the error's message, redacted and cut to 300 characters. */
  readonly message?: string | undefined;
  /** The provider's request id, for support tickets. Absent: the `X-Request-Id` header, when sent. */
  readonly requestId?: string | undefined;
  /**
   * `true` only when the answer is one the provider's API page documents as a refusal (the provider did nothing) AND
   * it provably came from the provider itself (its documented error body, its own request id), not from a load
   * balancer, proxy or WAF on the way, which may answer after the provider acted. Honoured on a 4xx only: a 5xx, a
   * 1xx or a 3xx never proves nothing was done. A documented refusal of a mutating call settles its outcome
   * (`error.outcome` `settled`, a typed error, no `AmbiguousOutcomeError`), so the failover gateway may move a create
   * elsewhere; a 400 or 404 refusal (of the request itself, which any earlier attempt with the same key would have
   * got too) also settles earlier ambiguous attempts. `false`: the pipeline cannot tell, and a failed mutating call
   * stays `unknown`.
   */
  readonly refusal: boolean;
}

/**
 * Reads a non-2xx answer's body for `createHttpClient` (`readProviderError`). `status` is the HTTP status, `body` the
 * raw text (JSON, HTML, text, nothing; at most 1 MiB), `headers` the response headers, names in lower case. Returns
 * `undefined` when the body is not the provider's error body (then the status alone decides, as without a reader).
 * Must not throw (a throw is read as `undefined`).
 */
export type ReadProviderError = (
  status: number,
  body: string,
  headers: Readonly<Record<string, string | undefined>>,
) => ProviderErrorReading | undefined;

/** Options of `createHttpClient`: base URL, auth, limits, deadlines, retries, headers, hooks and logger. */
export interface HttpClientOptions {
  /** Prefix of every qualified id and name in every error: `acme`. */
  readonly provider: string;
  readonly baseUrl: string;
  /** Absent: no auth header at all (a provider's credential provisioning, called without one). */
  readonly auth?: AuthStrategy | undefined;
  /** Rate-limit rules, defaults supplied by the adapter and overridable by the user. */
  readonly limits: readonly RateLimitRule[];
  /** A limiter of your own (e.g. Redis-backed, shared by processes). Default: an in-process limiter from `limits`. */
  readonly limiter?: RateLimiter | undefined;
  /** Total deadline per call, retries and limiter waits included. Milliseconds, 1 to 2^31−1. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /**
   * Deadline of one attempt: a slower attempt is abandoned and retried with the same idempotency key, as long as the
   * call's `timeoutMs` leaves room. Capped by the call's deadline. Milliseconds, 1 to 2^31−1. @default 10000
   */
  readonly attemptTimeoutMs?: number | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Extra headers on every request (never the auth header). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly hooks?: HttpHooks | undefined;
  readonly logger?: Logger | undefined;
  /**
   * Reads the provider's error body (its dialect): code, message, request id, and whether the answer is the
   * provider's documented refusal (see `ProviderErrorReading.refusal`). Without one the pipeline knows only HTTP status
   * semantics: errors are typed from the status (message from the status, request id from `X-Request-Id`), nothing is
   * a documented refusal, so every failed mutating call whose request reached the provider ends `unknown`
   * (`AmbiguousOutcomeError`) and is never failed over. The REST dialect passes its own (`readRestProviderError`).
   * @default undefined (status semantics only)
   */
  readonly readProviderError?: ReadProviderError | undefined;
  /**
   * The header that carries the call's idempotency key on every attempt of a mutating call (POST, PATCH, DELETE), as
   * the provider's page names it. A header name (RFC 9110 token). @default 'X-Idempotency-Key'
   */
  readonly idempotencyHeader?: string | undefined;
}

/** The shared HTTP pipeline an adapter calls (`createHttpClient`): one method per logical call, and `close()`. */
export interface HttpClient {
  readonly provider: string;
  /**
   * Makes one logical call: rate limiter, auth, idempotency key, retries and parsing. Throws only `CardGatewayError`s,
   * each stamped with `outcomeOf(error)`.
   */
  request<Output>(request: HttpRequest<Output>): Promise<HttpResponse<Output>>;
  /** Closes keep-alive sockets and the limiter. */
  close(): Promise<void>;
}
