import type { GatewayDiagnostic } from '../diagnostics/diagnostics-channels.js';
import type { CircuitChangeEvent, FailoverEvent } from '../gateway/failover-issuer.js';
import type { TelemetryInstruments } from './telemetry-instruments.js';
import { telemetryNames } from './telemetry-names.js';

// What the failover gateway reports, turned into metrics: a counter of calls moved between providers, and each
// provider's circuit state for the observed gauge. Gateway events carry no call context, so they make no spans.

const names = telemetryNames.attributes;
const circuitValues: Readonly<Record<string, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** A subscriber for the gateway diagnostics channel, recording on `instruments`. */
export function createGatewayListener(instruments: TelemetryInstruments): (message: unknown) => void {
  return (message: unknown) => {
    const { type, event } = message as GatewayDiagnostic;
    if (type === 'failover') {
      const failover = event as FailoverEvent;
      instruments.failovers.add(1, {
        [names.operation]: failover.operation,
        [names.failoverFrom]: failover.from,
        [names.failoverTo]: failover.to,
        [names.failoverReason]: failover.reason,
      });
    } else if (type === 'circuit-change') {
      const change = event as CircuitChangeEvent;
      instruments.circuits.set(change.provider, circuitValues[change.state] ?? 0);
    }
  };
}
