import { describe, expect, it } from 'vitest';
import {
  type AttemptFailure,
  callOutcome,
  classifyTransportError,
  isCertificateError,
  isRetryable,
  mayHaveActed,
  settlesEarlierAttempts,
} from './classify-failure.js';

const notConnected = { connected: false, requestSent: false };
const connected = { connected: true, requestSent: false };
const sent = { connected: true, requestSent: true };
/** A status answered in the provider's documented error body. */
const status = (code: number): AttemptFailure => ({ kind: 'response', status: code, refusal: true });
/** A status answered with another body: an intermediary's page (HTML, text, its own JSON). */
const page = (code: number): AttemptFailure => ({ kind: 'response', status: code, refusal: false });

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

  it('calls a reset or hang-up after the whole request was written connection_reset', () => {
    expect(classifyTransportError('ECONNRESET', sent, undefined)).toEqual({ kind: 'connection_reset' });
    expect(classifyTransportError('EPIPE', sent, undefined)).toEqual({ kind: 'connection_reset' });
    expect(classifyTransportError(undefined, sent, undefined)).toEqual({ kind: 'connection_reset' });
  });

  it('does not call a connect-type code on a socket that already carried the request connection_failed', () => {
    expect(classifyTransportError('EHOSTUNREACH', sent, undefined)).toEqual({ kind: 'connection_reset' });
    expect(classifyTransportError('ENETUNREACH', sent, undefined)).toEqual({ kind: 'connection_reset' });
    expect(classifyTransportError('EHOSTUNREACH', connected, undefined)).toEqual({ kind: 'connection_failed' });
  });

  it('calls a reset before the request was written connection_failed: the provider cannot act on half a request', () => {
    expect(classifyTransportError('ECONNRESET', connected, undefined)).toEqual({ kind: 'connection_failed' });
    expect(classifyTransportError('EPIPE', connected, undefined)).toEqual({ kind: 'connection_failed' });
  });

  it('calls a refused TLS certificate certificate_rejected, whenever it surfaces', () => {
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'CERT_HAS_EXPIRED',
      'CERT_NOT_YET_VALID',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'ERR_SSL_WRONG_VERSION_NUMBER',
    ]) {
      expect(isCertificateError(code)).toBe(true);
      expect(classifyTransportError(code, notConnected, undefined)).toEqual({ kind: 'certificate_rejected' });
      expect(classifyTransportError(code, connected, undefined)).toEqual({ kind: 'certificate_rejected' });
    }
    // A handshake that took too long is about the network, not the certificate: retried like a connect failure.
    expect(isCertificateError('ERR_TLS_HANDSHAKE_TIMEOUT')).toBe(false);
    expect(classifyTransportError('ERR_TLS_HANDSHAKE_TIMEOUT', notConnected, undefined)).toEqual({
      kind: 'connection_failed',
    });
    expect(isCertificateError('ECONNRESET')).toBe(false);
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
    expect(classifyTransportError('ECONNRESET', sent, 'closed')).toEqual({ kind: 'closed', requestSent: true });
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

  it('never retries 4xx answers, unreadable bodies, a refused certificate, the deadline, an abort, a close or the limiter', () => {
    const final: AttemptFailure[] = [
      ...[400, 401, 403, 404, 408, 409, 422, 501].map(status),
      { kind: 'invalid_response' },
      { kind: 'certificate_rejected' },
      { kind: 'deadline', requestSent: true },
      { kind: 'aborted', requestSent: false },
      { kind: 'closed', requestSent: false },
      { kind: 'rejected' },
    ];
    for (const failure of final) expect(isRetryable(failure)).toBe(false);
  });
});

describe('mayHaveActed and settlesEarlierAttempts', () => {
  it('counts resets, 500/502/504, unreadable 2xx bodies and sent requests cut short as possibly acted on', () => {
    for (const failure of [
      { kind: 'connection_reset' },
      status(500),
      status(502),
      status(503),
      page(503),
      status(504),
      // A refusal on a status that cannot prove one: a reader's `refusal` is honoured on a 4xx only.
      { kind: 'response', status: 302, refusal: true },
      // A documented status without the provider's error body: a proxy's or WAF's page, maybe after the commit.
      page(400),
      page(401),
      page(404),
      page(429),
      { kind: 'invalid_response' },
      { kind: 'attempt_timeout', requestSent: true },
      { kind: 'deadline', requestSent: true },
      { kind: 'closed', requestSent: true },
    ] as AttemptFailure[]) {
      expect(mayHaveActed(failure)).toBe(true);
    }
  });

  it("counts connection failures, refused certificates, the provider's documented refusals and unsent requests as having done nothing", () => {
    for (const failure of [
      { kind: 'connection_failed' },
      { kind: 'certificate_rejected' },
      status(400),
      status(401),
      status(404),
      status(429),
      { kind: 'attempt_timeout', requestSent: false },
      { kind: 'deadline', requestSent: false },
      { kind: 'closed', requestSent: false },
      { kind: 'rejected' },
    ] as AttemptFailure[]) {
      expect(mayHaveActed(failure)).toBe(false);
    }
  });

  it("takes only the provider's refusal of the request itself (400, 404) as settling an earlier attempt", () => {
    for (const code of [400, 404]) expect(settlesEarlierAttempts(status(code))).toBe(true);
    for (const code of [401, 403, 408, 409, 422, 429, 500, 503]) {
      expect(settlesEarlierAttempts(status(code))).toBe(false);
    }
    for (const code of [400, 404]) expect(settlesEarlierAttempts(page(code))).toBe(false);
    expect(settlesEarlierAttempts({ kind: 'invalid_response' })).toBe(false);
    expect(settlesEarlierAttempts({ kind: 'connection_failed' })).toBe(false);
  });
});

describe('callOutcome', () => {
  it('is unknown when the last failure may have acted', () => {
    expect(callOutcome(status(500), [status(500)])).toBe('unknown');
    expect(callOutcome({ kind: 'connection_reset' }, [{ kind: 'connection_reset' }])).toBe('unknown');
    expect(callOutcome({ kind: 'invalid_response' }, [{ kind: 'invalid_response' }])).toBe('unknown');
  });

  it('stays unknown when an earlier attempt may have acted and the last one proves nothing', () => {
    const failures: AttemptFailure[] = [status(502), { kind: 'connection_failed' }];
    expect(callOutcome({ kind: 'connection_failed' }, failures)).toBe('unknown');
    expect(callOutcome(status(503), [status(500), status(503)])).toBe('unknown');
  });

  it.each([401, 403, 408, 409, 429])('stays unknown when a 500 or a reset was followed by %i', (code) => {
    expect(callOutcome(status(code), [status(500), status(code)])).toBe('unknown');
    expect(callOutcome(status(code), [{ kind: 'connection_reset' }, status(code)])).toBe('unknown');
  });

  it('is settled by a refusal of the request itself after an ambiguous attempt', () => {
    for (const code of [400, 404]) expect(callOutcome(status(code), [status(500), status(code)])).toBe('settled');
  });

  it.each([500, 502, 503, 504])('is unknown after a %i, with or without the provider error body', (code) => {
    expect(callOutcome(status(code), [status(code)])).toBe('unknown');
    expect(callOutcome(page(code), [page(code), page(code), page(code)])).toBe('unknown');
  });

  it("is unknown after an intermediary's page, whatever its status", () => {
    for (const code of [400, 401, 403, 404, 429, 502]) expect(callOutcome(page(code), [page(code)])).toBe('unknown');
  });

  it('is settled when the provider answered and no attempt can have acted', () => {
    expect(callOutcome(status(401), [status(401)])).toBe('settled');
    expect(callOutcome(status(429), [status(429), status(429)])).toBe('settled');
    expect(callOutcome(status(401), [{ kind: 'connection_failed' }, status(401)])).toBe('settled');
  });

  it('is not_sent when nothing the provider could act on reached it', () => {
    expect(callOutcome({ kind: 'connection_failed' }, [{ kind: 'connection_failed' }])).toBe('not_sent');
    expect(callOutcome({ kind: 'certificate_rejected' }, [{ kind: 'certificate_rejected' }])).toBe('not_sent');
    expect(callOutcome({ kind: 'rejected' }, [{ kind: 'rejected' }])).toBe('not_sent');
    expect(callOutcome({ kind: 'deadline', requestSent: false }, [])).toBe('not_sent');
    expect(callOutcome({ kind: 'closed', requestSent: false }, [status(429)])).toBe('not_sent');
  });
});
