import type { AsyncLocalStorage } from 'node:async_hooks';
import { type Attributes, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { HttpDiagnostic } from '../diagnostics/diagnostics-channels.js';
import type { HttpEvent, HttpResponseEvent, HttpRetryEvent, RateLimitWaitEvent } from '../http/types.js';
import type { CallState } from './call-spans.js';
import type { TelemetryInstruments } from './telemetry-instruments.js';
import { telemetryNames } from './telemetry-names.js';

// What the pipeline's HTTP channel reports inside a call, turned into telemetry: an attempt span per request, ended by
// its response, a retry event on the call span, a limiter-wait span, and the request, 429, retry and wait metrics.
// Metrics are recorded even outside a traced call; spans need the call's state (call-spans.ts).

const names = telemetryNames.attributes;

/** A subscriber for the HTTP diagnostics channel, reading the current call's state from `store`. */
export function createHttpListener(
  tracer: Tracer,
  instruments: TelemetryInstruments,
  store: AsyncLocalStorage<CallState>,
): (message: unknown) => void {
  return (message: unknown) => {
    const { type, event } = message as HttpDiagnostic;
    const state = store.getStore();
    if (type === 'request') startAttempt(tracer, event as HttpEvent, state);
    else if (type === 'response') endAttempt(instruments, event as HttpResponseEvent, state);
    else if (type === 'retry') recordRetry(instruments, event as HttpRetryEvent, state);
    else if (type === 'rate-limit-wait') recordLimiterWait(tracer, instruments, event as RateLimitWaitEvent, state);
  };
}

/** Opens the attempt's span under the call's span, and notes the attempt and its key on the call. */
function startAttempt(tracer: Tracer, request: HttpEvent, state: CallState | undefined): void {
  if (state === undefined) return;
  state.attemptsMade = Math.max(state.attemptsMade, request.attempt);
  state.idempotencyKey ??= request.idempotencyKey;
  state.attempts.set(
    request.attempt,
    tracer.startSpan(
      telemetryNames.attemptSpan(request.operation),
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [names.provider]: request.provider,
          [names.operation]: request.operation,
          [names.method]: request.method,
          [names.attempt]: request.attempt,
        },
      },
      state.context,
    ),
  );
}

/** Counts the attempt (and a 429), and ends its span with the status, error code and provider's request id. */
function endAttempt(
  instruments: TelemetryInstruments,
  response: HttpResponseEvent,
  state: CallState | undefined,
): void {
  const attributes: Attributes = { [names.provider]: response.provider, [names.operation]: response.operation };
  if (response.status !== undefined) attributes[names.status] = response.status;
  if (response.errorCode !== undefined) attributes[names.errorType] = response.errorCode;
  instruments.requests.add(1, attributes);
  if (response.status === 429) {
    instruments.rateLimited.add(1, { [names.provider]: response.provider, [names.operation]: response.operation });
  }
  const span = state?.attempts.get(response.attempt);
  if (span === undefined || state === undefined) return;
  state.attempts.delete(response.attempt);
  if (response.requestId !== undefined) attributes[names.providerRequestId] = response.requestId;
  span.setAttributes(attributes);
  if (response.errorCode !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: response.errorCode });
  span.end();
}

/** Counts the retry and marks it on the call's span with its attempt, delay and status. */
function recordRetry(instruments: TelemetryInstruments, retry: HttpRetryEvent, state: CallState | undefined): void {
  const attributes: Attributes = {
    [names.provider]: retry.provider,
    [names.operation]: retry.operation,
    [names.errorType]: retry.errorCode,
  };
  instruments.retries.add(1, attributes);
  state?.span.addEvent('retry', {
    ...attributes,
    [names.attempt]: retry.attempt,
    'cardgw.retry.delay_ms': retry.delayMs,
    ...(retry.status === undefined ? {} : { [names.status]: retry.status }),
  });
}

/** Records the limiter wait, and draws it as a child span of the call from when it began to now. */
function recordLimiterWait(
  tracer: Tracer,
  instruments: TelemetryInstruments,
  wait: RateLimitWaitEvent,
  state: CallState | undefined,
): void {
  const attributes: Attributes = {
    [names.provider]: wait.provider,
    [names.operation]: wait.operation,
    [names.rule]: wait.rule,
  };
  instruments.limiterWait.record(wait.waitMs, attributes);
  if (state === undefined) return;
  // Reported once the wait is over: the span is drawn back to when it began.
  const endTime = Date.now();
  tracer
    .startSpan(
      telemetryNames.limiterWaitSpan,
      { attributes: { ...attributes, [names.waitMs]: wait.waitMs }, startTime: endTime - wait.waitMs },
      state.context,
    )
    .end(endTime);
}
