import { publishFailure, rethrowPublished } from '../diagnostics/publish-failure.js';
import { withOutcome } from '../errors/call-outcome.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { createLocalRateLimiter } from '../rate-limit/index.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/types.js';
import { rememberConfiguredSecret } from '../redaction/configured-secrets.js';
import { beginCall, termsOf } from '../validation/call-terms.js';
import { loadZodForCall } from '../validation/load-zod-for-call.js';
import { createAbortScope } from './abort-scope.js';
import { runAttempt } from './attempt.js';
import { callVerdict } from './call-verdict.js';
import { assertHttpClientOptions } from './http-client-options.js';
import { idempotencyKeyHeader, isMutating, newIdempotencyKey } from './idempotency.js';
import { createObserver } from './observer.js';
import { asGatewayError, closedError } from './pipeline-errors.js';
import type { PipelineCall, PipelineClient } from './pipeline-state.js';
import { extraHeaders, secretValues, serializeBody, withQuery } from './request-parts.js';
import { retryAttempts } from './retry-loop.js';
import { resolveRetryOptions } from './retry-policy.js';
import { rulesForOperation } from './rules-for-operation.js';
import { traceCall } from './trace-call.js';
import { createTransport } from './transport.js';
import type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse } from './types.js';
import { defaultMaxRetryAfterMs } from './wait-bounds.js';

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

/**
 * The shared HTTP pipeline every adapter calls: per attempt (`attempt.ts`), the rate limiter, then auth and the
 * idempotency key (fixed for the whole call), then axios; statuses and bodies become typed errors or schema-checked
 * data; failures that may succeed if repeated are retried (`retry-loop.ts`, p-retry) with full-jitter backoff
 * (honouring `Retry-After`) within one total deadline; a mutating call whose outcome stays unknown ends in
 * `AmbiguousOutcomeError`. Which non-2xx answers are the provider's documented refusals (the call settled, nothing
 * done) is the provider's knowledge, read by its `readProviderError`; without one only HTTP status semantics apply and a
 * failed mutating call that reached the provider stays ambiguous. No axios type and no raw axios error ever leaves it, and nothing it reports holds a secret,
 * a PAN, a CVV or an OTP.
 *
 * Every error it throws carries its verdict on what the call did at the provider (`error.outcome`: `not_sent`,
 * `unknown`, `settled`), decided once when the call ends (`call-verdict.ts`) from what each attempt saw on the wire,
 * so that nobody downstream (the failover composite) has to guess it from the error's class.
 *
 * The call's options are checked, and its deadline fixed, once where the call entered the library: when an outer
 * layer (the failover composite, an adapter method making two requests) began the call, the pipeline reads its terms
 * (`validation/call-terms.ts`) instead of checking again or starting a fresh deadline.
 *
 * On a 429 every rule of the request is paused for the `Retry-After` (or the backoff): the provider does not say
 * which of its quotas it hit, and pausing one it did not hit costs less than another 429. Rules reach the limiter
 * named `<provider>:<rule>`, so one limiter (or one Redis) shared by two providers' clients keeps their quotas apart.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  assertHttpClientOptions(options);
  const { provider, auth } = options;
  const ownsLimiter = options.limiter === undefined;
  const limiter: RateLimiter = options.limiter ?? createLocalRateLimiter();
  const secrets = () => secretValues(auth);
  const idempotencyHeader = options.idempotencyHeader ?? idempotencyKeyHeader;
  // Redaction anywhere in the process masks this client's credential, in every form, until close().
  const forgetSecret = auth === undefined ? undefined : rememberConfiguredSecret(auth.secret);
  const transport = createTransport({
    baseUrl: options.baseUrl,
    headers: { ...defaultHeaders, ...extraHeaders(options.headers, auth, idempotencyHeader) },
    secrets,
    plainHttp: auth === undefined ? undefined : (auth.plainHttp ?? 'loopback'),
  });
  // Named once, here: the limiter keys its windows (and Redis its keys) by rule name, and the adapters' default names
  // (`requests-per-minute`) are the same for every provider.
  const rulePrefix = `${provider}:`;
  const client: PipelineClient = {
    provider,
    auth,
    retry: resolveRetryOptions({
      ...options.retry,
      maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? defaultMaxRetryAfterMs(options.limits),
    }),
    limiter,
    observer: createObserver(options.hooks, options.logger, secrets),
    transport,
    attemptTimeoutMs: options.attemptTimeoutMs ?? defaultAttemptTimeoutMs,
    secrets,
    configuredName: (name) => (name.startsWith(rulePrefix) ? name.slice(rulePrefix.length) : name),
    readProviderError: options.readProviderError,
    idempotencyHeader,
  };
  const rulesFor = rulesByOperation(
    // A rule without a name is left as it is, for the limiter's own check to report.
    options.limits.map((rule) =>
      typeof rule?.name === 'string' && rule.name !== '' ? { ...rule, name: `${rulePrefix}${rule.name}` } : rule,
    ),
  );
  // Parents every call's abort scope: close() ends the calls under way (backoff sleeps, limiter waits, attempts).
  const lifetime = new AbortController();
  let closed = false;

  /** Everything a call settles before its first attempt; a refusal here sent nothing (`not_sent`). */
  function begin<Output>(request: HttpRequest<Output>): PipelineCall<Output> {
    const { operation, method } = request;
    let callOptions: ReturnType<typeof beginCall>;
    let body: string | undefined;
    try {
      callOptions = beginCall(request.options, operation, provider);
      if (closed) throw closedError(provider, operation);
      body = serializeBody(request.body, operation, provider);
      if (callOptions.signal?.aborted) {
        throw new TimeoutError(`${provider} ${operation}: aborted by the caller before it started`, {
          provider,
          code: 'aborted',
        });
      }
    } catch (error) {
      throw withOutcome(asGatewayError(error, provider, operation), 'not_sent');
    }
    const mutating = isMutating(method);
    // The key was checked with the options; made once per logical call, so every retry carries the same one.
    const idempotencyKey = mutating ? (callOptions.idempotencyKey ?? newIdempotencyKey()) : undefined;
    const terms = termsOf(callOptions);
    const timeoutMs = terms?.timeoutMs ?? options.timeoutMs ?? defaultTimeoutMs;
    const deadline = terms?.deadline ?? Date.now() + timeoutMs;
    if (deadline <= Date.now()) {
      // The call's deadline (fixed by an outer layer) was spent before this request: nothing is sent.
      throw new TimeoutError(`${provider} ${operation}: the deadline of ${timeoutMs} ms passed before the request`, {
        provider,
        outcome: 'not_sent',
      });
    }
    const path = request.path.split('?')[0] ?? request.path;
    return {
      request,
      operation,
      method,
      mutating,
      idempotencyKey,
      body,
      url: withQuery(request.path, request.query),
      rules: rulesFor(operation),
      timeoutMs,
      deadline,
      maxRetries: callOptions.maxRetries ?? client.retry.maxRetries,
      scope: createAbortScope({
        parent: callOptions.signal,
        parents: [{ signal: lifetime.signal, cause: 'closed' }],
        timeoutMs: deadline - Date.now(),
        timeoutCause: 'deadline',
      }),
      failures: [],
      lastError: undefined,
      attempts: 0,
      eventOf: (attempt) => ({ provider, operation, method, path, attempt, idempotencyKey }),
    };
  }

  async function request<Output>(request: HttpRequest<Output>): Promise<HttpResponse<Output>> {
    let call: PipelineCall<Output>;
    try {
      // The options and the answer are checked with zod, loaded by the first call, within its signal and deadline.
      const { options } = await loadZodForCall(request.options, request.operation, provider);
      call = begin(options === request.options ? request : { ...request, options });
    } catch (error) {
      rethrowPublished(error);
    }
    try {
      return await retryAttempts(client, call, (attemptNumber) => runAttempt(client, call, attemptNumber));
    } catch (error) {
      const final = callVerdict(client, call, error);
      client.observer.failure(call.eventOf(Math.max(call.attempts, 1)), final);
      publishFailure(final);
      throw final;
    } finally {
      call.scope.dispose();
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

/** The rules that apply to each operation, worked out once per operation. */
function rulesByOperation(limits: readonly RateLimitRule[]): (operation: string) => readonly RateLimitRule[] {
  const cache = new Map<string, readonly RateLimitRule[]>();
  return (operation) => {
    let rules = cache.get(operation);
    if (rules === undefined) {
      rules = rulesForOperation(limits, operation);
      cache.set(operation, rules);
    }
    return rules;
  };
}
