import diagnosticsChannel from 'node:diagnostics_channel';
import { type MeterProvider, metrics, type TracerProvider, trace } from '@opentelemetry/api';
import { type CallDiagnostic, diagnosticsChannelNames } from '../diagnostics/diagnostics-channels.js';
import { createCallSpans } from './call-spans.js';
import { createGatewayListener } from './gateway-telemetry.js';
import { createHttpListener } from './http-telemetry.js';
import { createTelemetryInstruments } from './telemetry-instruments.js';
import { telemetryNames } from './telemetry-names.js';

// The bridge's front: it builds the parts, one concept per file (the names in telemetry-names.ts, the metric
// instruments in telemetry-instruments.ts, the call spans in call-spans.ts, the HTTP and gateway events in
// http-telemetry.ts and gateway-telemetry.ts), subscribes them to the diagnostics channels, and undoes it on disable.

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
  const instruments = createTelemetryInstruments(meter);
  const calls = createCallSpans(tracer, instruments);
  const onHttp = createHttpListener(tracer, instruments, calls.store);
  const onGateway = createGatewayListener(instruments);

  const callSubscribers = {
    start: () => {},
    end: () => {},
    asyncStart: () => {},
    asyncEnd: (message: unknown) => calls.end(message as CallDiagnostic),
    error: () => {},
  };
  callChannel.start.bindStore(calls.store, calls.start);
  callChannel.subscribe(callSubscribers);
  diagnosticsChannel.subscribe(diagnosticsChannelNames.http, onHttp);
  diagnosticsChannel.subscribe(diagnosticsChannelNames.gateway, onGateway);

  let enabled = true;
  return {
    disable() {
      if (!enabled) return;
      enabled = false;
      callChannel.start.unbindStore(calls.store);
      callChannel.unsubscribe(callSubscribers);
      diagnosticsChannel.unsubscribe(diagnosticsChannelNames.http, onHttp);
      diagnosticsChannel.unsubscribe(diagnosticsChannelNames.gateway, onGateway);
      instruments.detach();
    },
  };
}
