import type { CardGatewayError } from '../errors/card-gateway-error.js';
import { ConfigError } from '../errors/config-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import type { AcquireResult } from '../rate-limit/types.js';
import { createAbortScope, raceAbort } from './abort-scope.js';
import { type AttemptFailure, type AttemptProgress, classifyTransportError } from './classify-failure.js';
import { errorFromResponse, readProviderAnswer } from './error-from-response.js';
import { asGatewayError, limiterError, stopCause, stoppedError, transportFailureError } from './pipeline-errors.js';
import type { PipelineCall, PipelineClient } from './pipeline-state.js';
import { attemptHeaders, pauseLimiter, since } from './request-parts.js';
import { parseSuccessBody } from './response-parsing.js';
import { backoffDelay, parseRetryAfter } from './retry-policy.js';
import {
  maxResponseBytes,
  responseTooLargeCode,
  TransportError,
  type TransportResponse,
  transportUnavailableCode,
} from './transport.js';
import { insecureTransportCode } from './transport-security.js';
import type { HttpEvent, HttpResponse } from './types.js';
import { slotHoldMs } from './wait-bounds.js';

/** One failed attempt: what happened on the wire, and the typed error it would give the caller. */
export class AttemptError extends Error {
  override name = 'AttemptError';
  constructor(
    readonly failure: AttemptFailure,
    readonly error: CardGatewayError,
    readonly retryAfterMs: number | undefined = undefined,
  ) {
    super(error.message);
  }
}

/** What came back from the wire: a response, or a typed failure already reported. */
interface Received {
  readonly response: TransportResponse;
  /** A body over the size limit: the status and headers came, the body is not readable. */
  readonly tooLarge: boolean;
  readonly started: number;
}

/**
 * One attempt of a call: a slot from the limiter (held until the attempt ends), the request on the wire, then the
 * answer as data or as an `AttemptError` (what the wire saw, and the typed error) for the retry loop to judge.
 */
export async function runAttempt<Output>(
  client: PipelineClient,
  call: PipelineCall<Output>,
  attemptNumber: number,
): Promise<HttpResponse<Output>> {
  call.attempts = attemptNumber;
  const event = call.eventOf(attemptNumber);
  const acquired = await acquireSlot(client, call);
  client.observer.request(event);
  const received = await send(client, call, event, acquired);
  const { response, tooLarge, started } = received;
  const { status, headers } = response;
  const { provider } = client;
  const { operation } = call;
  if (status >= 200 && status < 300) {
    try {
      if (tooLarge) {
        throw new ProviderResponseError(
          `${provider} ${operation}: the response (HTTP ${status}) is larger than ${maxResponseBytes} bytes`,
          { provider, status, requestId: headers['x-request-id'] },
        );
      }
      const parsed = parseSuccessBody(call.request.schema, response.body, {
        provider,
        operation,
        status,
        requestId: headers['x-request-id'],
        secrets: client.secrets(),
      });
      client.observer.response({ ...event, status, durationMs: since(started), requestId: parsed.requestId });
      const { idempotencyKey } = call;
      return { data: parsed.data, status, requestId: parsed.requestId, idempotencyKey, attempts: attemptNumber };
    } catch (error) {
      const typed = asGatewayError(error, provider, operation);
      const durationMs = since(started);
      client.observer.response({ ...event, status, durationMs, requestId: typed.requestId, errorCode: typed.code });
      throw fail(call, { kind: 'invalid_response' }, typed);
    }
  }
  throw refusal(client, call, event, received, attemptNumber);
}

/** Records a failed attempt on the call and wraps it for the retry loop. */
function fail(
  call: PipelineCall<unknown>,
  failure: AttemptFailure,
  error: CardGatewayError,
  retryAfterMs?: number,
): AttemptError {
  call.failures.push(failure);
  call.lastError = error;
  return new AttemptError(failure, error, retryAfterMs);
}

// Every attempt, retries included, goes through the limiter first. The slot is held until the attempt ends
// (`complete`): the provider counts the request on arrival, at the latest just before it answers.
async function acquireSlot(client: PipelineClient, call: PipelineCall<unknown>): Promise<AcquireResult> {
  const { provider, limiter } = client;
  const { operation, scope, deadline } = call;
  try {
    const holdMs = slotHoldMs(client.attemptTimeoutMs);
    const acquired = await raceAbort(
      limiter.acquire(call.rules, { signal: scope.signal, deadline, holdMs }),
      scope.signal,
    );
    if (acquired.waitedMs > 0) {
      const { limitedBy } = acquired;
      const rule = limitedBy === undefined ? 'unknown' : client.configuredName(limitedBy);
      client.observer.rateLimitWait({ provider, operation, rule, waitMs: acquired.waitedMs });
    }
    return acquired;
  } catch (error) {
    const stopped = stopCause(scope.cause);
    if (stopped !== undefined) {
      throw fail(
        call,
        { kind: stopped, requestSent: false },
        stoppedError(stopped, provider, operation, call.timeoutMs),
      );
    }
    throw fail(call, { kind: 'rejected' }, limiterError(error, provider, operation));
  }
}

/** The request on the wire, under the attempt's own timeout (never past the call's deadline). */
async function send(
  client: PipelineClient,
  call: PipelineCall<unknown>,
  event: HttpEvent,
  acquired: AcquireResult,
): Promise<Received> {
  const { provider } = client;
  const { operation } = call;
  // An attempt allowed to run past the deadline is ended by the deadline, and reported as such.
  const attemptScope = createAbortScope({
    parent: call.scope.signal,
    parentCause: () => call.scope.cause ?? 'aborted',
    timeoutMs:
      client.attemptTimeoutMs < call.deadline - Date.now() ? client.attemptTimeoutMs : Number.POSITIVE_INFINITY,
    timeoutCause: 'attempt_timeout',
  });
  const progress: AttemptProgress = { connected: false, requestSent: false };
  const started = performance.now();
  try {
    const headers = attemptHeaders(client.auth, client.idempotencyHeader, call.idempotencyKey);
    const { method, url, body } = call;
    const response = await client.transport.send({ method, url, body, signal: attemptScope.signal, headers }, progress);
    return { response, tooLarge: false, started };
  } catch (error) {
    if (error instanceof TransportError && error.code === insecureTransportCode) {
      // The credential would have left in clear: nothing was sent, and repeating cannot help.
      throw fail(call, { kind: 'rejected' }, new ConfigError(error.message, { provider, option: 'baseUrl' }));
    }
    if (error instanceof TransportError && error.code === transportUnavailableCode) {
      // axios is loaded on the first request; a broken installation sent nothing, and repeating cannot help.
      throw fail(
        call,
        { kind: 'rejected' },
        new ConfigError(`${provider} ${operation}: ${error.message}`, { provider }),
      );
    }
    if (
      error instanceof TransportError &&
      error.code === responseTooLargeCode &&
      error.response &&
      attemptScope.cause === undefined
    ) {
      return { response: { ...error.response, body: '' }, tooLarge: true, started };
    }
    const code = error instanceof TransportError ? error.code : undefined;
    const failure = classifyTransportError(code, progress, attemptScope.cause);
    const typed =
      failure.kind === 'aborted' || failure.kind === 'deadline' || failure.kind === 'closed'
        ? stoppedError(failure.kind, provider, operation, call.timeoutMs, error)
        : transportFailureError(failure, progress, error, provider, operation);
    const durationMs = since(started);
    client.observer.response({ ...event, status: undefined, durationMs, requestId: undefined, errorCode: typed.code });
    throw fail(call, failure, typed);
  } finally {
    attemptScope.dispose();
    acquired.complete?.();
  }
}

/** A non-2xx answer as a typed error; a 429 pauses every rule the request was admitted under. */
function refusal(
  client: PipelineClient,
  call: PipelineCall<unknown>,
  event: HttpEvent,
  received: Received,
  attemptNumber: number,
): AttemptError {
  const { status, headers, body } = received.response;
  const { provider, retry } = client;
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  const operation = call.operation;
  const answer = {
    provider,
    operation,
    status,
    body,
    headers,
    retryAfterMs,
    secrets: client.secrets(),
    readProviderError: client.readProviderError,
  };
  const reading = readProviderAnswer(answer);
  const typed = errorFromResponse(answer, reading);
  const durationMs = since(received.started);
  client.observer.response({ ...event, status, durationMs, requestId: typed.requestId, errorCode: typed.code });
  if (status === 429) {
    // We cannot know which quota the provider counted: hold back every rule this request was admitted under, never
    // longer than the cap (a longer Retry-After fails the call, see the retry loop).
    const pauseMs = Math.min(retryAfterMs ?? backoffDelay(attemptNumber - 1, retry), retry.maxRetryAfterMs);
    for (const rule of call.rules) pauseLimiter(client.limiter, rule, pauseMs);
  }
  return fail(call, { kind: 'response', status, refusal: reading?.refusal === true }, typed, retryAfterMs);
}
