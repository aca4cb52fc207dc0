import { AsyncLocalStorage } from 'node:async_hooks';
import diagnosticsChannel from 'node:diagnostics_channel';
import {
  type Attributes,
  type Context,
  context as contextApi,
  type MeterProvider,
  metrics,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import {
  type CallDiagnostic,
  type CallResultSummary,
  diagnosticsChannelNames,
  type GatewayDiagnostic,
  type HttpDiagnostic,
} from '../diagnostics/diagnostics-channels.js';
import type { CircuitChangeEvent, FailoverEvent } from '../gateway/failover-issuer.js';
import { outcomeOf } from '../http/call-outcome.js';
import type { HttpEvent, HttpResponseEvent, HttpRetryEvent, RateLimitWaitEvent } from '../http/types.js';
import { hashIdempotencyKey } from './hash-idempotency-key.js';

// The same named channels the pipeline traces on (`tracingChannel` channels are global by name).
const callChannel = diagnosticsChannel.tracingChannel<unknown, CallDiagnostic>(diagnosticsChannelNames.call);

/** Where spans and metrics go. Both default to the globally registered providers (`trace`/`metrics` of the API). */
export interface OpenTelemetryOptions {
  /** @default trace.getTracerProvider() (the global one; a no-op until an SDK registers itself) */
  readonly tracerProvider?: TracerProvider | undefined;
  /** @default metrics.getMeterProvider() (the global one; a no-op until an SDK registers itself) */
  readonly meterProvider?: MeterProvider | undefined;
}

/** A running bridge between cardgw's diagnostics channels and OpenTelemetry. */
export interface OpenTelemetryInstrumentation {
  /** Unsubscribes from every channel: cardgw's calls cost nothing again. Calls under way end their spans as usual. */
  disable(): void;
}

/** The names of every span, attribute and instrument the bridge emits, for dashboards and alerts. */
export const telemetryNames = Object.freeze({
  /** Instrumentation scope of the tracer and the meter. */
  scope: '@cardgw/core',
  /** One span per pipeline call: `cardgw cards.create` (kind CLIENT). */
  callSpan: (operation: string) => `cardgw ${operation}`,
  /** A child span per attempt: `cardgw cards.create attempt`. */
  attemptSpan: (operation: string) => `cardgw ${operation} attempt`,
  /** A child span per wait for the rate limiter: `cardgw rate-limit wait`. */
  limiterWaitSpan: 'cardgw rate-limit wait',
  attributes: Object.freeze({
    provider: 'cardgw.provider',
    operation: 'cardgw.operation',
    /** `ok`, or what the pipeline says a failed call did: `not_sent`, `unknown`, `settled`. */
    outcome: 'cardgw.outcome',
    attempts: 'cardgw.attempts',
    attempt: 'cardgw.attempt',
    /** `hashIdempotencyKey(key)`: never the key itself. */
    idempotencyKeyHash: 'cardgw.idempotency_key.hash',
    providerRequestId: 'cardgw.provider_request_id',
    rule: 'cardgw.rate_limit.rule',
    waitMs: 'cardgw.rate_limit.wait_ms',
    method: 'http.request.method',
    status: 'http.response.status_code',
    /** The error's code (`rate_limited`, `not_found`, …), as OpenTelemetry's `error.type`. */
    errorType: 'error.type',
    circuitState: 'cardgw.circuit.state',
    failoverFrom: 'cardgw.failover.from',
    failoverTo: 'cardgw.failover.to',
    failoverReason: 'cardgw.failover.reason',
  }),
  metrics: Object.freeze({
    /** Counter: HTTP attempts sent, by provider, operation, status and error type. */
    requests: 'cardgw.requests',
    /** Counter: 429 answers, by provider and operation. */
    rateLimited: 'cardgw.rate_limited',
    /** Counter: retries scheduled, by provider, operation and error type. */
    retries: 'cardgw.retries',
    /** Histogram (ms): time spent waiting for the client-side rate limiter, by provider, operation and rule. */
    limiterWait: 'cardgw.rate_limit.wait',
    /** Histogram (ms): whole calls, retries and waits included, by provider, operation and outcome. */
    callDuration: 'cardgw.call.duration',
    /** Gauge: each provider's circuit, 0 closed, 1 half-open, 2 open (providers whose circuit has changed). */
    circuitState: 'cardgw.circuit.state',
    /** Counter: calls moved from one provider to the next, by operation, from, to and reason. */
    failovers: 'cardgw.failovers',
  }),
});

const names = telemetryNames.attributes;
const circuitValues: Readonly<Record<string, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** What the bridge keeps about one call under way. */
interface CallState {
  readonly span: Span;
  /** The call span's context: the parent of its attempt and limiter-wait spans. */
  readonly context: Context;
  readonly startedAt: number;
  readonly attempts: Map<number, Span>;
  attemptsMade: number;
  idempotencyKey: string | undefined;
}

/**
 * Subscribes OpenTelemetry to cardgw's diagnostics channels: a span per pipeline call (`cardgw <operation>`, the
 * active span at the call as its parent) with its provider, operation, outcome, attempts and idempotency-key hash,
 * a child span per attempt and per rate-limiter wait, and metrics for requests, 429s, retries, limiter waits, call
 * durations, circuit states and failovers. Every attribute comes from the channels' payloads, which are already
 * redacted: no secret, body, PAN, CVV or OTP is ever among them, and the idempotency key is hashed.
 *
 * The pipeline is not edited or wrapped: while no bridge (or other subscriber) is enabled, the channels are idle and a
 * call costs one property read more. Enable once per process; `disable()` undoes it.
 */
export function instrumentOpenTelemetry(options: OpenTelemetryOptions = {}): OpenTelemetryInstrumentation {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(telemetryNames.scope);
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(telemetryNames.scope);
  const requests = meter.createCounter(telemetryNames.metrics.requests, { description: 'HTTP attempts sent' });
  const rateLimited = meter.createCounter(telemetryNames.metrics.rateLimited, { description: '429 answers' });
  const retries = meter.createCounter(telemetryNames.metrics.retries, { description: 'retries scheduled' });
  const limiterWait = meter.createHistogram(telemetryNames.metrics.limiterWait, {
    description: 'time waited for the client-side rate limiter',
    unit: 'ms',
  });
  const callDuration = meter.createHistogram(telemetryNames.metrics.callDuration, {
    description: 'whole calls, retries and limiter waits included',
    unit: 'ms',
  });
  const failovers = meter.createCounter(telemetryNames.metrics.failovers, {
    description: 'calls moved from one provider to the next',
  });
  const circuits = new Map<string, number>();
  const circuitGauge = meter.createObservableGauge(telemetryNames.metrics.circuitState, {
    description: 'circuit state per provider: 0 closed, 1 half-open, 2 open',
  });
  const observeCircuits = (result: { observe(value: number, attributes?: Attributes): void }) => {
    for (const [provider, value] of circuits) result.observe(value, { [names.provider]: provider });
  };
  circuitGauge.addCallback(observeCircuits);

  const store = new AsyncLocalStorage<CallState>();
  const states = new WeakMap<CallDiagnostic, CallState>();

  // Runs as the call starts, in the caller's context: the call span's parent is whatever span the caller has open.
  const startCall = (message: CallDiagnostic): CallState => {
    const parent = contextApi.active();
    const span = tracer.startSpan(
      telemetryNames.callSpan(message.operation),
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [names.provider]: message.provider,
          [names.operation]: message.operation,
          [names.method]: message.method,
        },
      },
      parent,
    );
    const state: CallState = {
      span,
      context: trace.setSpan(parent, span),
      startedAt: performance.now(),
      attempts: new Map(),
      attemptsMade: 0,
      idempotencyKey: undefined,
    };
    states.set(message, state);
    return state;
  };

  const endCall = (message: CallDiagnostic) => {
    const state = states.get(message);
    if (state === undefined) return;
    states.delete(message);
    const { span } = state;
    const result = message.result as CallResultSummary | undefined;
    const failed = message.error !== undefined;
    const outcome = failed ? (outcomeOf(message.error) ?? 'unknown') : 'ok';
    const key = result?.idempotencyKey ?? state.idempotencyKey;
    const attempts = result?.attempts ?? state.attemptsMade;
    const attributes: Attributes = { [names.outcome]: outcome, [names.attempts]: attempts };
    if (key !== undefined) attributes[names.idempotencyKeyHash] = hashIdempotencyKey(key);
    if (result !== undefined) {
      attributes[names.status] = result.status;
      if (result.requestId !== undefined) attributes[names.providerRequestId] = result.requestId;
    }
    const error = failed ? describeFailure(message.error) : undefined;
    if (error !== undefined) {
      attributes[names.errorType] = error.code;
      if (error.status !== undefined) attributes[names.status] = error.status;
      if (error.requestId !== undefined) attributes[names.providerRequestId] = error.requestId;
      // The code, not the message: a status description is exported to a third party, and codes are what alerts use.
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.code });
    }
    span.setAttributes(attributes);
    // Attempts whose answer never came (the call was closed mid-attempt) end with the call.
    for (const attempt of state.attempts.values()) attempt.end();
    span.end();
    callDuration.record(performance.now() - state.startedAt, {
      [names.provider]: message.provider,
      [names.operation]: message.operation,
      [names.outcome]: outcome,
    });
  };

  const onHttp = (message: unknown) => {
    const { type, event } = message as HttpDiagnostic;
    const state = store.getStore();
    if (type === 'request') {
      const request = event as HttpEvent;
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
    } else if (type === 'response') {
      const response = event as HttpResponseEvent;
      const attributes: Attributes = { [names.provider]: response.provider, [names.operation]: response.operation };
      if (response.status !== undefined) attributes[names.status] = response.status;
      if (response.errorCode !== undefined) attributes[names.errorType] = response.errorCode;
      requests.add(1, attributes);
      if (response.status === 429) {
        rateLimited.add(1, { [names.provider]: response.provider, [names.operation]: response.operation });
      }
      const span = state?.attempts.get(response.attempt);
      if (span === undefined || state === undefined) return;
      state.attempts.delete(response.attempt);
      if (response.requestId !== undefined) attributes[names.providerRequestId] = response.requestId;
      span.setAttributes(attributes);
      if (response.errorCode !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: response.errorCode });
      span.end();
    } else if (type === 'retry') {
      const retry = event as HttpRetryEvent;
      const attributes: Attributes = {
        [names.provider]: retry.provider,
        [names.operation]: retry.operation,
        [names.errorType]: retry.errorCode,
      };
      retries.add(1, attributes);
      state?.span.addEvent('retry', {
        ...attributes,
        [names.attempt]: retry.attempt,
        'cardgw.retry.delay_ms': retry.delayMs,
        ...(retry.status === undefined ? {} : { [names.status]: retry.status }),
      });
    } else if (type === 'rate-limit-wait') {
      const wait = event as RateLimitWaitEvent;
      const attributes: Attributes = {
        [names.provider]: wait.provider,
        [names.operation]: wait.operation,
        [names.rule]: wait.rule,
      };
      limiterWait.record(wait.waitMs, attributes);
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
  };

  const onGateway = (message: unknown) => {
    const { type, event } = message as GatewayDiagnostic;
    if (type === 'failover') {
      const failover = event as FailoverEvent;
      failovers.add(1, {
        [names.operation]: failover.operation,
        [names.failoverFrom]: failover.from,
        [names.failoverTo]: failover.to,
        [names.failoverReason]: failover.reason,
      });
    } else if (type === 'circuit-change') {
      const change = event as CircuitChangeEvent;
      circuits.set(change.provider, circuitValues[change.state] ?? 0);
    }
  };

  const callSubscribers = {
    start: () => {},
    end: () => {},
    asyncStart: () => {},
    asyncEnd: (message: unknown) => endCall(message as CallDiagnostic),
    error: () => {},
  };
  callChannel.start.bindStore(store, startCall);
  callChannel.subscribe(callSubscribers);
  diagnosticsChannel.subscribe(diagnosticsChannelNames.http, onHttp);
  diagnosticsChannel.subscribe(diagnosticsChannelNames.gateway, onGateway);

  let enabled = true;
  return {
    disable() {
      if (!enabled) return;
      enabled = false;
      callChannel.start.unbindStore(store);
      callChannel.unsubscribe(callSubscribers);
      diagnosticsChannel.unsubscribe(diagnosticsChannelNames.http, onHttp);
      diagnosticsChannel.unsubscribe(diagnosticsChannelNames.gateway, onGateway);
      circuitGauge.removeCallback(observeCircuits);
    },
  };
}

/** The code, status and request id of a failure: never its message or cause. */
function describeFailure(error: unknown): { code: string; status?: number; requestId?: string } {
  const fields = error as { code?: unknown; status?: unknown; requestId?: unknown } | null;
  return {
    code: typeof fields?.code === 'string' ? fields.code : 'unexpected_error',
    ...(typeof fields?.status === 'number' ? { status: fields.status } : {}),
    ...(typeof fields?.requestId === 'string' ? { requestId: fields.requestId } : {}),
  };
}
