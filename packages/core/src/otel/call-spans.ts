import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Attributes,
  type Context,
  context as contextApi,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { CallDiagnostic, CallResultSummary } from '../diagnostics/diagnostics-channels.js';
import { outcomeOf } from '../http/call-outcome.js';
import { hashIdempotencyKey } from './hash-idempotency-key.js';
import type { TelemetryInstruments } from './telemetry-instruments.js';
import { telemetryNames } from './telemetry-names.js';

// One span per pipeline call, opened when the call's tracing channel starts and ended when it settles, with the call's
// state kept where the HTTP events of that call find it (an AsyncLocalStorage bound to the channel's start), so its
// attempts and limiter waits become child spans (http-telemetry.ts).

const names = telemetryNames.attributes;

/** What the bridge keeps about one call under way. */
export interface CallState {
  readonly span: Span;
  /** The call span's context: the parent of its attempt and limiter-wait spans. */
  readonly context: Context;
  readonly startedAt: number;
  readonly attempts: Map<number, Span>;
  attemptsMade: number;
  idempotencyKey: string | undefined;
}

/** The call spans of one bridge: `start` binds to the call channel's start, `end` runs at its `asyncEnd`. */
export interface CallSpans {
  /** The state of the call under way in the current async context, for the HTTP events it emits. */
  readonly store: AsyncLocalStorage<CallState>;
  /** Opens the call's span, in the caller's context: its parent is whatever span the caller has open. */
  readonly start: (message: CallDiagnostic) => CallState;
  /** Ends the call's span (and any attempt span left open) with its outcome, and records its duration. */
  readonly end: (message: CallDiagnostic) => void;
}

/** Creates the call spans of one bridge, recording call durations on `instruments.callDuration`. */
export function createCallSpans(tracer: Tracer, instruments: TelemetryInstruments): CallSpans {
  const store = new AsyncLocalStorage<CallState>();
  const states = new WeakMap<CallDiagnostic, CallState>();

  const start = (message: CallDiagnostic): CallState => {
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

  const end = (message: CallDiagnostic) => {
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
    instruments.callDuration.record(performance.now() - state.startedAt, {
      [names.provider]: message.provider,
      [names.operation]: message.operation,
      [names.outcome]: outcome,
    });
  };

  return { store, start, end };
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
