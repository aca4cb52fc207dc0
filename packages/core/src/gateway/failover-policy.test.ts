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
import { type CallOutcome, withOutcome } from '../http/call-outcome.js';
import { classifyFailure, countsAgainstCircuit, type FailureDisposition } from './failover-policy.js';

const unavailable = (code: string, status?: number) => new ProviderUnavailableError('down', { code, status });
/** An error as the HTTP pipeline throws it: with its verdict on what happened at the provider. */
const piped = <Value extends object>(error: Value, outcome: CallOutcome) => withOutcome(error, outcome);
const ambiguous = (cause: unknown) =>
  piped(new AmbiguousOutcomeError('?', { operation: 'cards.create', idempotencyKey: 'k', cause }), 'unknown');

// [failure, read, mutating, criteria create, counts against the circuit]
const table: readonly [string, unknown, FailureDisposition, FailureDisposition, FailureDisposition, boolean][] = [
  // Nothing left the process, or nothing reached the provider: any call moves.
  ['connection refused', piped(unavailable('connection_failed'), 'not_sent'), 'move', 'move', 'move', true],
  ['TLS certificate refused', piped(unavailable('connection_failed'), 'not_sent'), 'move', 'move', 'move', true],
  ['circuit open', piped(unavailable('circuit_open'), 'not_sent'), 'move', 'move', 'move', false],
  ['deadline spent in the limiter', piped(new TimeoutError('late'), 'not_sent'), 'move', 'move', 'move', false],
  [
    'Redis limiter unavailable (fail-closed)',
    piped(unavailable('rate_limiter_unavailable'), 'not_sent'),
    'move',
    'move',
    'move',
    false,
  ],
  ['limiter failed', piped(unavailable('rate_limiter_failed'), 'not_sent'), 'move', 'move', 'move', false],
  ['client closed', piped(unavailable('client_closed'), 'not_sent'), 'move', 'move', 'move', false],
  ['local limiter past the deadline', piped(new RateLimitError('slow'), 'not_sent'), 'move', 'move', 'move', false],
  // Settled refusals: the provider's documented 401 and 429, answered before any work.
  ['401', piped(new AuthenticationError('no', { status: 401 }), 'settled'), 'move', 'move', 'move', true],
  ['429', piped(new RateLimitError('slow', { status: 429 }), 'settled'), 'move', 'move', 'move', false],
  ['unsupported', new UnsupportedOperationError('no', { operation: 'wallet.deposits' }), 'move', 'move', 'move', false],
  // A request may have been acted on: the pipeline said so with AmbiguousOutcomeError.
  ['ambiguous outcome', ambiguous(unavailable('server_error', 500)), 'move', 'ambiguous', 'ambiguous', true],
  // A 503 (a proxy's, maybe after the provider committed) and an undocumented 403 prove nothing.
  ['503', ambiguous(unavailable('server_error', 503)), 'move', 'ambiguous', 'ambiguous', true],
  ['403', ambiguous(new AuthenticationError('no', { status: 403 })), 'move', 'ambiguous', 'ambiguous', true],
  ['a read answered 503', piped(unavailable('server_error', 503), 'unknown'), 'move', 'final', 'final', true],
  ['ambiguous unreadable 2xx', ambiguous(new ProviderResponseError('garbled')), 'move', 'ambiguous', 'ambiguous', true],
  ['a read reset mid-response', piped(unavailable('connection_reset'), 'unknown'), 'move', 'final', 'final', true],
  ['a read timed out', piped(new TimeoutError('late'), 'unknown'), 'move', 'final', 'final', true],
  ['a read got an unreadable 2xx', piped(new ProviderResponseError('x'), 'unknown'), 'move', 'final', 'final', true],
  ['501 answered', piped(unavailable('server_error', 501), 'settled'), 'move', 'final', 'final', true],
  // Not stamped (the in-memory issuer, a third-party adapter): only what the error itself means.
  ['unstamped connection refused', unavailable('connection_failed'), 'move', 'move', 'move', true],
  ['unstamped 503', unavailable('server_error', 503), 'move', 'final', 'final', true],
  ['unstamped 401', new AuthenticationError('no', { status: 401 }), 'move', 'move', 'move', true],
  ['unstamped 429', new RateLimitError('slow', { status: 429 }), 'move', 'move', 'move', false],
  ['unstamped reset', unavailable('connection_reset'), 'move', 'final', 'final', true],
  ['unstamped 500', unavailable('server_error', 500), 'move', 'final', 'final', true],
  ['unstamped deadline', new TimeoutError('late'), 'move', 'final', 'final', true],
  ['unstamped unreadable response', new ProviderResponseError('garbled'), 'move', 'final', 'final', true],
  // Answers and the caller's own abort.
  ['caller abort', new TimeoutError('aborted', { code: 'aborted' }), 'final', 'final', 'final', false],
  [
    'caller abort after sending',
    piped(new TimeoutError('aborted', { code: 'aborted' }), 'unknown'),
    'final',
    'final',
    'final',
    false,
  ],
  ['not found', piped(new NotFoundError('gone', { status: 404 }), 'settled'), 'final', 'final', 'move', false],
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

  it("reads the pipeline's verdict, not the error's class: the same class moves or stays by its outcome", () => {
    const limiterDeadline = piped(new TimeoutError('deadline while waiting on the limiter'), 'not_sent');
    const wireDeadline = piped(new TimeoutError('deadline with a request on the wire'), 'unknown');
    expect(classifyFailure(limiterDeadline, { mutating: true })).toBe('move');
    expect(classifyFailure(wireDeadline, { mutating: true })).toBe('final');
    expect(countsAgainstCircuit(limiterDeadline)).toBe(false);
    expect(countsAgainstCircuit(wireDeadline)).toBe(true);
  });
});
