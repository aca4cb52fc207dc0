import { gatewayChannel, logChannel, publishDiagnostic } from '../diagnostics/diagnostics-channels.js';
import type { Logger } from '../http/types.js';
import type { FailoverEvent } from './failover-call.js';
import { failureCode } from './failover-policy.js';
import type { CircuitStateName } from './provider-circuit.js';

/** What the composite reports, each to its hooks, its logger (`warn`) and the `cardgw:gateway` / `cardgw:log` channels. */
export interface FailoverReporting {
  readonly warn: (object: Record<string, unknown>, message: string) => void;
  readonly circuitChanged: (provider: string, state: CircuitStateName) => void;
  readonly failedOver: (event: FailoverEvent) => void;
}

/** The composite's reporting; a hook that throws is logged at `error` and otherwise ignored. */
export function createFailoverReporting(
  hooks: {
    readonly onFailover?: ((event: FailoverEvent) => void) | undefined;
    readonly onCircuitChange?: ((event: { provider: string; state: CircuitStateName }) => void) | undefined;
  },
  logger: Logger | undefined,
): FailoverReporting {
  function log(level: 'warn' | 'error', object: Record<string, unknown>, message: string): void {
    publishDiagnostic(logChannel, () => ({ level, object, message }));
    logger?.[level]?.(object, message);
  }

  function notify(emit: () => void): void {
    try {
      emit();
    } catch (error) {
      log('error', { error: failureCode(error) }, 'a failover hook threw; ignored');
    }
  }

  return {
    warn: (object, message) => log('warn', object, message),
    circuitChanged(provider, state) {
      log('warn', { provider, state }, `circuit breaker of ${provider} is ${state}`);
      publishDiagnostic(gatewayChannel, () => ({ type: 'circuit-change' as const, event: { provider, state } }));
      notify(() => hooks.onCircuitChange?.({ provider, state }));
    },
    failedOver(event) {
      log('warn', { ...event }, `${event.operation} moved from ${event.from} to ${event.to} (${event.reason})`);
      publishDiagnostic(gatewayChannel, () => ({ type: 'failover' as const, event }));
      notify(() => hooks.onFailover?.(event));
    },
  };
}
