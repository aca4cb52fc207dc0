import { describe, expect, it } from 'vitest';
import {
  type AttemptFailure,
  classifyTransportError,
  isAmbiguousOutcome,
  isRetryable,
  mayHaveActed,
  settlesOutcome,
} from './classify-failure.js';

const notConnected = { connected: false, requestSent: false };
const connected = { connected: true, requestSent: false };
const sent = { connected: true, requestSent: true };
const status = (code: number): AttemptFailure => ({ kind: 'response', status: code });

describe('classifyTransportError', () => {
  it('calls every failure before the socket connected connection_failed, whatever the code', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'ECONNRESET', undefined]) {
      expect(classifyTransportError(code, notConnected, undefined)).toEqual({ kind: 'connection_failed' });
    }
    // A connect that our attempt timer cut short: nothing was sent.
    expect(classifyTransportError('ERR_CANCELED', notConnected, 'attempt_timeout')).toEqual({
      kind: 'connection_failed',
    });
  });

  it('calls a reset or hang-up after connecting connection_reset', () => {
    expect(classifyTransportError('ECONNRESET', sent, undefined)).toEqual({ kind: 'connection_reset' });
    expect(classifyTransportError('EPIPE', connected, undefined)).toEqual({ kind: 'connection_reset' });
  });

  it('tells the attempt timeout, the deadline and the caller abort apart, remembering whether the request was sent', () => {
    expect(classifyTransportError('ERR_CANCELED', sent, 'attempt_timeout')).toEqual({
      kind: 'attempt_timeout',
      requestSent: true,
    });
    expect(classifyTransportError('ECONNABORTED', connected, undefined)).toEqual({
      kind: 'attempt_timeout',
      requestSent: false,
    });
    expect(classifyTransportError('ETIMEDOUT', sent, undefined)).toEqual({
      kind: 'attempt_timeout',
      requestSent: true,
    });
    expect(classifyTransportError('ERR_CANCELED', sent, 'deadline')).toEqual({ kind: 'deadline', requestSent: true });
    expect(classifyTransportError('ERR_CANCELED', notConnected, 'aborted')).toEqual({
      kind: 'aborted',
      requestSent: false,
    });
  });
});

describe('isRetryable', () => {
  it('retries network failures, attempt timeouts and 429/500/502/503/504', () => {
    const retried: AttemptFailure[] = [
      { kind: 'connection_failed' },
      { kind: 'connection_reset' },
      { kind: 'attempt_timeout', requestSent: true },
      ...[429, 500, 502, 503, 504].map(status),
    ];
    for (const failure of retried) expect(isRetryable(failure)).toBe(true);
  });

  it('never retries 4xx answers, unreadable bodies, the deadline, an abort or a refusal by the limiter', () => {
    const final: AttemptFailure[] = [
      ...[400, 401, 403, 404, 409, 422, 501].map(status),
      { kind: 'invalid_response' },
      { kind: 'deadline', requestSent: true },
      { kind: 'aborted', requestSent: false },
      { kind: 'rejected' },
    ];
    for (const failure of final) expect(isRetryable(failure)).toBe(false);
  });
});

describe('mayHaveActed and settlesOutcome', () => {
  it('counts resets, 500/502/504 and sent requests cut short as possibly acted on', () => {
    for (const failure of [
      { kind: 'connection_reset' },
      status(500),
      status(502),
      status(504),
      { kind: 'attempt_timeout', requestSent: true },
      { kind: 'deadline', requestSent: true },
    ] as AttemptFailure[]) {
      expect(mayHaveActed(failure)).toBe(true);
    }
  });

  it('counts connection failures, 503, 429 and unsent requests as having done nothing', () => {
    for (const failure of [
      { kind: 'connection_failed' },
      status(503),
      status(429),
      { kind: 'attempt_timeout', requestSent: false },
      { kind: 'deadline', requestSent: false },
      { kind: 'rejected' },
    ] as AttemptFailure[]) {
      expect(mayHaveActed(failure)).toBe(false);
    }
  });

  it('takes a 4xx (bar 429) or an unreadable 2xx as the provider settling the outcome', () => {
    expect(settlesOutcome(status(400))).toBe(true);
    expect(settlesOutcome(status(409))).toBe(true);
    expect(settlesOutcome({ kind: 'invalid_response' })).toBe(true);
    expect(settlesOutcome(status(429))).toBe(false);
    expect(settlesOutcome(status(500))).toBe(false);
    expect(settlesOutcome({ kind: 'connection_failed' })).toBe(false);
  });
});

describe('isAmbiguousOutcome', () => {
  it('is ambiguous for a mutating call ending on a failure that may have acted', () => {
    expect(isAmbiguousOutcome(true, status(500), [status(500)])).toBe(true);
    expect(isAmbiguousOutcome(true, { kind: 'connection_reset' }, [{ kind: 'connection_reset' }])).toBe(true);
  });

  it('stays ambiguous when an earlier attempt may have acted and the last one proves nothing', () => {
    const failures: AttemptFailure[] = [status(502), { kind: 'connection_failed' }];
    expect(isAmbiguousOutcome(true, { kind: 'connection_failed' }, failures)).toBe(true);
    expect(isAmbiguousOutcome(true, status(503), [status(500), status(503)])).toBe(true);
  });

  it('is not ambiguous when nothing can have happened, when the provider settled it, or for a GET', () => {
    expect(isAmbiguousOutcome(true, { kind: 'connection_failed' }, [{ kind: 'connection_failed' }])).toBe(false);
    expect(isAmbiguousOutcome(true, status(503), [status(503), status(503)])).toBe(false);
    expect(isAmbiguousOutcome(true, status(400), [status(500), status(400)])).toBe(false);
    expect(isAmbiguousOutcome(false, status(500), [status(500)])).toBe(false);
  });
});
