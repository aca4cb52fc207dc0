import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfigError as ConfigErrorClass } from '../errors/config-error.js';
import type { outcomeOf as outcomeOfFunction } from '../http/call-outcome.js';
import type { createProviderCircuit as createProviderCircuitFunction } from './provider-circuit.js';

// cockatiel is loaded by a circuit's first call, not by importing core or building a gateway (cold start, P6 in
// bench/). Each test imports the circuit afresh (vi.resetModules) with cockatiel mocked to count or to fail its loads.

interface FreshCircuit {
  readonly createProviderCircuit: typeof createProviderCircuitFunction;
  readonly ConfigError: typeof ConfigErrorClass;
  readonly outcomeOf: typeof outcomeOfFunction;
}

async function freshCircuit(): Promise<FreshCircuit> {
  const { createProviderCircuit } = await import('./provider-circuit.js');
  const { ConfigError } = await import('../errors/config-error.js');
  const { outcomeOf } = await import('../http/call-outcome.js');
  return { createProviderCircuit, ConfigError, outcomeOf };
}

beforeEach(() => {
  vi.resetModules();
});

afterEach(() => {
  vi.doUnmock('cockatiel');
  vi.resetModules();
});

describe('the circuit breaker library is loaded on the first call', () => {
  it('is not loaded by creating circuits; the first calls load it once, and the breaker counts from there', async () => {
    let loads = 0;
    vi.doMock('cockatiel', async (importOriginal) => {
      loads++;
      return await importOriginal();
    });
    const { createProviderCircuit } = await freshCircuit();
    const alpha = createProviderCircuit('alpha', { consecutiveFailures: 2 });
    const beta = createProviderCircuit('beta');
    expect(loads).toBe(0);
    expect(alpha.health()).toEqual({ provider: 'alpha', state: 'closed', consecutiveFailures: 0 });

    const answers = await Promise.all([alpha.execute(async () => 'a'), beta.execute(async () => 'b')]);
    expect(answers).toEqual(['a', 'b']);
    expect(loads).toBe(1);

    // The breaker built on the first call is the one that counts and opens.
    const { ProviderUnavailableError } = await import('../errors/provider-unavailable-error.js');
    const down = () => Promise.reject(new ProviderUnavailableError('down', { code: 'connection_failed' }));
    await expect(alpha.execute(down)).rejects.toMatchObject({ code: 'connection_failed' });
    await expect(alpha.execute(down)).rejects.toMatchObject({ code: 'connection_failed' });
    expect(alpha.health()).toMatchObject({ state: 'open', consecutiveFailures: 2 });
    await expect(alpha.execute(async () => 'never')).rejects.toMatchObject({ code: 'circuit_open' });
  });

  it('a failure to load it is a ConfigError whose outcome is not_sent, and the call is not made', async () => {
    vi.doMock('cockatiel', () => {
      throw new Error("Cannot find package 'cockatiel' imported from /srv/app/node_modules/@cardgw/core/dist/gateway");
    });
    const { createProviderCircuit, ConfigError, outcomeOf } = await freshCircuit();
    const circuit = createProviderCircuit('alpha');
    const call = vi.fn(async () => 'answer');

    const failure = await circuit.execute(call).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure).not.toBeInstanceOf(TypeError);
    expect((failure as Error).message).toMatch(/the circuit breaker library \(cockatiel\) could not be loaded/);
    expect(outcomeOf(failure)).toBe('not_sent');
    expect(call).not.toHaveBeenCalled();
    expect(circuit.health()).toEqual({ provider: 'alpha', state: 'closed', consecutiveFailures: 0 });
  });
});
