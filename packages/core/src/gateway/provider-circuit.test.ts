import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InsufficientFundsError, ProviderUnavailableError, RateLimitError } from '../errors/index.js';
import { type CircuitStateName, createProviderCircuit } from './provider-circuit.js';

const down = () => Promise.reject(new ProviderUnavailableError('down', { code: 'connection_failed' }));

describe('createProviderCircuit', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens after the configured consecutive provider failures and then skips without calling', async () => {
    const changes: CircuitStateName[] = [];
    const circuit = createProviderCircuit('alpha', { consecutiveFailures: 2, halfOpenAfterMs: 1000 }, (state) =>
      changes.push(state),
    );
    await expect(circuit.execute(down)).rejects.toMatchObject({ code: 'connection_failed' });
    expect(circuit.health()).toMatchObject({
      state: 'closed',
      consecutiveFailures: 1,
      lastErrorCode: 'connection_failed',
    });
    await expect(circuit.execute(down)).rejects.toMatchObject({ code: 'connection_failed' });
    expect(changes).toEqual(['open']);
    expect(circuit.health()).toEqual({
      provider: 'alpha',
      state: 'open',
      consecutiveFailures: 2,
      lastErrorCode: 'connection_failed',
      probeAfter: '2026-01-01T00:00:01.000Z',
    });

    const call = vi.fn(async () => 'answer');
    const skipped = await circuit.execute(call).catch((error: unknown) => error);
    expect(ProviderUnavailableError.isInstance(skipped)).toBe(true);
    expect(skipped).toMatchObject({ code: 'circuit_open', provider: 'alpha' });
    expect(call).not.toHaveBeenCalled();
  });

  it('probes once the cool-down has passed and closes on success', async () => {
    const changes: CircuitStateName[] = [];
    const circuit = createProviderCircuit('alpha', { consecutiveFailures: 1, halfOpenAfterMs: 1000 }, (state) =>
      changes.push(state),
    );
    await expect(circuit.execute(down)).rejects.toThrow('down');
    vi.advanceTimersByTime(999);
    await expect(circuit.execute(async () => 'early')).rejects.toMatchObject({ code: 'circuit_open' });
    vi.advanceTimersByTime(1);
    await expect(circuit.execute(async () => 'probe')).resolves.toBe('probe');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
    expect(circuit.health()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('opens again when the probe fails', async () => {
    const changes: CircuitStateName[] = [];
    const circuit = createProviderCircuit('alpha', { consecutiveFailures: 1, halfOpenAfterMs: 1000 }, (state) =>
      changes.push(state),
    );
    await expect(circuit.execute(down)).rejects.toThrow('down');
    vi.advanceTimersByTime(1000);
    await expect(circuit.execute(down)).rejects.toMatchObject({ code: 'connection_failed' });
    expect(changes).toEqual(['open', 'half-open', 'open']);
    await expect(circuit.execute(async () => 'x')).rejects.toMatchObject({ code: 'circuit_open' });
  });

  it('skips other calls while a probe is in flight instead of queueing them behind it', async () => {
    const circuit = createProviderCircuit('alpha', { consecutiveFailures: 1, halfOpenAfterMs: 10 });
    await expect(circuit.execute(down)).rejects.toThrow('down');
    vi.advanceTimersByTime(10);
    let finishProbe: (value: string) => void = () => {};
    const probe = circuit.execute(() => new Promise<string>((resolve) => (finishProbe = resolve)));
    expect(circuit.health().state).toBe('half-open');
    await expect(circuit.execute(async () => 'other')).rejects.toMatchObject({ code: 'circuit_open' });
    finishProbe('probe');
    await expect(probe).resolves.toBe('probe');
    expect(circuit.health().state).toBe('closed');
  });

  it('counts a business error as an answer: it resets the count and never opens the circuit', async () => {
    const circuit = createProviderCircuit('alpha', { consecutiveFailures: 2 });
    await expect(circuit.execute(down)).rejects.toThrow('down');
    const business = new InsufficientFundsError('short');
    await expect(circuit.execute(() => Promise.reject(business))).rejects.toBe(business);
    expect(circuit.health().consecutiveFailures).toBe(0);
    for (let index = 0; index < 5; index++) {
      await expect(circuit.execute(() => Promise.reject(new RateLimitError('429')))).rejects.toThrow('429');
    }
    expect(circuit.health().state).toBe('closed');
  });

  it('defaults to 5 consecutive failures', async () => {
    const circuit = createProviderCircuit('alpha');
    for (let index = 0; index < 4; index++) await expect(circuit.execute(down)).rejects.toThrow('down');
    expect(circuit.health().state).toBe('closed');
    await expect(circuit.execute(down)).rejects.toThrow('down');
    expect(circuit.health().state).toBe('open');
  });
});
