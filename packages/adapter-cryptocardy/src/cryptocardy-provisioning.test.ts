import { inspect } from 'node:util';
import { ConfigError, InvalidRequestError, ProviderResponseError, Secret } from '@cardgw/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCryptoCardy } from './cryptocardy-adapter.js';
import { provisionCryptoCardy } from './cryptocardy-provisioning.js';
import provision from './fixtures/provision.json' with { type: 'json' };
import walletBalance from './fixtures/wallet-balance.json' with { type: 'json' };

const origin = 'https://cryptocardy.com';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** `GET /v1/api?card=…&asset=…`, as the page's curl example (with or without the trailing slash). */
function expectProvisioning(query: Record<string, string>, body: unknown = provision) {
  const headers: Record<string, string | string[] | undefined>[] = [];
  const scope = nock(origin)
    .get(/^\/v1\/api\/?(\?.*)?$/)
    .query(query)
    .reply(function () {
      headers.push(this.req.headers);
      return [200, body];
    });
  return { scope, headers };
}

describe('provisionCryptoCardy', () => {
  it('refuses a remote plain-HTTP base URL before any request: the answer carries a new seed', async () => {
    const remote = nock('http://cryptocardy.example').get(/.*/).reply(200, provision);
    const refusal = await provisionCryptoCardy({ baseUrl: 'http://cryptocardy.example/v1/api' }).catch((e) => e);
    expect(ConfigError.isInstance(refusal)).toBe(true);
    expect((refusal as ConfigError).option).toBe('baseUrl');
    expect(remote.isDone()).toBe(false);
  });

  it('still provisions over plain HTTP from a loopback host, as against the local simulator', async () => {
    const local = nock('http://127.0.0.1:4010')
      .get(/^\/v1\/api\/?(\?.*)?$/)
      .query(true)
      .reply(200, provision);
    const provisioned = await provisionCryptoCardy({ baseUrl: 'http://127.0.0.1:4010/v1/api' });
    expect(local.isDone()).toBe(true);
    expect(provisioned.seed).toBeInstanceOf(Secret);
  });

  it('calls GET / with card and asset and no seed, mapping the example answer', async () => {
    const call = expectProvisioning({ card: 'visa', asset: 'BTC' });
    const provisioned = await provisionCryptoCardy({ card: 'visa', asset: 'BTC' });
    expect(call.scope.isDone()).toBe(true);
    expect(call.headers[0]?.['x-seed']).toBeUndefined();
    expect(call.headers[0]?.authorization).toBeUndefined();
    expect(call.headers[0]?.['x-idempotency-key']).toBeUndefined();
    expect(provisioned.seed).toBeInstanceOf(Secret);
    expect(provisioned.seed.reveal()).toBe('a1b2-c3d4-e5f6-7890');
    expect(provisioned.card).toMatchObject({ status: 'pending', network: 'visa', expiry: '04/29' });
    expect(provisioned.card.pan).toBe('4916530123452039');
    expect(provisioned.card.last4).toBe('2039');
    expect(provisioned.wallet).toEqual({ asset: 'BTC', address: 'bc1qag7fuerpyndyxgllx90vsmpk2ruku0qjg5aq54' });
    expect(provisioned.createdAt).toBe('2026-05-22T17:57:34.000Z');
    expect(provisioned.requestId).toBe('req_bb0ade3fea54');
  });

  it('prints neither the seed nor the card number', async () => {
    expectProvisioning({});
    const provisioned = await provisionCryptoCardy();
    for (const printed of [JSON.stringify(provisioned), inspect(provisioned, { depth: 5 }), String(provisioned.card)]) {
      expect(printed).not.toContain('a1b2-c3d4-e5f6-7890');
      expect(printed).not.toContain('4916530123452039');
      expect(printed).not.toContain('4916 5301 2345 2039');
    }
    expect(JSON.stringify(provisioned.card)).toContain('2039');
  });

  it('hands the provisioned seed straight to createCryptoCardy', async () => {
    expectProvisioning({});
    const provisioned = await provisionCryptoCardy();
    const scope = nock(origin, { reqheaders: { 'x-seed': 'a1b2-c3d4-e5f6-7890' } })
      .get('/v1/api/wallet/balance')
      .reply(200, walletBalance);
    await createCryptoCardy({ seed: provisioned.seed, env: {}, maxRetries: 0 }).wallet.balance();
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['card', { card: 'amex' }],
    ['asset', { asset: 'DOGE' }],
  ])('refuses an undocumented %s before any request', async (field, options) => {
    const scope = nock(origin).get(/.*/).reply(200, provision);
    const error = await provisionCryptoCardy(options as never).catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).issues[0]?.field).toBe(field);
    expect(scope.isDone()).toBe(false);
  });

  it('refuses a signal that is not an AbortSignal, and an option it does not take, before any request', async () => {
    const scope = nock(origin).get(/.*/).reply(200, provision);
    const badSignal = await provisionCryptoCardy({ signal: 'stop' } as never).catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(badSignal)).toBe(true);
    const unknown = await provisionCryptoCardy({ limits: {} } as never).catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(unknown)).toBe(true);
    expect((unknown as ConfigError).option).toBe('limits');
    expect(scope.isDone()).toBe(false);
  });

  it('refuses an answer without a well-formed seed, without quoting it', async () => {
    expectProvisioning({}, { ...provision, seed: 'SENTINEL not a seed' });
    const error = await provisionCryptoCardy().catch((caught: unknown) => caught);
    expect(ProviderResponseError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain('SENTINEL');
  });
});
