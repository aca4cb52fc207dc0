import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll, isBrokenCircuitError } from 'cockatiel';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { circuitOpenCode, countsAgainstCircuit, failureCode } from './failover-policy.js';

/** A provider circuit's state: `closed` (in use), `open` (skipped) or `half-open` (one probing call allowed). */
export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** When a provider is skipped, and when it is tried again. */
export interface BreakerSettings {
  /** Consecutive provider failures (not business errors) that open the circuit. @default 5 */
  readonly consecutiveFailures?: number | undefined;
  /** How long an open circuit skips the provider before one call probes it again (half-open). @default 30000 */
  readonly halfOpenAfterMs?: number | undefined;
}

export const defaultBreakerSettings = { consecutiveFailures: 5, halfOpenAfterMs: 30_000 } as const;

/** One provider's entry in `health()`. */
export interface ProviderHealth {
  readonly provider: string;
  /**
   * `open`: calls skip the provider. It stays `open` until the first call after the cool-down, which probes it
   * (`half-open`): success closes the circuit, a provider failure opens it again. See `probeAfter`.
   */
  readonly state: CircuitStateName;
  /** Provider failures since the last success. */
  readonly consecutiveFailures: number;
  /** The code of the last provider failure (`connection_failed`, `server_error`, …), when there was one. */
  readonly lastErrorCode?: string | undefined;
  /** When open: the ISO time from which the next call probes the provider. */
  readonly probeAfter?: string | undefined;
}

export interface ProviderCircuit {
  readonly provider: string;
  /**
   * Runs a call through the breaker. Open (or half-open with a probe in flight): throws `ProviderUnavailableError`
   * with code `circuit_open` without calling. Provider failures count; business errors count as answers (success).
   */
  execute<Result>(call: () => Promise<Result>): Promise<Result>;
  health(): ProviderHealth;
}

/** A circuit breaker for one provider: cockatiel's consecutive breaker, behind core's own small interface. */
export function createProviderCircuit(
  provider: string,
  settings: BreakerSettings = {},
  onStateChange: (state: CircuitStateName) => void = () => {},
): ProviderCircuit {
  const consecutiveFailures = settings.consecutiveFailures ?? defaultBreakerSettings.consecutiveFailures;
  const halfOpenAfterMs = settings.halfOpenAfterMs ?? defaultBreakerSettings.halfOpenAfterMs;
  const breaker = new ConsecutiveBreaker(consecutiveFailures);
  const policy = circuitBreaker(handleAll, { halfOpenAfter: halfOpenAfterMs, breaker });
  let lastErrorCode: string | undefined;
  let openedAt: number | undefined;

  policy.onStateChange((state) => {
    const name = stateName(state);
    openedAt = name === 'open' ? Date.now() : undefined;
    onStateChange(name);
  });

  // Skipped without a request: nothing can have happened, which the failover policy reads as for any other error.
  const skipped = () =>
    new ProviderUnavailableError(
      `${provider} skipped: its circuit breaker is open after ${consecutiveFailures} consecutive failures ` +
        `(last: ${lastErrorCode ?? 'unknown'})`,
      { code: circuitOpenCode, provider, outcome: 'not_sent' },
    );

  async function execute<Result>(call: () => Promise<Result>): Promise<Result> {
    // A probe is in flight: skip rather than queue behind it (cockatiel would make this call wait for the probe).
    if (policy.state === CircuitState.HalfOpen) throw skipped();
    let outcome: { readonly value: Result } | { readonly error: unknown };
    try {
      outcome = await policy.execute(async () => {
        try {
          return { value: await call() };
        } catch (error) {
          // Only provider failures reach the breaker; a business error is an answer, so it counts as a success.
          if (countsAgainstCircuit(error)) throw error;
          return { error };
        }
      });
    } catch (error) {
      if (isBrokenCircuitError(error)) throw skipped();
      lastErrorCode = failureCode(error);
      throw error;
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }

  return {
    provider,
    execute,
    health() {
      const state = stateName(policy.state);
      return {
        provider,
        state,
        consecutiveFailures: breaker.state,
        ...(lastErrorCode === undefined ? {} : { lastErrorCode }),
        ...(state === 'open' && openedAt !== undefined
          ? { probeAfter: new Date(openedAt + halfOpenAfterMs).toISOString() }
          : {}),
      };
    },
  };
}

function stateName(state: CircuitState): CircuitStateName {
  if (state === CircuitState.Closed) return 'closed';
  if (state === CircuitState.HalfOpen) return 'half-open';
  return 'open'; // Open, or Isolated (held open by hand)
}
