import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
} from '../errors/index.js';
import { errorFromResponse } from './error-from-response.js';
import { readTestProviderError } from './test-support/client-fixtures.js';

const base = { provider: 'acme', operation: 'cards.fund', headers: {}, readProviderError: readTestProviderError };
const body = (fields: Record<string, unknown>) => JSON.stringify(fields);

describe('errorFromResponse', () => {
  it('maps the documented insufficient_funds body to InsufficientFundsError with the request id', () => {
    const error = errorFromResponse({
      ...base,
      status: 400,
      body: body({
        error: 'insufficient_funds',
        message: 'Your wallet balance is too low to fund this card.',
        code: 400,
        request_id: 'req_7f8a9b2c3d4e',
      }),
    });
    expect(error).toBeInstanceOf(InsufficientFundsError);
    expect(error).toMatchObject({ code: 'insufficient_funds', status: 400, requestId: 'req_7f8a9b2c3d4e' });
    expect(error.provider).toBe('acme');
    expect(error.message).toBe(
      'acme cards.fund failed: Your wallet balance is too low to fund this card. (HTTP 400, insufficient_funds)',
    );
  });

  it("maps 400 and 422 to InvalidRequestError with the body's error as code, 409 to conflict", () => {
    const invalid = errorFromResponse({ ...base, status: 422, body: body({ error: 'invalid_amount', message: 'no' }) });
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(invalid.code).toBe('invalid_amount');
    expect(errorFromResponse({ ...base, status: 400, body: '' }).code).toBe('invalid_request');
    const conflict = errorFromResponse({ ...base, status: 409, body: '' });
    expect(conflict).toBeInstanceOf(InvalidRequestError);
    expect(conflict.code).toBe('conflict');
  });

  it('never turns free text from the body into a code', () => {
    const error = errorFromResponse({ ...base, status: 400, body: body({ error: 'Something Went Wrong!' }) });
    expect(error.code).toBe('invalid_request');
  });

  it('maps 401 and 403 to AuthenticationError and 404 to NotFoundError', () => {
    expect(errorFromResponse({ ...base, status: 401, body: '' })).toBeInstanceOf(AuthenticationError);
    expect(errorFromResponse({ ...base, status: 403, body: '' })).toBeInstanceOf(AuthenticationError);
    expect(errorFromResponse({ ...base, status: 404, body: '' })).toBeInstanceOf(NotFoundError);
  });

  it('maps 429 to RateLimitError carrying retryAfterMs', () => {
    const error = errorFromResponse({ ...base, status: 429, body: '', retryAfterMs: 2000 });
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(2000);
    expect(error.retryable).toBe(true);
  });

  it('maps 5xx to ProviderUnavailableError server_error with its status', () => {
    for (const status of [500, 502, 503, 504]) {
      const error = errorFromResponse({ ...base, status, body: '' });
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error).toMatchObject({ code: 'server_error', status });
    }
  });

  it('takes the request id from X-Request-Id when the body has none', () => {
    const error = errorFromResponse({ ...base, status: 404, body: '', headers: { 'x-request-id': 'req_header' } });
    expect(error.requestId).toBe('req_header');
  });

  it('builds the message from the status when the body is HTML, text or empty', () => {
    const html = errorFromResponse({ ...base, status: 502, body: '<html><body>Bad gateway</body></html>' });
    expect(html.message).toBe('acme cards.fund failed: HTTP 502 Bad Gateway');
    expect(errorFromResponse({ ...base, status: 404, body: 'nope' }).message).toBe(
      'acme cards.fund failed: HTTP 404 Not Found',
    );
  });

  it("redacts and shortens the provider's message", () => {
    const error = errorFromResponse({
      ...base,
      status: 400,
      body: body({
        error: 'bad_card',
        message: `card 4916531288472039 with key sk_live_abcdef rejected ${'x'.repeat(400)}`,
      }),
      secrets: ['sk_live_abcdef'],
    });
    expect(error.message).not.toContain('4916531288472039');
    expect(error.message).not.toContain('sk_live_abcdef');
    expect(error.message).toContain('•••• 2039');
    expect(error.message.length).toBeLessThan(400);
  });

  it('calls a status it cannot use (a redirect) an invalid response', () => {
    expect(errorFromResponse({ ...base, status: 302, body: '' })).toBeInstanceOf(ProviderResponseError);
  });
});
