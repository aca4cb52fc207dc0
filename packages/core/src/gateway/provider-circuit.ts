import type { CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker } from 'cockatiel';
import { ConfigError } from '../errors/config-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { withOutcome } from '../http/call-outcome.js';
import { redactText } from '../redaction/redact.js';
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
  let lastErrorCode: string | undefined;
  let openedAt: number | undefined;
  // cockatiel is loaded and the breaker built on the first call, not with the gateway: an import of core that never
  // calls through a gateway (an adapter's cold start, P6 in bench/) does not pay for it.
  let loaded: LoadedBreaker | undefined;
  let loading: Promise<LoadedBreaker> | undefined;
  const breakerReady = (): Promise<LoadedBreaker> => {
    loading ??= loadCockatiel().then(
      (library) => {
        const breaker = new library.ConsecutiveBreaker(consecutiveFailures);
        const policy = library.circuitBreaker(library.handleAll, { halfOpenAfter: halfOpenAfterMs, breaker });
        policy.onStateChange((state) => {
          const name = stateName(library, state);
          openedAt = name === 'open' ? Date.now() : undefined;
          onStateChange(name);
        });
        loaded = { library, breaker, policy };
        return loaded;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };

  // Skipped without a request: nothing can have happened, which the failover policy reads as for any other error.
  const skipped = () =>
    new ProviderUnavailableError(
      `${provider} skipped: its circuit breaker is open after ${consecutiveFailures} consecutive failures ` +
        `(last: ${lastErrorCode ?? 'unknown'})`,
      { code: circuitOpenCode, provider, outcome: 'not_sent' },
    );

  async function execute<Result>(call: () => Promise<Result>): Promise<Result> {
    // Once built, no extra await: a call after the first starts exactly as before.
    const { library, policy } = loaded ?? (await breakerReady());
    // A probe is in flight: skip rather than queue behind it (cockatiel would make this call wait for the probe).
    if (policy.state === library.CircuitState.HalfOpen) throw skipped();
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
      if (library.isBrokenCircuitError(error)) throw skipped();
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
      // Before the first call there is no breaker yet: closed, nothing counted.
      const state = loaded === undefined ? 'closed' : stateName(loaded.library, loaded.policy.state);
      return {
        provider,
        state,
        consecutiveFailures: loaded?.breaker.state ?? 0,
        ...(lastErrorCode === undefined ? {} : { lastErrorCode }),
        ...(state === 'open' && openedAt !== undefined
          ? { probeAfter: new Date(openedAt + halfOpenAfterMs).toISOString() }
          : {}),
      };
    },
  };
}

function stateName(library: Cockatiel, state: CircuitState): CircuitStateName {
  if (state === library.CircuitState.Closed) return 'closed';
  if (state === library.CircuitState.HalfOpen) return 'half-open';
  return 'open'; // Open, or Isolated (held open by hand)
}

type Cockatiel = typeof import('cockatiel');

/** A provider's breaker, once cockatiel is loaded. */
interface LoadedBreaker {
  readonly library: Cockatiel;
  readonly breaker: ConsecutiveBreaker;
  readonly policy: CircuitBreakerPolicy;
}

/** The one load of cockatiel in this process, shared by every circuit; retried after a failure. */
let cockatielLoading: Promise<Cockatiel> | undefined;

/**
 * cockatiel, imported on first use. A failure to load it (a broken installation) is a `ConfigError` whose outcome is
 * `not_sent`: the call was never made.
 */
function loadCockatiel(): Promise<Cockatiel> {
  cockatielLoading ??= import('cockatiel').catch((error: unknown) => {
    cockatielLoading = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw withOutcome(
      new ConfigError(`the circuit breaker library (cockatiel) could not be loaded: ${redactText(reason)}`),
      'not_sent',
    );
  });
  return cockatielLoading;
}
