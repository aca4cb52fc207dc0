import pRetry from 'p-retry';
import { AmbiguousOutcomeError } from '../errors/ambiguous-outcome-error.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { ConfigError } from '../errors/config-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { createLocalRateLimiter } from '../rate-limit/index.js';
import type { AcquireResult, RateLimiter, RateLimitRule } from '../rate-limit/types.js';
import { rememberConfiguredSecret } from '../redaction/configured-secrets.js';
import { redactText } from '../redaction/redact.js';
import { Secret } from '../redaction/secret.js';
import { assertRequestOptions } from '../validation/request-options.js';
import { createAbortScope, raceAbort, sleep } from './abort-scope.js';
import { type CallOutcome, withOutcome } from './call-outcome.js';
import {
  type AbortCause,
  type AttemptFailure,
  type AttemptProgress,
  callOutcome,
  classifyTransportError,
  isRetryable,
} from './classify-failure.js';
import { errorFromResponse, isProviderErrorBody } from './error-from-response.js';
import { idempotencyKeyFor, idempotencyKeyHeader, isMutating } from './idempotency.js';
import { createObserver } from './observer.js';
import { parseSuccessBody } from './response-parsing.js';
import { backoffDelay, parseRetryAfter, resolveRetryOptions } from './retry-policy.js';
import { rulesForOperation } from './rules-for-operation.js';
import { traceCall } from './trace-call.js';
import {
  createTransport,
  maxResponseBytes,
  responseTooLargeCode,
  TransportError,
  type TransportResponse,
  transportUnavailableCode,
} from './transport.js';
import { assertCredentialTransport, insecureTransportCode } from './transport-security.js';
import type {
  AuthStrategy,
  HttpClient,
  HttpClientOptions,
  HttpEvent,
  HttpRequest,
  HttpResponse,
  QueryValue,
} from './types.js';
import { assertDurationOptions, defaultMaxRetryAfterMs, slotHoldMs } from './wait-bounds.js';

/** The default total deadline of a call, retries and limiter waits included, in milliseconds: 30 seconds. */
export const defaultTimeoutMs = 30_000;
/** The default deadline of one attempt, in milliseconds (`HttpClientOptions.attemptTimeoutMs`): 10 seconds. */
export const defaultAttemptTimeoutMs = 10_000;
/** The `User-Agent` header every request sends. */
export const userAgent = 'cardgw/0.1';

const defaultHeaders: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json',
  Accept: 'application/json',
  'User-Agent': userAgent,
};

/** One failed attempt: what happened on the wire, and the typed error it would give the caller. */
class AttemptError extends Error {
  override name = 'AttemptError';
  constructor(
    readonly failure: AttemptFailure,
    readonly error: CardGatewayError,
    readonly retryAfterMs: number | undefined = undefined,
  ) {
    super(error.message);
  }
}

/**
 * The shared HTTP pipeline every adapter calls: per attempt, the rate limiter, then auth and the idempotency key
 * (fixed for the whole call), then axios; statuses and bodies become typed errors or schema-checked data; failures
 * that may succeed if repeated are retried with full-jitter backoff (honouring `Retry-After`) within one total
 * deadline; a mutating call whose outcome stays unknown ends in `AmbiguousOutcomeError`. No axios type and no raw
 * axios error ever leaves it, and nothing it reports holds a secret, a PAN, a CVV or an OTP.
 *
 * Every error it throws carries its verdict on what the call did at the provider (`outcomeOf(error)`: `not_sent`,
 * `unknown`, `settled`), decided here from what each attempt saw on the wire, so that nobody downstream (the
 * failover composite) has to guess it from the error's class.
 *
 * On a 429 every rule of the request is paused for the `Retry-After` (or the backoff): the provider does not say
 * which of its quotas it hit, and pausing one it did not hit costs less than another 429. Rules reach the limiter
 * named `<provider>:<rule>`, so one limiter (or one Redis) shared by two providers' clients keeps their quotas apart.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  validateOptions(options);
  const { provider, auth } = options;
  const retry = resolveRetryOptions({
    ...options.retry,
    maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? defaultMaxRetryAfterMs(options.limits),
  });
  const ownsLimiter = options.limiter === undefined;
  const limiter: RateLimiter = options.limiter ?? createLocalRateLimiter();
  const secrets = () => secretValues(auth);
  // Redaction anywhere in the process masks this client's credential, in every form, until close().
  const forgetSecret = auth === undefined ? undefined : rememberConfiguredSecret(auth.secret);
  const observer = createObserver(options.hooks, options.logger, secrets);
  const transport = createTransport({
    baseUrl: options.baseUrl,
    headers: { ...defaultHeaders, ...extraHeaders(options.headers, auth) },
    secrets,
    plainHttp: auth === undefined ? undefined : (auth.plainHttp ?? 'loopback'),
  });
  // Named once, here: the limiter keys its windows (and Redis its keys) by rule name, and the adapters' default names
  // (`requests-per-minute`) are the same for every provider.
  const rulePrefix = `${provider}:`;
  // A rule without a name is left as it is, for the limiter's own check to report.
  const limits = options.limits.map((rule) =>
    typeof rule?.name === 'string' && rule.name !== '' ? { ...rule, name: `${rulePrefix}${rule.name}` } : rule,
  );
  const rulesByOperation = new Map<string, readonly RateLimitRule[]>();
  const rulesFor = (operation: string) => {
    let rules = rulesByOperation.get(operation);
    if (rules === undefined) {
      rules = rulesForOperation(limits, operation);
      rulesByOperation.set(operation, rules);
    }
    return rules;
  };
  const configuredName = (name: string) => (name.startsWith(rulePrefix) ? name.slice(rulePrefix.length) : name);
  // Parents every call's abort scope: close() ends the calls under way (backoff sleeps, limiter waits, attempts).
  const lifetime = new AbortController();
  let closed = false;

  async function request<Output>(request: HttpRequest<Output>): Promise<HttpResponse<Output>> {
    const { operation, method } = request;
    const callOptions = request.options;
    let idempotencyKey: string | undefined;
    let body: string | undefined;
    try {
      assertRequestOptions(callOptions, operation, provider);
      if (closed) throw closedError(provider, operation);
      idempotencyKey = idempotencyKeyFor(method, callOptions?.idempotencyKey, operation, provider);
      body = serializeBody(request.body, operation, provider);
      if (callOptions?.signal?.aborted) {
        throw new TimeoutError(`${provider} ${operation}: aborted by the caller before it started`, {
          provider,
          code: 'aborted',
        });
      }
    } catch (error) {
      // Refused before any I/O.
      throw withOutcome(asGatewayError(error, provider, operation), 'not_sent');
    }
    const mutating = isMutating(method);
    const url = withQuery(request.path, request.query);
    const path = request.path.split('?')[0] ?? request.path;
    const timeoutMs = callOptions?.timeoutMs ?? options.timeoutMs ?? defaultTimeoutMs;
    const maxRetries = callOptions?.maxRetries ?? retry.maxRetries;
    const rules = rulesFor(operation);

    const deadline = Date.now() + timeoutMs;
    const call = createAbortScope({
      parent: callOptions?.signal,
      parents: [{ signal: lifetime.signal, cause: 'closed' }],
      timeoutMs,
      timeoutCause: 'deadline',
    });
    const failures: AttemptFailure[] = [];
    let lastError: CardGatewayError | undefined;
    let attempts = 0;
    const eventOf = (attempt: number): HttpEvent => ({ provider, operation, method, path, attempt, idempotencyKey });
    const stoppedError = (why: AbortCause, cause?: unknown): CardGatewayError => {
      if (why === 'closed') return closedError(provider, operation, cause);
      if (why === 'aborted') {
        return new TimeoutError(`${provider} ${operation}: aborted by the caller`, {
          provider,
          code: 'aborted',
          cause,
        });
      }
      return new TimeoutError(`${provider} ${operation}: the deadline of ${timeoutMs} ms passed`, { provider, cause });
    };

    const attempt = async (attemptNumber: number): Promise<HttpResponse<Output>> => {
      attempts = attemptNumber;
      const event = eventOf(attemptNumber);
      const fail = (failure: AttemptFailure, error: CardGatewayError, retryAfterMs?: number): AttemptError => {
        failures.push(failure);
        lastError = error;
        return new AttemptError(failure, error, retryAfterMs);
      };

      // Every attempt, retries included, goes through the limiter first. The slot is held until the attempt ends
      // (`complete` below): the provider counts the request on arrival, at the latest just before it answers.
      const attemptTimeoutMs = options.attemptTimeoutMs ?? defaultAttemptTimeoutMs;
      let acquired: AcquireResult;
      try {
        acquired = await raceAbort(
          limiter.acquire(rules, { signal: call.signal, deadline, holdMs: slotHoldMs(attemptTimeoutMs) }),
          call.signal,
        );
        if (acquired.waitedMs > 0) {
          observer.rateLimitWait({
            provider,
            operation,
            rule: acquired.limitedBy === undefined ? 'unknown' : configuredName(acquired.limitedBy),
            waitMs: acquired.waitedMs,
          });
        }
      } catch (error) {
        const stopped = stopCause(call.cause);
        if (stopped !== undefined) throw fail({ kind: stopped, requestSent: false }, stoppedError(stopped));
        throw fail({ kind: 'rejected' }, limiterError(error, provider, operation));
      }

      observer.request(event);
      // An attempt allowed to run past the deadline is ended by the deadline, and reported as such.
      const attemptScope = createAbortScope({
        parent: call.signal,
        parentCause: () => call.cause ?? 'aborted',
        timeoutMs: attemptTimeoutMs < deadline - Date.now() ? attemptTimeoutMs : Number.POSITIVE_INFINITY,
        timeoutCause: 'attempt_timeout',
      });
      const progress: AttemptProgress = { connected: false, requestSent: false };
      const started = performance.now();
      let response: TransportResponse;
      // A body over the size limit: the status and headers came, the body is not readable.
      let tooLarge = false;
      try {
        response = await transport.send(
          { method, url, body, signal: attemptScope.signal, headers: attemptHeaders(auth, idempotencyKey) },
          progress,
        );
      } catch (error) {
        if (error instanceof TransportError && error.code === insecureTransportCode) {
          // The credential would have left in clear: nothing was sent, and repeating cannot help.
          throw fail({ kind: 'rejected' }, new ConfigError(error.message, { provider, option: 'baseUrl' }));
        }
        if (error instanceof TransportError && error.code === transportUnavailableCode) {
          // axios is loaded on the first request; a broken installation sent nothing, and repeating cannot help.
          throw fail({ kind: 'rejected' }, new ConfigError(`${provider} ${operation}: ${error.message}`, { provider }));
        }
        if (
          error instanceof TransportError &&
          error.code === responseTooLargeCode &&
          error.response &&
          attemptScope.cause === undefined
        ) {
          response = { ...error.response, body: '' };
          tooLarge = true;
        } else {
          const code = error instanceof TransportError ? error.code : undefined;
          const failure = classifyTransportError(code, progress, attemptScope.cause);
          const typed =
            failure.kind === 'aborted' || failure.kind === 'deadline' || failure.kind === 'closed'
              ? stoppedError(failure.kind, error)
              : transportFailureError(failure, progress, error, provider, operation);
          observer.response({
            ...event,
            status: undefined,
            durationMs: since(started),
            requestId: undefined,
            errorCode: typed.code,
          });
          throw fail(failure, typed);
        }
      } finally {
        attemptScope.dispose();
        acquired.complete?.();
      }

      const { status, headers } = response;
      const headerRequestId = headers['x-request-id'];
      if (status >= 200 && status < 300) {
        try {
          if (tooLarge) {
            throw new ProviderResponseError(
              `${provider} ${operation}: the response (HTTP ${status}) is larger than ${maxResponseBytes} bytes`,
              { provider, status, requestId: headerRequestId },
            );
          }
          const parsed = parseSuccessBody(request.schema, response.body, {
            provider,
            operation,
            status,
            requestId: headerRequestId,
            secrets: secrets(),
          });
          observer.response({ ...event, status, durationMs: since(started), requestId: parsed.requestId });
          return { data: parsed.data, status, requestId: parsed.requestId, idempotencyKey, attempts: attemptNumber };
        } catch (error) {
          const typed = asGatewayError(error, provider, operation);
          observer.response({
            ...event,
            status,
            durationMs: since(started),
            requestId: typed.requestId,
            errorCode: typed.code,
          });
          throw fail({ kind: 'invalid_response' }, typed);
        }
      }

      const retryAfterMs = parseRetryAfter(headers['retry-after']);
      const typed = errorFromResponse({
        provider,
        operation,
        status,
        body: response.body,
        headers,
        retryAfterMs,
        secrets: secrets(),
      });
      observer.response({
        ...event,
        status,
        durationMs: since(started),
        requestId: typed.requestId,
        errorCode: typed.code,
      });
      if (status === 429) {
        // We cannot know which quota the provider counted: hold back every rule this request was admitted under,
        // never longer than the cap (a longer Retry-After fails the call, see shouldRetry).
        const pauseMs = Math.min(retryAfterMs ?? backoffDelay(attemptNumber - 1, retry), retry.maxRetryAfterMs);
        for (const rule of rules) pauseLimiter(limiter, rule, pauseMs);
      }
      throw fail(
        { kind: 'response', status, providerError: isProviderErrorBody(response.body, status) },
        typed,
        retryAfterMs,
      );
    };

    const shouldRetry = async ({ error, attemptNumber }: { error: Error; attemptNumber: number }) => {
      if (!(error instanceof AttemptError) || !isRetryable(error.failure)) return false;
      const remainingMs = deadline - Date.now();
      const { retryAfterMs } = error;
      // p-retry has no Retry-After support: the wait is ours. A Retry-After we cannot honour ends the call now.
      if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) return false;
      const delayMs = retryAfterMs ?? backoffDelay(attemptNumber - 1, retry);
      // A wait that would outlive the deadline only turns the real cause into a timeout: stop with the cause.
      if (delayMs >= remainingMs) return false;
      observer.retry({ ...eventOf(attemptNumber), delayMs, errorCode: error.error.code, status: error.error.status });
      await sleep(delayMs, call.signal);
      return true;
    };

    try {
      return await pRetry(attempt, {
        retries: maxRetries,
        // Delays are computed in shouldRetry (full jitter, Retry-After); p-retry's own backoff is off.
        minTimeout: 0,
        maxRetryTime: timeoutMs,
        signal: call.signal,
        shouldRetry,
      });
    } catch (error) {
      const final = finalError(error);
      observer.failure(eventOf(Math.max(attempts, 1)), final);
      throw final;
    } finally {
      call.dispose();
    }

    /** The error the caller gets, with the verdict on what the call did (see `callOutcome`) stamped on it. */
    function finalError(error: unknown): CardGatewayError {
      let failure: AttemptFailure | undefined;
      let typed: CardGatewayError;
      const stopped = stopCause(call.cause);
      if (error instanceof AttemptError) {
        failure = error.failure;
        typed = error.error;
      } else if (stopped !== undefined) {
        // The call stopped between attempts (a backoff sleep): no attempt was on the wire.
        failure = { kind: stopped, requestSent: false };
        typed = stoppedError(stopped, lastError);
      } else {
        // Not ours (a bug, a throwing dependency): an attempt under way may have reached the provider.
        typed = asGatewayError(error, provider, operation);
      }
      const outcome: CallOutcome =
        failure === undefined ? (attempts > 0 ? 'unknown' : 'not_sent') : callOutcome(failure, failures);
      if (outcome !== 'unknown' || !mutating || idempotencyKey === undefined) return withOutcome(typed, outcome);
      if (failure?.kind === 'aborted') {
        // The caller chose to stop: their abort, not an AmbiguousOutcomeError, but naming the key they need.
        return withOutcome(
          new TimeoutError(
            `${provider} ${operation}: aborted by the caller; the outcome is unknown: repeat with idempotency key ${idempotencyKey}`,
            { provider, code: 'aborted', cause: typed.cause },
          ),
          'unknown',
        );
      }
      const repeat = `repeat the call with idempotency key ${idempotencyKey} to get its result without acting twice`;
      return withOutcome(
        new AmbiguousOutcomeError(`${provider} ${operation}: the outcome is unknown (${typed.message}); ${repeat}`, {
          provider,
          operation,
          idempotencyKey,
          status: typed.status ?? lastError?.status,
          requestId: typed.requestId ?? lastError?.requestId,
          cause: typed,
        }),
        'unknown',
      );
    }
  }

  return {
    provider,
    request: (call) => traceCall(provider, call, request),
    async close() {
      if (closed) return;
      closed = true;
      forgetSecret?.();
      // First end the calls under way (they report client_closed), then drop the sockets they were using.
      lifetime.abort(new Error('The client was closed'));
      transport.close();
      // A limiter passed in belongs to the caller (it may be shared by several clients); ours we close.
      if (ownsLimiter) await limiter.close();
    },
  };
}

/** Why a call's own scope stopped it (its caller, its deadline, the client's close), when it did. */
function stopCause(cause: AbortCause | undefined): 'aborted' | 'deadline' | 'closed' | undefined {
  return cause === 'attempt_timeout' ? 'deadline' : cause;
}

function closedError(provider: string, operation: string, cause?: unknown): ProviderUnavailableError {
  return new ProviderUnavailableError(`${provider} ${operation}: the HTTP client is closed`, {
    provider,
    code: 'client_closed',
    cause,
  });
}

function validateOptions(options: HttpClientOptions): void {
  if (typeof options.provider !== 'string' || options.provider === '') {
    throw new ConfigError('createHttpClient: provider must be a non-empty string', { option: 'provider' });
  }
  const { provider } = options;
  let url: URL | undefined;
  try {
    url = new URL(options.baseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ConfigError(`${provider}: baseUrl must be an http(s) URL`, { provider, option: 'baseUrl' });
  }
  if (!Array.isArray(options.limits)) {
    throw new ConfigError(`${provider}: limits must be an array of rate-limit rules`, { provider, option: 'limits' });
  }
  if (
    options.auth !== undefined &&
    (!Secret.isInstance(options.auth.secret) || typeof options.auth.headerName !== 'string')
  ) {
    throw new ConfigError(`${provider}: auth needs a headerName and a Secret`, { provider, option: 'auth' });
  }
  if (options.auth !== undefined) assertCredentialTransport(provider, url.href, options.auth.plainHttp ?? 'loopback');
  assertDurationOptions(options);
  const maxRetries = options.retry?.maxRetries;
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new ConfigError(`${provider}: retry.maxRetries must be a non-negative integer`, {
      provider,
      option: 'retry.maxRetries',
    });
  }
}

/** The caller's extra headers, minus any that would override the auth header or the idempotency key. */
function extraHeaders(
  headers: Readonly<Record<string, string>> | undefined,
  auth: AuthStrategy | undefined,
): Record<string, string> {
  const reserved = new Set([idempotencyKeyHeader.toLowerCase()]);
  if (auth) reserved.add(auth.headerName.toLowerCase());
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!reserved.has(name.toLowerCase())) extra[name] = value;
  }
  return extra;
}

/** The only place the secret is revealed for the wire: built per attempt, never stored. */
function attemptHeaders(auth: AuthStrategy | undefined, idempotencyKey: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (auth) {
    const secret = auth.secret.reveal();
    headers[auth.headerName] = auth.format ? auth.format(secret) : secret;
  }
  if (idempotencyKey !== undefined) headers[idempotencyKeyHeader] = idempotencyKey;
  return headers;
}

/** What redaction masks besides its patterns: the secret itself and the header value built from it. */
function secretValues(auth: AuthStrategy | undefined): readonly string[] {
  if (!auth) return [];
  const secret = auth.secret.reveal();
  const formatted = auth.format ? auth.format(secret) : secret;
  return formatted === secret ? [secret] : [formatted, secret];
}

function serializeBody(body: unknown, operation: string, provider: string): string | undefined {
  if (body === undefined) return undefined;
  try {
    return JSON.stringify(body);
  } catch {
    throw new InvalidRequestError(`${operation}: the request body cannot be serialized as JSON`, {
      provider,
      issues: [{ field: '(body)', rule: 'must be serializable as JSON' }],
    });
  }
}

function withQuery(path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return path;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.append(name, String(value));
  const text = search.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

function since(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function pauseLimiter(limiter: RateLimiter, rule: RateLimitRule, ms: number): void {
  try {
    limiter.pause(rule, ms);
  } catch {
    // A limiter that cannot pause still lets the retry's backoff slow us down.
  }
}

/** The typed error of an attempt that got no response; its cause is the redacted `TransportError`. */
function transportFailureError(
  failure: AttemptFailure,
  progress: Readonly<AttemptProgress>,
  cause: unknown,
  provider: string,
  operation: string,
): CardGatewayError {
  const reason = cause instanceof Error ? cause.message : 'unknown transport error';
  const unavailable = (what: string, code: 'connection_failed' | 'connection_reset') =>
    new ProviderUnavailableError(`${provider} ${operation}: ${what} (${reason})`, { provider, code, cause });
  switch (failure.kind) {
    case 'attempt_timeout':
      return new TimeoutError(`${provider} ${operation}: the attempt timed out`, { provider, code: 'timeout', cause });
    case 'certificate_rejected':
      // Failover reads connection_failed: nothing was sent. Not retried: a refused certificate does not fix itself.
      return unavailable("the provider's TLS certificate was refused", 'connection_failed');
    case 'connection_failed':
      return unavailable(
        progress.connected ? 'the connection broke before the request was sent' : 'could not connect',
        'connection_failed',
      );
    default:
      return unavailable('the connection broke', 'connection_reset');
  }
}

/** The limiter refused (past the deadline) or broke: a typed error naming the provider. */
function limiterError(error: unknown, provider: string, operation: string): CardGatewayError {
  if (RateLimitError.isInstance(error)) {
    return new RateLimitError(`${provider} ${operation}: ${error.message}`, {
      provider,
      retryAfterMs: error.retryAfterMs,
      cause: error,
    });
  }
  if (CardGatewayError.isInstance(error)) return error;
  return new ProviderUnavailableError(`${provider} ${operation}: the rate limiter failed`, {
    provider,
    code: 'rate_limiter_failed',
    cause: plainCause(error),
  });
}

/** Anything unexpected, as a typed error with a plain, redacted cause (never a foreign error object). */
function asGatewayError(error: unknown, provider: string, operation: string): CardGatewayError {
  if (CardGatewayError.isInstance(error)) return error;
  return new ProviderUnavailableError(`${provider} ${operation}: unexpected failure`, {
    provider,
    cause: plainCause(error),
  });
}

function plainCause(error: unknown): Error {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new Error(redactText(message));
}
