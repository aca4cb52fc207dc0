import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AmbiguousOutcomeError,
  AuthenticationError,
  CardGatewayError,
  ConfigError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '../errors/index.js';
import { Secret } from '../redaction/secret.js';
import { outcomeOf } from './call-outcome.js';
import { createHttpClient } from './http-client.js';
import {
  apiKey,
  baseUrl,
  card,
  cardSchema,
  createTestClient,
  limits,
  mockSequence,
  providerError,
} from './test-support/client-fixtures.js';
import type { HttpEvent, HttpResponseEvent, HttpRetryEvent, RateLimitWaitEvent } from './types.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const createCard = { operation: 'cards.create', method: 'POST', path: '/cards', schema: cardSchema } as const;
const getCard = { operation: 'cards.get', method: 'GET', path: '/cards/card_8xK2m9Lp4q', schema: cardSchema } as const;

async function failure(promise: Promise<unknown>): Promise<CardGatewayError> {
  try {
    await promise;
  } catch (error) {
    if (CardGatewayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('transport', () => {
  it('sends a GET to the base URL with the query, default headers and the auth header, and returns the data', async () => {
    const { client } = createTestClient({ headers: { 'X-Client': 'tests' } });
    const { recorded } = mockSequence('get', /^\/v1\/cards\/card_8xK2m9Lp4q/, [
      [200, { ...card, request_id: 'req_1' }],
    ]);
    const response = await client.request({ ...getCard, query: { expand: 'bin', page: 2, skip: undefined } });
    expect(response).toEqual({
      data: { ...card, request_id: 'req_1' },
      status: 200,
      requestId: 'req_1',
      idempotencyKey: undefined,
      attempts: 1,
    });
    expect(recorded[0]?.path).toBe('/v1/cards/card_8xK2m9Lp4q?expand=bin&page=2');
    expect(recorded[0]?.headers).toMatchObject({
      authorization: `Bearer ${apiKey}`,
      accept: 'application/json',
      'user-agent': 'cardgw/0.1',
      'x-client': 'tests',
    });
    await client.close();
  });

  it('sends a POST body as JSON with Content-Type application/json', async () => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('post', '/v1/cards', [[201, card]]);
    const response = await client.request({ ...createCard, body: { bin_id: '491653', amount: 500 } });
    expect(response.status).toBe(201);
    expect(recorded[0]?.body).toEqual({ bin_id: '491653', amount: 500 });
    expect(recorded[0]?.headers['content-type']).toBe('application/json');
    await client.close();
  });

  it('never lets extra headers replace the auth header', async () => {
    const { client } = createTestClient({ headers: { authorization: 'Bearer someone-else' } });
    const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[200, card]]);
    await client.request(getCard);
    expect(recorded[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    await client.close();
  });

  it('formats the auth header per strategy (X-Seed without a format)', async () => {
    const { client } = createTestClient({
      auth: { headerName: 'X-Seed', secret: new Secret('c4f4-6e88-036c-761c') },
    });
    const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[200, card]]);
    await client.request(getCard);
    expect(recorded[0]?.headers['x-seed']).toBe('c4f4-6e88-036c-761c');
    expect(recorded[0]?.headers.authorization).toBeUndefined();
    await client.close();
  });

  it('sends no auth header at all when the client has no auth strategy', async () => {
    const { client } = createTestClient({ auth: undefined });
    const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[200, card]]);
    await client.request(getCard);
    expect(recorded[0]?.headers.authorization).toBeUndefined();
    expect(recorded[0]?.headers['user-agent']).toBe('cardgw/0.1');
    await client.close();
  });

  it('does not follow redirects (the auth header would go along)', async () => {
    const { client } = createTestClient();
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[302, '', { Location: 'https://elsewhere.test/steal' }]]);
    const elsewhere = nock('https://elsewhere.test').get('/steal').reply(200, card);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect(error.status).toBe(302);
    expect(elsewhere.isDone()).toBe(false);
    await client.close();
  });

  it('keeps an absolute URL given as path on the provider host', async () => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('get', /evil/, [[200, card]]);
    const evil = nock('https://evil.test').get('/x').reply(200, card);
    await client.request({ ...getCard, path: 'https://evil.test/x' });
    expect(recorded).toHaveLength(1);
    expect(evil.isDone()).toBe(false);
    await client.close();
  });

  it('refuses invalid options with a ConfigError naming the option', () => {
    const auth = { headerName: 'Authorization', secret: new Secret(apiKey) };
    expect(() => createHttpClient({ provider: 'p', baseUrl: 'not a url', auth, limits })).toThrow(ConfigError);
    expect(() => createHttpClient({ provider: 'p', baseUrl, auth, limits, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createHttpClient({ provider: '', baseUrl, auth, limits })).toThrow(/provider/);
    expect(() => createHttpClient({ provider: 'p', baseUrl, auth, limits: 'many' as never })).toThrow(/limits/);
  });

  it('refuses a body that cannot be serialized before any request', async () => {
    const { client, limiter } = createTestClient();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(client.request({ ...createCard, body: cyclic })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(limiter.acquired).toHaveLength(0);
    await client.close();
  });
});

describe('idempotency', () => {
  it('sends the same X-Idempotency-Key on every attempt of one call', async () => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('post', '/v1/cards', [[500], [503], [201, card]]);
    const response = await client.request(createCard);
    const keys = recorded.map((request) => request.headers['x-idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(uuid);
    expect(new Set(keys).size).toBe(1);
    expect(response.idempotencyKey).toBe(keys[0]);
    expect(response.attempts).toBe(3);
    await client.close();
  });

  it('uses a new key for a new call', async () => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('post', '/v1/cards', [
      [201, card],
      [201, card],
    ]);
    await client.request(createCard);
    await client.request(createCard);
    expect(recorded[0]?.headers['x-idempotency-key']).not.toBe(recorded[1]?.headers['x-idempotency-key']);
    await client.close();
  });

  it("uses the caller's key, for PATCH and DELETE too", async () => {
    const { client } = createTestClient();
    const patch = mockSequence('patch', '/v1/cards/card_1', [[200, card]]);
    const remove = mockSequence('delete', '/v1/webhooks/wh_1', [[204]]);
    await client.request({
      operation: 'cards.update',
      method: 'PATCH',
      path: '/cards/card_1',
      schema: cardSchema,
      options: { idempotencyKey: 'order-42' },
    });
    await client.request({
      operation: 'webhooks.delete',
      method: 'DELETE',
      path: '/webhooks/wh_1',
      schema: z.undefined(),
      options: { idempotencyKey: 'order-43' },
    });
    expect(patch.recorded[0]?.headers['x-idempotency-key']).toBe('order-42');
    expect(remove.recorded[0]?.headers['x-idempotency-key']).toBe('order-43');
    await client.close();
  });

  it('never sends a key on a GET, even when one is given', async () => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[500], [200, card]]);
    await client.request({ ...getCard, options: { idempotencyKey: 'ignored' } });
    expect(recorded.map((request) => request.headers['x-idempotency-key'])).toEqual([undefined, undefined]);
    await client.close();
  });
});

describe('retries', () => {
  it.each([429, 500, 502, 503, 504])('retries a %i and succeeds', async (status) => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[status], [200, card]]);
    const response = await client.request(getCard);
    expect(response.data).toEqual(card);
    expect(recorded).toHaveLength(2);
    await client.close();
  });

  it.each([
    [400, InvalidRequestError],
    [401, AuthenticationError],
    [404, NotFoundError],
  ])("never retries the provider's documented %i", async (status, type) => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('post', '/v1/cards', [
      [status, providerError(status, 'nope')],
      [201, card],
    ]);
    const error = await failure(client.request(createCard));
    expect(error).toBeInstanceOf(type);
    expect(error.status).toBe(status);
    expect(outcomeOf(error)).toBe('settled');
    expect(recorded).toHaveLength(1);
    await client.close();
  });

  it.each([
    [403, AuthenticationError],
    [409, InvalidRequestError],
    [422, InvalidRequestError],
  ])('never retries a %i, and calls a POST answered so ambiguous: no API page documents it', async (status, type) => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('post', '/v1/cards', [
      [status, providerError(status, 'nope')],
      [201, card],
    ]);
    const error = await failure(client.request({ ...createCard, options: { idempotencyKey: 'key-undocumented' } }));
    expect(error).toBeInstanceOf(AmbiguousOutcomeError);
    expect(error).toMatchObject({ idempotencyKey: 'key-undocumented', status });
    expect(error.cause).toBeInstanceOf(type);
    expect(recorded).toHaveLength(1);
    await client.close();
  });

  it.each([400, 401, 404])(
    "calls a POST answered %i without the provider's error body ambiguous: an intermediary may have answered",
    async (status) => {
      const { client } = createTestClient();
      mockSequence('post', '/v1/cards', [[status, '<html><body>Bad Gateway</body></html>']]);
      const error = await failure(client.request({ ...createCard, options: { idempotencyKey: 'key-page' } }));
      expect(error).toBeInstanceOf(AmbiguousOutcomeError);
      expect(outcomeOf(error)).toBe('unknown');
      await client.close();
    },
  );

  it('never retries a business error (insufficient_funds) and keeps its request id', async () => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('post', '/v1/cards/card_1/fund', [
      [
        400,
        { error: 'insufficient_funds', message: 'Your wallet balance is too low.', code: 400, request_id: 'req_7f8a' },
      ],
      [200, card],
    ]);
    const error = await failure(
      client.request({ operation: 'cards.fund', method: 'POST', path: '/cards/card_1/fund', schema: cardSchema }),
    );
    expect(error).toBeInstanceOf(InsufficientFundsError);
    expect(error).toMatchObject({ provider: 'acme', requestId: 'req_7f8a', status: 400 });
    expect(error.message).toContain('Your wallet balance is too low.');
    expect(recorded).toHaveLength(1);
    await client.close();
  });

  it('stops after retry.maxRetries retries', async () => {
    const { client } = createTestClient({ retry: { maxRetries: 1, minDelayMs: 1 } });
    const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[503], [503], [200, card]]);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(recorded).toHaveLength(2);
    await client.close();
  });

  it('lets one call override maxRetries', async () => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[503], [200, card]]);
    await expect(client.request({ ...getCard, options: { maxRetries: 0 } })).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
    expect(recorded).toHaveLength(1);
    await client.close();
  });

  it('waits with full jitter: each delay between zero and minDelayMs × 2^retry', async () => {
    const retries: HttpRetryEvent[] = [];
    const { client } = createTestClient({
      retry: { maxRetries: 3, minDelayMs: 4, maxDelayMs: 10 },
      hooks: { onRetry: (event) => retries.push(event) },
    });
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[500], [502], [504], [200, card]]);
    await client.request(getCard);
    expect(retries.map((event) => event.attempt)).toEqual([1, 2, 3]);
    const ceilings = [4, 8, 10];
    retries.forEach((event, index) => {
      expect(event.delayMs).toBeGreaterThanOrEqual(0);
      expect(event.delayMs).toBeLessThanOrEqual(ceilings[index] ?? 0);
    });
    await client.close();
  });

  it('honours Retry-After seconds on a 429', async () => {
    const retries: HttpRetryEvent[] = [];
    const { client } = createTestClient({ hooks: { onRetry: (event) => retries.push(event) } });
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [
      [429, '', { 'Retry-After': '0.02' }],
      [200, card],
    ]);
    await client.request(getCard);
    expect(retries[0]).toMatchObject({ delayMs: 20, status: 429, errorCode: 'rate_limited' });
    await client.close();
  });

  it('fails with RateLimitError and retryAfterMs when Retry-After (an HTTP-date) exceeds maxRetryAfterMs', async () => {
    // The deadline leaves room for the wait: only maxRetryAfterMs stops it.
    const { client, limiter } = createTestClient({
      timeoutMs: 600_000,
      retry: { minDelayMs: 1, maxRetryAfterMs: 1000 },
    });
    const later = new Date(Date.now() + 120_000).toUTCString();
    const { recorded } = mockSequence('post', '/v1/cards', [
      [429, providerError(429, 'rate_limit_exceeded'), { 'Retry-After': later }],
      [201, card],
    ]);
    const error = await failure(client.request(createCard));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(100_000);
    expect(recorded).toHaveLength(1);
    // Both rules that counted the request are paused: we cannot know which one the provider hit.
    expect(limiter.paused.map((pause) => pause.rule)).toEqual([
      'acme:requests-per-minute',
      'acme:card-creates-per-minute',
    ]);
    await client.close();
  });

  it('fails with RateLimitError when Retry-After exceeds the remaining deadline', async () => {
    const { client } = createTestClient({ timeoutMs: 2000 });
    const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[429, '', { 'Retry-After': '5' }]]);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(5000);
    expect(recorded).toHaveLength(1);
    await client.close();
  });

  it('pauses the rules of the request on a 429 before retrying', async () => {
    const { client, limiter } = createTestClient();
    mockSequence('get', '/v1/cards/card_1/details', [
      [429, '', { 'Retry-After': '0.01' }],
      [200, card],
    ]);
    await client.request({
      operation: 'cards.details',
      method: 'GET',
      path: '/cards/card_1/details',
      schema: cardSchema,
    });
    expect(limiter.paused).toEqual([
      { rule: 'acme:requests-per-minute', ms: 10 },
      { rule: 'acme:details-per-minute', ms: 10 },
    ]);
    expect(limiter.acquired).toHaveLength(2);
    await client.close();
  });

  it('acquires the request’s rules, with the signal and deadline, before every attempt', async () => {
    const { client, limiter } = createTestClient();
    mockSequence('post', '/v1/cards', [[500], [201, card]]);
    const before = Date.now();
    await client.request({ ...createCard, options: { timeoutMs: 5000 } });
    expect(limiter.acquired.map((call) => call.rules)).toEqual([
      ['acme:requests-per-minute', 'acme:card-creates-per-minute'],
      ['acme:requests-per-minute', 'acme:card-creates-per-minute'],
    ]);
    const options = limiter.acquired[0]?.options;
    expect(options?.signal).toBeInstanceOf(AbortSignal);
    expect(options?.deadline).toBeGreaterThanOrEqual(before + 5000);
    expect(options?.deadline).toBeLessThan(before + 6000);
    await client.close();
  });

  it('counts a request only against global rules and the rules naming its operation', async () => {
    const { client, limiter } = createTestClient();
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[200, card]]);
    await client.request(getCard);
    expect(limiter.acquired[0]?.rules).toEqual(['acme:requests-per-minute']);
    await client.close();
  });

  it('fails with RateLimitError naming the provider when the limiter cannot admit the call before its deadline', async () => {
    const { client, limiter } = createTestClient();
    limiter.nextAcquire = () => Promise.reject(new RateLimitError('past the deadline', { retryAfterMs: 900 }));
    const scope = nock(new URL(baseUrl).origin).get('/v1/cards/card_8xK2m9Lp4q').reply(200, card);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ provider: 'acme', retryAfterMs: 900 });
    expect(scope.isDone()).toBe(false);
    await client.close();
  });
});

describe('outcome of mutating calls', () => {
  it('throws AmbiguousOutcomeError when a POST still gets 500 after its retries', async () => {
    const { client } = createTestClient();
    mockSequence('post', '/v1/cards', [
      [500, { error: 'internal', message: 'oops', request_id: 'req_a' }],
      [500, { error: 'internal', message: 'oops', request_id: 'req_b' }],
      [500, { error: 'internal', message: 'oops', request_id: 'req_c' }],
    ]);
    const error = await failure(client.request({ ...createCard, options: { idempotencyKey: 'key-1' } }));
    expect(error).toBeInstanceOf(AmbiguousOutcomeError);
    expect(error).toMatchObject({
      provider: 'acme',
      operation: 'cards.create',
      idempotencyKey: 'key-1',
      status: 500,
      requestId: 'req_c',
      retryable: true,
    });
    expect(error.cause).toBeInstanceOf(ProviderUnavailableError);
    expect((error.cause as ProviderUnavailableError).code).toBe('server_error');
    expect(error.message).toContain('key-1');
    await client.close();
  });

  it.each([
    ['empty', ''],
    ['in the documented error body', providerError(503, 'service_unavailable')],
    ['as a proxy page', '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>'],
  ])('ends a POST that kept getting 503 (%s) in AmbiguousOutcomeError: a 503 proves nothing', async (_, body) => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('post', '/v1/cards', [
      [503, body, { 'Retry-After': '0' }],
      [503, body],
      [503, body],
    ]);
    const error = await failure(client.request({ ...createCard, options: { idempotencyKey: 'key-503' } }));
    expect(error).toBeInstanceOf(AmbiguousOutcomeError);
    expect(error).toMatchObject({ idempotencyKey: 'key-503', status: 503 });
    expect(outcomeOf(error)).toBe('unknown');
    expect(recorded.map((request) => request.headers['x-idempotency-key'])).toEqual(['key-503', 'key-503', 'key-503']);
    await client.close();
  });

  it('stays ambiguous when a 502 was followed by 503s', async () => {
    const { client } = createTestClient();
    mockSequence('post', '/v1/cards', [[502], [503], [503]]);
    expect(await failure(client.request(createCard))).toBeInstanceOf(AmbiguousOutcomeError);
    await client.close();
  });

  it('takes a refusal of the request itself (400) after a 500 as the settled outcome', async () => {
    const { client } = createTestClient();
    mockSequence('post', '/v1/cards', [[500], [400, { error: 'invalid_amount', message: 'too big', code: 400 }]]);
    const error = await failure(client.request(createCard));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.code).toBe('invalid_amount');
    expect(outcomeOf(error)).toBe('settled');
    await client.close();
  });

  it.each([401, 403, 408, 409, 429])(
    'stays ambiguous when a 500 was followed by %i: that answer does not say the 500 did nothing',
    async (status) => {
      const { client } = createTestClient({ retry: { maxRetries: 1, minDelayMs: 1 } });
      mockSequence('post', '/v1/cards', [[500], [status, { error: 'refused', message: 'no' }]]);
      const error = await failure(client.request({ ...createCard, options: { idempotencyKey: 'key-2' } }));
      expect(error).toBeInstanceOf(AmbiguousOutcomeError);
      expect(error).toMatchObject({ idempotencyKey: 'key-2', status });
      expect(outcomeOf(error)).toBe('unknown');
      await client.close();
    },
  );

  it('ends a POST answered 2xx with an unreadable body in AmbiguousOutcomeError, not retried: the provider acted', async () => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('post', '/v1/cards', [
      [201, { id: 'card_1', balance: 'lots' }, { 'X-Request-Id': 'req_201' }],
    ]);
    const error = await failure(client.request({ ...createCard, options: { idempotencyKey: 'key-3' } }));
    expect(error).toBeInstanceOf(AmbiguousOutcomeError);
    expect(error).toMatchObject({ idempotencyKey: 'key-3', status: 201, requestId: 'req_201' });
    expect(error.cause).toBeInstanceOf(ProviderResponseError);
    expect((error.cause as ProviderResponseError).code).toBe('invalid_response');
    expect(outcomeOf(error)).toBe('unknown');
    expect(recorded).toHaveLength(1);
    await client.close();
  });

  it('throws RateLimitError (the provider did nothing) when a POST keeps getting its documented 429', async () => {
    const { client } = createTestClient();
    const limited = providerError(429, 'rate_limit_exceeded');
    mockSequence('post', '/v1/cards', [
      [429, limited],
      [429, limited],
      [429, limited],
    ]);
    expect(await failure(client.request(createCard))).toBeInstanceOf(RateLimitError);
    await client.close();
  });

  it('throws ProviderUnavailableError server_error for a GET that keeps getting 500', async () => {
    const { client } = createTestClient();
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[500], [500], [500]]);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ code: 'server_error', status: 500 });
    await client.close();
  });
});

describe('the verdict on what a failed call did (outcomeOf)', () => {
  it('is not_sent for every refusal before any I/O', async () => {
    const { client, limiter } = createTestClient();
    const scope = nock(new URL(baseUrl).origin).post('/v1/cards').reply(201, card);
    const refusals = [
      client.request({ ...createCard, options: { idempotencyKey: 'two words' } }),
      client.request({ ...createCard, options: { signal: AbortSignal.abort() } }),
      client.request({ ...createCard, body: { amount: 10n } }),
    ];
    for (const refusal of refusals) expect(outcomeOf(await failure(refusal))).toBe('not_sent');
    limiter.nextAcquire = () => Promise.reject(new RateLimitError('past the deadline', { retryAfterMs: 900 }));
    const limited = await failure(client.request(createCard));
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(outcomeOf(limited)).toBe('not_sent');
    await client.close();
    expect(outcomeOf(await failure(client.request(createCard)))).toBe('not_sent');
    expect(scope.isDone()).toBe(false);
  });

  it('is not_sent, never ambiguous, when the limiter is unavailable (Redis fail-closed) after a 429', async () => {
    const { client, limiter } = createTestClient();
    const { recorded } = mockSequence('post', '/v1/cards', [[429, providerError(429, 'rate_limit_exceeded')]]);
    let acquires = 0;
    limiter.nextAcquire = () =>
      ++acquires === 1
        ? Promise.resolve({ waitedMs: 0, limitedBy: undefined })
        : Promise.reject(new ProviderUnavailableError('Redis is down', { code: 'rate_limiter_unavailable' }));
    const error = await failure(client.request(createCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.code).toBe('rate_limiter_unavailable');
    expect(outcomeOf(error)).toBe('not_sent');
    expect(recorded).toHaveLength(1);
    await client.close();
  });

  it('is not_sent for a POST whose deadline passed while it waited on the limiter', async () => {
    const { client, limiter } = createTestClient({ timeoutMs: 30 });
    limiter.nextAcquire = () => new Promise(() => {});
    const error = await failure(client.request(createCard));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('timeout');
    expect(outcomeOf(error)).toBe('not_sent');
    await client.close();
  });

  it('is not_sent for a limiter that throws, and ambiguous when it throws after a 500', async () => {
    const { client, limiter } = createTestClient();
    limiter.nextAcquire = () => Promise.reject(new Error('bug in the limiter'));
    const broken = await failure(client.request(createCard));
    expect(broken).toMatchObject({ code: 'rate_limiter_failed' });
    expect(outcomeOf(broken)).toBe('not_sent');

    mockSequence('post', '/v1/cards', [[500]]);
    let acquires = 0;
    limiter.nextAcquire = () =>
      ++acquires === 1 ? Promise.resolve({ waitedMs: 0, limitedBy: undefined }) : Promise.reject(new Error('bug'));
    const error = await failure(client.request(createCard));
    expect(error).toBeInstanceOf(AmbiguousOutcomeError);
    expect(outcomeOf(error)).toBe('unknown');
    await client.close();
  });

  it("is settled by the provider's own answer when no attempt can have acted", async () => {
    const { client } = createTestClient();
    mockSequence('post', '/v1/cards', [[401, providerError(401, 'unauthorized', 'bad key')]]);
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[404, providerError(404, 'not_found')]]);
    const limited = providerError(429, 'rate_limit_exceeded');
    mockSequence('delete', '/v1/webhooks/wh_1', [
      [429, limited],
      [429, limited],
      [429, limited],
    ]);
    const unauthorized = await failure(client.request(createCard));
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    expect(outcomeOf(unauthorized)).toBe('settled');
    expect(outcomeOf(await failure(client.request(getCard)))).toBe('settled');
    const unavailable = await failure(
      client.request({ operation: 'webhooks.delete', method: 'DELETE', path: '/webhooks/wh_1', schema: z.undefined() }),
    );
    expect(unavailable).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(outcomeOf(unavailable)).toBe('settled');
    await client.close();
  });

  it('is unknown for a GET that kept getting 500: a plain error, a read has nothing to repeat', async () => {
    const { client } = createTestClient();
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[500], [500], [500]]);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(outcomeOf(error)).toBe('unknown');
    await client.close();
  });

  it('refuses a malformed idempotency key on a GET too, before any I/O', async () => {
    const { client } = createTestClient();
    const scope = nock(new URL(baseUrl).origin).get('/v1/cards/card_8xK2m9Lp4q').reply(200, card);
    for (const idempotencyKey of ['two words', '', 'x'.repeat(256), 'clé']) {
      const error = await failure(client.request({ ...getCard, options: { idempotencyKey } }));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toContain('idempotencyKey');
    }
    expect(scope.isDone()).toBe(false);
    await client.close();
  });
});

describe('responses', () => {
  it('rejects a body that does not match the schema with ProviderResponseError naming the fields', async () => {
    const { client } = createTestClient();
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [
      [200, { id: 'card_1', balance: 'lots' }, { 'X-Request-Id': 'req_h' }],
    ]);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect(error.message).toMatch(/balance/);
    expect(error.message).toMatch(/status/);
    expect(error.requestId).toBe('req_h');
    expect((error as ProviderResponseError).excerpt).toContain('"balance":"lots"');
    await client.close();
  });

  it('rejects an HTML page answered with 200 as not JSON, without retrying', async () => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [
      [200, '<html>maintenance</html>', { 'Content-Type': 'text/html' }],
    ]);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect(error.message).toContain('not JSON');
    expect(recorded).toHaveLength(1);
    await client.close();
  });

  it('handles an HTML 502 page: retried, then a message from the status', async () => {
    const { client } = createTestClient();
    const page = '<html><h1>502 Bad Gateway</h1></html>';
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [
      [502, page],
      [502, page],
      [502, page],
    ]);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.message).toBe('acme cards.get failed: HTTP 502 Bad Gateway');
    await client.close();
  });

  it('accepts an empty 204 when the schema allows undefined, and rejects an empty 200 when it does not', async () => {
    const { client } = createTestClient();
    mockSequence('delete', '/v1/webhooks/wh_1', [[204]]);
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[200, '']]);
    const removed = await client.request({
      operation: 'webhooks.delete',
      method: 'DELETE',
      path: '/webhooks/wh_1',
      schema: z.undefined(),
    });
    expect(removed.status).toBe(204);
    expect(await failure(client.request(getCard))).toBeInstanceOf(ProviderResponseError);
    await client.close();
  });

  it('reads the request id of an error from X-Request-Id when the body has none', async () => {
    const { client } = createTestClient();
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[404, '', { 'X-Request-Id': 'req_404' }]]);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.requestId).toBe('req_404');
    expect(error.message).toContain('acme');
    await client.close();
  });
});

describe('hooks and logging', () => {
  it('reports request, response and retry events with the call’s fields and the path without its query', async () => {
    const requests: HttpEvent[] = [];
    const responses: HttpResponseEvent[] = [];
    const retries: HttpRetryEvent[] = [];
    const { client } = createTestClient({
      hooks: {
        onRequest: (event) => requests.push(event),
        onResponse: (event) => responses.push(event),
        onRetry: (event) => retries.push(event),
      },
    });
    mockSequence('post', /^\/v1\/cards/, [
      [503, '', { 'X-Request-Id': 'req_1' }],
      [201, { ...card, request_id: 'req_2' }],
    ]);
    const response = await client.request({ ...createCard, query: { verbose: true } });
    const common = {
      provider: 'acme',
      operation: 'cards.create',
      method: 'POST',
      path: '/cards',
      idempotencyKey: response.idempotencyKey,
    };
    expect(requests).toEqual([
      { ...common, attempt: 1 },
      { ...common, attempt: 2 },
    ]);
    expect(responses[0]).toMatchObject({
      ...common,
      attempt: 1,
      status: 503,
      requestId: 'req_1',
      errorCode: 'server_error',
    });
    expect(responses[1]).toMatchObject({ ...common, attempt: 2, status: 201, requestId: 'req_2' });
    expect(responses[1]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(retries).toEqual([
      { ...common, attempt: 1, delayMs: expect.any(Number), errorCode: 'server_error', status: 503 },
    ]);
    await client.close();
  });

  it('reports a rate-limit wait with the rule that made the call wait', async () => {
    const waits: RateLimitWaitEvent[] = [];
    const { client, limiter } = createTestClient({ hooks: { onRateLimitWait: (event) => waits.push(event) } });
    limiter.nextAcquire = async () => ({ waitedMs: 120, limitedBy: 'acme:requests-per-minute' });
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[200, card]]);
    await client.request(getCard);
    expect(waits).toEqual([{ provider: 'acme', operation: 'cards.get', rule: 'requests-per-minute', waitMs: 120 }]);
    await client.close();
  });

  it('never lets a throwing or rejecting hook break the call, and tells the logger', async () => {
    const warnings: string[] = [];
    const { client } = createTestClient({
      hooks: {
        onRequest: () => {
          throw new Error('hook bug');
        },
        onResponse: async () => {
          throw new Error('async hook bug');
        },
        onRetry: () => {
          throw new Error('retry hook bug');
        },
      },
      logger: { warn: (_object, message) => warnings.push(message) },
    });
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[500], [200, card]]);
    const response = await client.request(getCard);
    expect(response.data).toEqual(card);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toContain('cardgw: the onRequest hook threw');
    expect(warnings).toContain('cardgw: the onResponse hook threw');
    expect(warnings).toContain('cardgw: retrying');
    await client.close();
  });

  it('logs debug per attempt, warn per retry and error on the final failure', async () => {
    const lines: { level: string; object: Record<string, unknown>; message: string }[] = [];
    const logger = {
      debug: (object: Record<string, unknown>, message: string) => lines.push({ level: 'debug', object, message }),
      warn: (object: Record<string, unknown>, message: string) => lines.push({ level: 'warn', object, message }),
      error: (object: Record<string, unknown>, message: string) => lines.push({ level: 'error', object, message }),
    };
    const { client } = createTestClient({ logger, retry: { maxRetries: 1, minDelayMs: 1 } });
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[503], [503]]);
    await failure(client.request(getCard));
    expect(lines.map((line) => line.level)).toEqual(['debug', 'warn', 'debug', 'error']);
    expect(lines[3]?.object).toMatchObject({
      operation: 'cards.get',
      attempt: 2,
      error: { name: 'ProviderUnavailableError', code: 'server_error', status: 503 },
    });
    await client.close();
  });

  it('never calls a logger method that is not there', async () => {
    const { client } = createTestClient({ logger: {} });
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[500], [200, card]]);
    await expect(client.request(getCard)).resolves.toMatchObject({ status: 200 });
    await client.close();
  });
});

describe('close', () => {
  it('closes the limiter it created, leaves a limiter it was given open, and refuses later calls', async () => {
    const { client, limiter } = createTestClient();
    await client.close();
    expect(limiter.closed).toBe(0);
    const error = await failure(client.request(getCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.code).toBe('client_closed');
  });
});
