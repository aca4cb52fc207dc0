import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AmbiguousOutcomeError,
  AuthenticationError,
  CardGatewayError,
  ConfigError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  ProviderUnavailableError,
  RateLimitError,
} from '../errors/index.js';
import { card, cardSchema, createTestClient, mockSequence, providerError } from './test-support/client-fixtures.js';
import type { ProviderErrorReading, ReadProviderError } from './types.js';

// The provider's error body is its adapter's knowledge: the pipeline reads it only through `readProviderError`.
// Without a reader it knows HTTP status semantics alone, and nothing proves a failed mutating call did nothing.

const createCard = { operation: 'cards.create', method: 'POST', path: '/cards', schema: cardSchema } as const;
const getCard = { operation: 'cards.get', method: 'GET', path: '/cards/card_1', schema: cardSchema } as const;

/**
 * A made-up dialect unlike the REST one: `{ "problem": { "type", "title" } }` with the request id in `Trace-Id`. Its
 * page documents 401, 402, 404 and 429 as refusals (`payment_required` meaning insufficient funds), 409 as not one.
 */
const readProblem: ReadProviderError = (status, body, headers) => {
  let parsed: { problem?: { type?: unknown; title?: unknown } };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return undefined;
  }
  const { type, title } = parsed.problem ?? {};
  if (typeof type !== 'string') return undefined;
  return {
    code: type === 'payment_required' ? 'insufficient_funds' : type,
    message: typeof title === 'string' ? title : undefined,
    requestId: headers['trace-id'],
    refusal: [401, 402, 404, 429].includes(status),
  };
};
const problem = (type: string, title = 'Refused by the provider.') => ({ problem: { type, title } });
const traced = { 'Trace-Id': 'trace_42' };

async function failure(promise: Promise<unknown>): Promise<CardGatewayError> {
  try {
    await promise;
  } catch (error) {
    if (CardGatewayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('a client with its own error reader', () => {
  it.each([
    [401, 'unauthenticated', AuthenticationError, 'authentication_failed'],
    [402, 'payment_required', InsufficientFundsError, 'insufficient_funds'],
    [404, 'no_such_card', NotFoundError, 'not_found'],
    [429, 'slow_down', RateLimitError, 'rate_limited'],
  ] as const)(
    'settles a create refused %i in its body: typed error, its message and request id',
    async (status, type, errorClass, code) => {
      const { client } = createTestClient({ readProviderError: readProblem, retry: { maxRetries: 0 } });
      mockSequence('post', '/v1/cards', [[status, problem(type), traced]]);
      const error = await failure(client.request(createCard));
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ status, code, requestId: 'trace_42', outcome: 'settled' });
      expect(error.message).toContain('Refused by the provider.');
      await client.close();
    },
  );

  it('leaves a create ambiguous when the reader does not call the answer a refusal (409), or on a 5xx it calls one', async () => {
    const always: ReadProviderError = (status, body, headers) => ({
      ...(readProblem(status, body, headers) as ProviderErrorReading),
      refusal: true,
    });
    const { client } = createTestClient({ readProviderError: readProblem, retry: { maxRetries: 0 } });
    mockSequence('post', '/v1/cards', [[409, problem('state_conflict'), traced]]);
    const conflict = await failure(client.request(createCard));
    expect(conflict).toBeInstanceOf(AmbiguousOutcomeError);
    expect(conflict.outcome).toBe('unknown');
    expect(conflict.cause).toBeInstanceOf(InvalidRequestError);
    expect(conflict.cause).toMatchObject({ code: 'state_conflict', requestId: 'trace_42' });
    await client.close();

    const trusting = createTestClient({ readProviderError: always, retry: { maxRetries: 0 } }).client;
    mockSequence('post', '/v1/cards', [[503, problem('down'), traced]]);
    const down = await failure(trusting.request(createCard));
    expect(down).toBeInstanceOf(AmbiguousOutcomeError);
    expect(down.outcome).toBe('unknown');
    expect(down.cause).toBeInstanceOf(ProviderUnavailableError);
    await trusting.close();
  });

  it("settles an earlier ambiguous attempt only by a refusal of the request itself (404), not by a 402's", async () => {
    const { client } = createTestClient({ readProviderError: readProblem, retry: { maxRetries: 1, minDelayMs: 1 } });
    mockSequence('post', '/v1/cards', [
      [503, 'upstream down'],
      [404, problem('no_such_card'), traced],
    ]);
    const gone = await failure(client.request(createCard));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.outcome).toBe('settled');

    mockSequence('post', '/v1/cards', [
      [503, 'upstream down'],
      [402, problem('payment_required'), traced],
    ]);
    const poor = await failure(client.request(createCard));
    expect(poor).toBeInstanceOf(AmbiguousOutcomeError);
    expect(poor.cause).toBeInstanceOf(InsufficientFundsError);
    await client.close();
  });

  it('reads a throwing reader, or one giving free text as a code, by the status alone', async () => {
    const throwing: ReadProviderError = () => {
      throw new Error('reader bug');
    };
    const { client } = createTestClient({ readProviderError: throwing, retry: { maxRetries: 0 } });
    mockSequence('get', '/v1/cards/card_1', [[404, problem('no_such_card'), { 'X-Request-Id': 'req_h' }]]);
    const missing = await failure(client.request(getCard));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ requestId: 'req_h', message: 'acme cards.get failed: HTTP 404 Not Found' });
    await client.close();

    const chatty = createTestClient({
      readProviderError: () => ({ code: 'Card number 4916531288472039 is wrong!', refusal: true }),
      retry: { maxRetries: 0 },
    }).client;
    mockSequence('post', '/v1/cards', [[400, 'whatever']]);
    const invalid = await failure(chatty.request(createCard));
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(invalid).toMatchObject({ code: 'invalid_request', outcome: 'settled' });
    await chatty.close();
  });
});

describe('a client without an error reader: HTTP status semantics only', () => {
  it.each([
    [400, InvalidRequestError],
    [401, AuthenticationError],
    [402, InvalidRequestError],
    [404, NotFoundError],
    [409, InvalidRequestError],
    [429, RateLimitError],
    [500, ProviderUnavailableError],
  ] as const)(
    'calls a create answered %i ambiguous, whatever the body: nothing proves a refusal',
    async (status, cause) => {
      const { client } = createTestClient({ readProviderError: undefined, retry: { maxRetries: 0 } });
      mockSequence('post', '/v1/cards', [
        [status, providerError(status, 'insufficient_funds'), { 'X-Request-Id': 'r1' }],
      ]);
      const error = await failure(client.request({ ...createCard, options: { idempotencyKey: 'order-1' } }));
      expect(error).toBeInstanceOf(AmbiguousOutcomeError);
      expect(error).toMatchObject({ outcome: 'unknown', idempotencyKey: 'order-1', status, requestId: 'r1' });
      expect(error.cause).toBeInstanceOf(cause);
      // The body is not read: no code, no message from it.
      expect((error.cause as Error).message).toMatch(new RegExp(`failed: HTTP ${status} `));
      await client.close();
    },
  );

  it('types a read by its status, with the request id from X-Request-Id, and calls its outcome unknown', async () => {
    const { client } = createTestClient({ readProviderError: undefined });
    mockSequence('get', '/v1/cards/card_1', [[404, providerError(404, 'not_found'), { 'X-Request-Id': 'r2' }]]);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, requestId: 'r2', outcome: 'unknown' });
    await client.close();
  });
});

describe('idempotencyHeader', () => {
  it('sends the key in the header the provider names, and the default X-Idempotency-Key otherwise', async () => {
    const named = createTestClient({ idempotencyHeader: 'Idempotency-Key', headers: { 'idempotency-key': 'forged' } });
    const { recorded } = mockSequence('post', '/v1/cards', [[201, card]]);
    await named.client.request({ ...createCard, options: { idempotencyKey: 'order-2' } });
    expect(recorded[0]?.headers['idempotency-key']).toBe('order-2');
    expect(recorded[0]?.headers['x-idempotency-key']).toBeUndefined();
    await named.client.close();

    const plain = createTestClient();
    const sent = mockSequence('post', '/v1/cards', [[201, card]]).recorded;
    await plain.client.request({ ...createCard, options: { idempotencyKey: 'order-3' } });
    expect(sent[0]?.headers['x-idempotency-key']).toBe('order-3');
    await plain.client.close();
  });

  it('refuses a header name that is not one, and a reader that is not a function, with ConfigError', () => {
    for (const idempotencyHeader of ['', 'Idempotency Key', 'Key:']) {
      expect(() => createTestClient({ idempotencyHeader })).toThrow(ConfigError);
    }
    const readProviderError = 'rest' as unknown as ReadProviderError;
    expect(() => createTestClient({ readProviderError })).toThrow(/readProviderError must be a function/);
  });
});
