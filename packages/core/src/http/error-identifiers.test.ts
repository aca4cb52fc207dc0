import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, ProviderResponseError } from '../errors/index.js';
import { registerExampleCredentialShapes } from '../redaction/test-support/example-credential-shapes.js';
import { errorFromResponse } from './error-from-response.js';
import { parseSuccessBody } from './response-parsing.js';
import { readTestProviderError } from './test-support/client-fixtures.js';

// As an adapter declares its credentials: these shapes stand for a provider's keys and another's seeds.
registerExampleCredentialShapes();

const seed = 'c4f4-6e88-036c-761c';
const apiKey = 'sk_live_9fK2mQ7xLp4vZ8abcd';
const pan = '4916531288472039';
const base = {
  provider: 'globex',
  operation: 'cards.fund',
  headers: {},
  readProviderError: readTestProviderError,
};
const printedForms = (error: Error) => [
  error.message,
  JSON.stringify(error),
  inspect(error, { depth: Number.POSITIVE_INFINITY }),
  String(error),
];

// Issue 15 point 5: `error.requestId` and `error.code` were copied from the provider unredacted; a seed starting with
// a–f (`c4f4-…`) even passed the code check and became the error's code.
describe('request ids and codes a provider echoes a credential or a card number in', () => {
  it.each([
    ['a seed as the error code', { error: seed, message: 'bad', request_id: 'req_7f8a9b2c3d4e' }],
    ['a seed without dashes as the error code', { error: 'c4f46e88036c761c', message: 'bad' }],
    ['an API key as the error code', { error: apiKey, message: 'bad' }],
    ['a seed as the request id', { error: 'invalid_request', message: 'bad', request_id: seed }],
    ['a key as the request id', { error: 'invalid_request', message: 'bad', request_id: apiKey }],
    ['a PAN as the request id', { error: 'invalid_request', message: 'bad', request_id: pan }],
    ['a header echo as the request id', { error: 'invalid_request', message: 'bad', request_id: `X-Seed: ${seed}` }],
  ])('%s never reaches the error', (_why, fields) => {
    const error = errorFromResponse({ ...base, status: 400, body: JSON.stringify(fields) });
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.code).toBe('invalid_request');
    for (const printed of printedForms(error)) {
      expect(printed).not.toContain(seed);
      expect(printed).not.toContain('c4f46e88036c761c');
      expect(printed).not.toContain(apiKey);
      expect(printed).not.toContain(pan);
    }
  });

  it('a request id from the X-Request-Id header is checked alike', () => {
    const error = errorFromResponse({ ...base, status: 500, body: '', headers: { 'x-request-id': seed } });
    expect(error.requestId).toBe('[redacted]');
  });

  it('a 2xx body that cannot be read: its request_id is checked too', () => {
    const schema = { safeParse: () => ({ success: false as const, error: { issues: [] } }) };
    let caught: unknown;
    try {
      parseSuccessBody(schema, JSON.stringify({ request_id: seed, id: 1 }), {
        provider: 'globex',
        operation: 'cards.get',
        status: 200,
        requestId: undefined,
      });
    } catch (error) {
      caught = error;
    }
    expect(ProviderResponseError.isInstance(caught)).toBe(true);
    expect((caught as ProviderResponseError).requestId).toBe('[redacted]');
  });

  it('documented request ids and codes stay as they are', () => {
    for (const [code, requestId] of [
      ['insufficient_funds', 'req_7f8a9b2c3d4e'],
      ['invalid_request', '550e8400-e29b-41d4-a716-446655440000'],
      ['card.not_found', 'req_bb0ade3fea54'],
      ['3ds_required', '01HF7YAT4K3B2Q8W6Z1X0C9V5N'],
    ]) {
      const error = errorFromResponse({
        ...base,
        status: 422,
        body: JSON.stringify({ error: code, message: 'no', request_id: requestId }),
      });
      expect(error.code).toBe(code === 'insufficient_funds' ? 'insufficient_funds' : code);
      expect(error.requestId).toBe(requestId);
    }
  });
});
