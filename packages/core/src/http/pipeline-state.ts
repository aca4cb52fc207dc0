import type { CardGatewayError } from '../errors/card-gateway-error.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/types.js';
import type { AbortScope } from './abort-scope.js';
import type { AttemptFailure } from './classify-failure.js';
import type { Observer } from './observer.js';
import type { ResolvedRetryOptions } from './retry-policy.js';
import type { Transport } from './transport.js';
import type { AuthStrategy, HttpEvent, HttpMethod, HttpRequest, ReadProviderError } from './types.js';

/** What one HTTP client holds for all its calls (built once by `createHttpClient`). */
export interface PipelineClient {
  readonly provider: string;
  readonly auth: AuthStrategy | undefined;
  readonly retry: ResolvedRetryOptions;
  readonly limiter: RateLimiter;
  readonly observer: Observer;
  readonly transport: Transport;
  /** Deadline of one attempt, in milliseconds. */
  readonly attemptTimeoutMs: number;
  /** The credential's values, for redaction. */
  readonly secrets: () => readonly string[];
  /** A rule's name as the adapter configured it (the limiter sees it prefixed with the provider). */
  readonly configuredName: (name: string) => string;
  /** The provider's error-body reader; absent: HTTP status semantics only. */
  readonly readProviderError: ReadProviderError | undefined;
  /** The header carrying the idempotency key (`X-Idempotency-Key` by default). */
  readonly idempotencyHeader: string;
}

/** One logical call under way: what its attempts share, and what they saw. */
export interface PipelineCall<Output> {
  readonly request: HttpRequest<Output>;
  readonly operation: string;
  readonly method: HttpMethod;
  readonly mutating: boolean;
  /** Fixed for the whole call (every retry sends it). */
  readonly idempotencyKey: string | undefined;
  readonly body: string | undefined;
  readonly url: string;
  readonly rules: readonly RateLimitRule[];
  /** The call's total time, in milliseconds, for messages. */
  readonly timeoutMs: number;
  /** When the call must end, epoch milliseconds: fixed once where the call entered the library. */
  readonly deadline: number;
  readonly maxRetries: number;
  /** Aborted by the caller's signal, the deadline or the client's close. */
  readonly scope: AbortScope;
  /** Every failed attempt so far, in order. */
  readonly failures: AttemptFailure[];
  lastError: CardGatewayError | undefined;
  attempts: number;
  /** The hook event of attempt `attempt`. */
  eventOf(attempt: number): HttpEvent;
}
