import { inspect } from 'node:util';
import {
  AmbiguousOutcomeError,
  AuthenticationError,
  ConfigError,
  cents,
  InvalidRequestError,
  NotFoundError,
  outcomeOf,
  RateLimitError,
  usd,
} from '@cardgw/core';
import { redactText } from '@cardgw/core/provider-utils';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLedgerLane } from './ledgerlane-adapter.js';

// LedgerLane's wire format as its page (ledgerlane-api.md) gives it, mocked with nock: what the adapter sends, and
// what it makes of the answers, through core's shared pipeline.

const origin = 'https://api.ledgerlane.example';
const apiToken = 'llt_0123456789abcdef0123456789abcdef';
const requestId = { 'X-Request-Id': 'lreq_0a1b2c3d4e5f' };
const card = {
  card_ref: 'crd_7Hq2',
  state: 'open',
  scheme: 'visa',
  bin: '491653',
  last_four: '4242',
  balance_cents: 2_550,
  limit_cents: 100_000,
  nickname: 'Ads',
  autofreeze_cents: 0,
  tags: { team: 'growth' },
  opened_at: '2026-11-30T10:00:00Z',
};

interface Captured {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  readonly path: string;
}

/** Answers every request to `method path` in turn from `replies`, recording what was sent. */
function serve(
  method: string,
  path: RegExp | string,
  replies: ReadonlyArray<readonly [number, unknown, Record<string, string>?]>,
) {
  const captured: Captured[] = [];
  for (const [status, body, headers] of replies) {
    nock(origin)
      .intercept(path, method)
      .query(true)
      .reply(function (uri, requestBody) {
        captured.push({
          headers: this.req.headers,
          body: typeof requestBody === 'string' && requestBody ? JSON.parse(requestBody) : requestBody,
          path: uri,
        });
        return [status, body as nock.Body, { ...requestId, ...headers }];
      });
  }
  return captured;
}

const issuer = (options: Parameters<typeof createLedgerLane>[0] = {}) =>
  createLedgerLane({ apiToken, env: {}, ...options });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('LedgerLane on the wire', () => {
  it('issues a card: X-Api-Token, one idempotency key, integer cents out and in', async () => {
    const sent = serve('POST', '/v2/cards', [[201, card]]);
    const client = issuer();
    const created = await client.cards.create({
      binId: '491653',
      amount: usd(25.5),
      label: 'Ads',
      spendingLimit: usd(1_000),
      metadata: { team: 'growth' },
    });
    await client.close();

    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.headers['x-api-token']).toBe(apiToken);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(request?.body).toEqual({
      bin: '491653',
      amount_cents: 2_550,
      nickname: 'Ads',
      limit_cents: 100_000,
      tags: { team: 'growth' },
    });
    expect(created).toMatchObject({
      id: 'ledgerlane:crd_7Hq2',
      providerId: 'crd_7Hq2',
      status: 'active',
      balance: cents(2_550),
      spendingLimit: cents(100_000),
      autoFreezeAt: null,
      createdAt: '2026-11-30T10:00:00.000Z',
    });
  });

  it('walks a list by next_cursor, and reaches page 3 by walking pages 1 and 2', async () => {
    const page = (ref: string, next: string | null) => ({ items: [{ ...card, card_ref: ref }], next_cursor: next });
    const sent = serve('GET', '/v2/cards', [
      [200, page('crd_1', 'cur_a')],
      [200, page('crd_2', 'cur_b')],
      [200, page('crd_3', null)],
    ]);
    const client = issuer();
    const ids: string[] = [];
    for await (const item of client.cards.list({ perPage: 1, status: 'active' })) ids.push(item.id);
    expect(ids).toEqual(['ledgerlane:crd_1', 'ledgerlane:crd_2', 'ledgerlane:crd_3']);
    expect(sent.map((request) => request.path)).toEqual([
      '/v2/cards?state=open&limit=1',
      '/v2/cards?state=open&limit=1&cursor=cur_a',
      '/v2/cards?state=open&limit=1&cursor=cur_b',
    ]);

    serve('GET', '/v2/cards', [
      [200, page('crd_1', 'cur_a')],
      [200, page('crd_2', 'cur_b')],
      [200, page('crd_3', null)],
    ]);
    const third = await client.cards.list({ perPage: 1, page: 3 });
    expect(third).toMatchObject({ page: 3, perPage: 1, hasMore: false });
    expect(third.data.map((item) => item.id)).toEqual(['ledgerlane:crd_3']);
    await client.close();
  });

  it("reads LedgerLane's own refusal of a mutating call (404, its request id) as NotFoundError, not ambiguous", async () => {
    serve('POST', '/v2/cards/crd_gone/load', [[404, { fault: { kind: 'not_found', detail: 'No such card.' } }]]);
    const client = issuer();
    const error = await client.cards.fund('ledgerlane:crd_gone', { amount: usd(5) }).catch((caught) => caught);
    await client.close();
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, requestId: 'lreq_0a1b2c3d4e5f', provider: 'ledgerlane' });
  });

  it("leaves a 404 without LedgerLane's request id (a proxy's page) on a mutating call ambiguous", async () => {
    nock(origin).post('/v2/cards/crd_1/load').reply(404, '<html>Not Found</html>');
    const client = issuer();
    const error = await client.cards.fund('ledgerlane:crd_1', { amount: usd(5) }).catch((caught) => caught);
    await client.close();
    expect(AmbiguousOutcomeError.isInstance(error)).toBe(true);
    expect(outcomeOf(error)).toBe('unknown');
  });

  it("reads LedgerLane's 401 and 429 on a create as settled refusals, with its message and request id", async () => {
    const newCard = { binId: '491653', amount: usd(25) };
    const client = issuer({ maxRetries: 0 });
    serve('POST', '/v2/cards', [[401, { fault: { kind: 'unauthenticated', detail: 'Unknown token.' } }]]);
    const refused = await client.cards.create(newCard).catch((caught) => caught);
    expect(AuthenticationError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({ status: 401, requestId: 'lreq_0a1b2c3d4e5f', outcome: 'settled' });
    expect(refused.message).toBe('ledgerlane cards.create failed: Unknown token. (HTTP 401, unauthenticated)');

    serve('POST', '/v2/cards', [[429, { fault: { kind: 'slow_down', detail: 'Easy.' } }, { 'Retry-After': '0' }]]);
    const limited = await client.cards.create(newCard).catch((caught) => caught);
    expect(RateLimitError.isInstance(limited)).toBe(true);
    expect(limited).toMatchObject({ status: 429, requestId: 'lreq_0a1b2c3d4e5f', outcome: 'settled' });
    await client.close();
  });

  it("leaves a fault body without LedgerLane's request id, or a 5xx fault, on a create ambiguous", async () => {
    const newCard = { binId: '491653', amount: usd(25) };
    const client = issuer({ maxRetries: 0 });
    nock(origin)
      .post('/v2/cards')
      .reply(402, { fault: { kind: 'insufficient_balance', detail: 'Top up.' } }, { 'X-Request-Id': 'proxy-1' });
    const copied = await client.cards.create(newCard).catch((caught) => caught);
    expect(AmbiguousOutcomeError.isInstance(copied)).toBe(true);
    expect(outcomeOf(copied)).toBe('unknown');

    serve('POST', '/v2/cards', [[500, { fault: { kind: 'internal', detail: 'Oops.' } }]]);
    const failed = await client.cards.create(newCard).catch((caught) => caught);
    expect(AmbiguousOutcomeError.isInstance(failed)).toBe(true);
    expect(outcomeOf(failed)).toBe('unknown');
    await client.close();
  });

  it('maps 402 to InsufficientFundsError and 409 to InvalidRequestError code conflict', async () => {
    serve('POST', '/v2/cards/crd_1/load', [[402, { fault: { kind: 'insufficient_balance', detail: 'Top up.' } }]]);
    serve('POST', '/v2/cards/crd_1/pause', [[409, { fault: { kind: 'state_conflict', detail: 'Already paused.' } }]]);
    const client = issuer();
    const funding = await client.cards.fund('ledgerlane:crd_1', { amount: usd(5) }).catch((caught) => caught);
    const freezing = await client.cards.freeze('ledgerlane:crd_1').catch((caught) => caught);
    await client.close();
    expect(funding).toMatchObject({ code: 'insufficient_funds', status: 402 });
    expect(InvalidRequestError.isInstance(freezing)).toBe(true);
    expect(freezing).toMatchObject({ code: 'conflict', status: 409 });
  });

  it('maps 422 to InvalidRequestError code idempotency_key_reused', async () => {
    serve('POST', '/v2/cards/crd_1/load', [[422, { fault: { kind: 'key_reused', detail: 'Another request.' } }]]);
    const client = issuer();
    const error = await client.cards
      .fund('ledgerlane:crd_1', { amount: usd(5) }, { idempotencyKey: 'order-7' })
      .catch((caught) => caught);
    await client.close();
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'idempotency_key_reused', status: 422 });
  });

  it("retries a 429 with the same key, honouring Retry-After, through core's pipeline", async () => {
    const sent = serve('POST', '/v2/cards/crd_1/pause', [
      [429, { fault: { kind: 'slow_down', detail: 'Easy.' } }, { 'Retry-After': '0' }],
      [200, { card_ref: 'crd_1', paused_at: '2026-11-30T10:00:00Z' }],
    ]);
    const client = issuer();
    const frozen = await client.cards.freeze('ledgerlane:crd_1');
    await client.close();
    expect(frozen).toEqual({ cardId: 'ledgerlane:crd_1', status: 'frozen', frozenAt: '2026-11-30T10:00:00Z' });
    expect(sent).toHaveLength(2);
    expect(sent[1]?.headers['idempotency-key']).toBe(sent[0]?.headers['idempotency-key']);
  });

  it('enforces its published 10-per-minute quota on card secrets before sending the 11th request', async () => {
    const secrets = {
      card_ref: 'crd_1',
      number: '4916530000000008',
      security_code: '123',
      exp_month: 11,
      exp_year: 2029,
      holder: 'ADS TEAM',
    };
    const sent = serve(
      'GET',
      '/v2/cards/crd_1/secrets',
      Array.from({ length: 10 }, () => [200, secrets] as const),
    );
    const client = issuer();
    for (let index = 0; index < 10; index++) await client.cards.details('ledgerlane:crd_1');
    const refused = await client.cards.details('ledgerlane:crd_1', { timeoutMs: 500 }).catch((caught) => caught);
    await client.close();
    expect(sent).toHaveLength(10);
    expect(RateLimitError.isInstance(refused)).toBe(true);
    expect(outcomeOf(refused)).toBe('not_sent');
  });

  it('masks its token everywhere once registered, in full and without its prefix', () => {
    const client = issuer();
    const echoed = `token ${apiToken}, hex ${apiToken.slice(4)}`;
    expect(redactText(echoed)).not.toContain(apiToken.slice(4));
    expect(inspect(client, { depth: 5 })).not.toContain(apiToken.slice(4));
    return client.close();
  });

  it('refuses a malformed token, an unknown option and a token over plain HTTP to another host, naming the option', () => {
    const attempt = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const badToken = attempt(() => createLedgerLane({ apiToken: 'llt_short', env: {} }));
    expect(ConfigError.isInstance(badToken)).toBe(true);
    expect(badToken).toMatchObject({ option: 'apiToken' });
    expect(String((badToken as Error).message)).not.toContain('llt_short');
    const misspelt = attempt(() => createLedgerLane({ apiToken, env: {}, timeoutMS: 5 } as never));
    expect(misspelt).toMatchObject({ code: 'invalid_config', option: 'timeoutMS' });
    const plain = attempt(() => createLedgerLane({ apiToken, env: {}, baseUrl: 'http://ledgerlane.example/v2' }));
    expect(plain).toMatchObject({ code: 'invalid_config', option: 'baseUrl' });
    const fromEnvironment = createLedgerLane({ env: { LEDGERLANE_API_TOKEN: apiToken } });
    expect(fromEnvironment.provider).toBe('ledgerlane');
    return fromEnvironment.close();
  });
});
