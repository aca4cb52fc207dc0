import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import { telemetryNames } from './telemetry-names.js';

// The bridge's metric instruments, created once per `instrumentOpenTelemetry()` from its meter, with their
// descriptions and units. The circuit gauge is observed (read when the SDK collects), so it keeps the last state per
// provider here and must be detached again on `disable()`.

const names = telemetryNames.attributes;

/** The counters, histograms and circuit gauge of one bridge. */
export interface TelemetryInstruments {
  readonly requests: Counter;
  readonly rateLimited: Counter;
  readonly retries: Counter;
  /** Milliseconds. */
  readonly limiterWait: Histogram;
  /** Milliseconds. */
  readonly callDuration: Histogram;
  readonly failovers: Counter;
  /** Each provider's last circuit state, as the gauge reports it: 0 closed, 1 half-open, 2 open. */
  readonly circuits: Map<string, number>;
  /** Stops the gauge's observation (the counters and histograms need no undoing). */
  detach(): void;
}

/** Creates every instrument the bridge records on `meter`. */
export function createTelemetryInstruments(meter: Meter): TelemetryInstruments {
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
  return {
    requests,
    rateLimited,
    retries,
    limiterWait,
    callDuration,
    failovers,
    circuits,
    detach: () => circuitGauge.removeCallback(observeCircuits),
  };
}
