import { describe, expect, it } from 'vitest';
import {
  AmbiguousOutcomeError,
  AuthenticationError,
  ConfigError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  UnsupportedOperationError,
} from '../errors/index.js';
import {
  classifyFailure,
  countsAgainstCircuit,
  type FailureDisposition,
  toAmbiguousOutcome,
} from './failover-policy.js';

const unavailable = (code: string, status?: number) => new ProviderUnavailableError('down', { code, status });

// [failure, read, mutating, criteria create, counts against the circuit]
const table: readonly [string, unknown, FailureDisposition, FailureDisposition, FailureDisposition, boolean][] = [
  ['connection refused', unavailable('connection_failed'), 'move', 'move', 'move', true],
  ['circuit open', unavailable('circuit_open'), 'move', 'move', 'move', false],
  ['503', unavailable('server_error', 503), 'move', 'move', 'move', true],
  ['401', new AuthenticationError('no', { status: 401 }), 'move', 'move', 'move', true],
  ['403', new AuthenticationError('no', { status: 403 }), 'move', 'move', 'move', true],
  ['429', new RateLimitError('slow', { status: 429 }), 'move', 'move', 'move', false],
  ['local limiter', new RateLimitError('slow'), 'move', 'move', 'move', false],
  ['unsupported', new UnsupportedOperationError('no', { operation: 'wallet.deposits' }), 'move', 'move', 'move', false],
  ['reset', unavailable('connection_reset'), 'move', 'ambiguous', 'ambiguous', true],
  ['500', unavailable('server_error', 500), 'move', 'ambiguous', 'ambiguous', true],
  ['502', unavailable('server_error', 502), 'move', 'ambiguous', 'ambiguous', true],
  ['504', unavailable('server_error', 504), 'move', 'ambiguous', 'ambiguous', true],
  ['deadline', new TimeoutError('late'), 'move', 'ambiguous', 'ambiguous', true],
  [
    'ambiguous outcome',
    new AmbiguousOutcomeError('?', { operation: 'cards.create', idempotencyKey: 'k' }),
    'move',
    'ambiguous',
    'ambiguous',
    true,
  ],
  ['unreadable response', new ProviderResponseError('garbled'), 'move', 'ambiguous', 'ambiguous', true],
  ['caller abort', new TimeoutError('aborted', { code: 'aborted' }), 'final', 'final', 'final', false],
  ['not found', new NotFoundError('gone', { status: 404 }), 'final', 'final', 'move', false],
  ['invalid request', new InvalidRequestError('bad', { status: 400 }), 'final', 'final', 'final', false],
  ['insufficient funds', new InsufficientFundsError('short'), 'final', 'final', 'final', false],
  ['config', new ConfigError('bad'), 'final', 'final', 'final', false],
  ['a bug', new TypeError('x is undefined'), 'final', 'final', 'final', false],
];

describe('classifyFailure (the "nothing can have happened" rule)', () => {
  it.each(table)('%s: read → %s, mutating → %s, criteria create → %s', (_name, error, read, mutating, criteria) => {
    expect(classifyFailure(error, { mutating: false })).toBe(read);
    expect(classifyFailure(error, { mutating: true })).toBe(mutating);
    expect(classifyFailure(error, { mutating: true, byBinCriteria: true })).toBe(criteria);
  });

  it.each(table)('%s counts against the circuit: %s', (_name, error, _read, _mutating, _criteria, counts) => {
    expect(countsAgainstCircuit(error)).toBe(counts);
  });
});

describe('toAmbiguousOutcome', () => {
  it('wraps an ambiguous failure with the provider, operation and idempotency key', () => {
    const cause = new ProviderUnavailableError('reset', { code: 'connection_reset', requestId: 'req_1' });
    const error = toAmbiguousOutcome(cause, { provider: 'alpha', operation: 'cards.create', idempotencyKey: 'key-1' });
    expect(AmbiguousOutcomeError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'alpha', operation: 'cards.create', idempotencyKey: 'key-1' });
    expect(error.requestId).toBe('req_1');
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('key-1');
  });

  it("keeps the pipeline's own AmbiguousOutcomeError as it is", () => {
    const original = new AmbiguousOutcomeError('?', { operation: 'cards.fund', idempotencyKey: 'k', provider: 'beta' });
    expect(toAmbiguousOutcome(original, { provider: 'beta', operation: 'cards.fund', idempotencyKey: 'k' })).toBe(
      original,
    );
  });
});
