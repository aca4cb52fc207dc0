import { inspect } from 'node:util';
import { ConfigError } from '@cardgw/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCryptoCardy } from './cryptocardy-adapter.js';
import { cryptocardyProvider } from './cryptocardy-provider.js';
import walletBalance from './fixtures/wallet-balance.json' with { type: 'json' };

const seed = 'c4f4-6e88-036c-761c';

function configError(create: () => unknown): ConfigError {
  try {
    create();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('createCryptoCardy options', () => {
  it('reads the seed from CRYPTOCARDY_SEED when seed is absent, and sends it as X-Seed', async () => {
    const scope = nock('https://cryptocardy.com', { reqheaders: { 'x-seed': seed } })
      .get('/v1/api/wallet/balance')
      .reply(200, walletBalance);
    await createCryptoCardy({ env: { CRYPTOCARDY_SEED: seed }, maxRetries: 0 }).wallet.balance();
    expect(scope.isDone()).toBe(true);
  });

  it('asks for the seed, naming the option and the variable', () => {
    const error = configError(() => createCryptoCardy({ env: {} }));
    expect(error.option).toBe('seed');
    expect(error.message).toContain('CRYPTOCARDY_SEED');
  });

  // The page shows seeds by example only (`c4f4-6e88-036c-761c` in the headers, `a1b2-c3d4-e5f6-7890` from
  // provisioning) and states no rule: only what the X-Seed header cannot carry is refused.
  it.each([
    'c4f4-6e88-036c-761c',
    'a1b2-c3d4-e5f6-7890',
    'C4F4-6E88-036C-761C',
    'c4f46e88036c761c',
    'beef-beef-beef-beef-beef',
  ])('accepts the seed %s and sends it as X-Seed', async (given) => {
    const scope = nock('https://cryptocardy.com', { reqheaders: { 'x-seed': given } })
      .get('/v1/api/wallet/balance')
      .reply(200, walletBalance);
    await createCryptoCardy({ seed: given, env: {}, maxRetries: 0 }).wallet.balance();
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    'SENTINEL SEED',
    'SENTINEL\tSEED',
    'SENTINEL\r\nX-Other: 1',
    ' SENTINEL',
    'SENTINEL\u0000',
    'SENTINEL\u00e9',
  ])('refuses the seed %j, which no header can carry, without echoing it', (badSeed) => {
    const error = configError(() => createCryptoCardy({ seed: badSeed, env: {} }));
    expect(error.option).toBe('seed');
    for (const printed of [error.message, JSON.stringify(error), inspect(error)])
      expect(printed).not.toContain('SENTINEL');
  });

  it('refuses an unknown option, naming it', () => {
    expect(configError(() => createCryptoCardy({ seed, env: {}, apiKey: 'x' } as never)).option).toBe('apiKey');
  });

  it('takes a sandbox base URL, the sandbox being undocumented', async () => {
    const scope = nock('https://sandbox.cryptocardy.test').get('/v1/api/wallet/balance').reply(200, walletBalance);
    await createCryptoCardy({
      seed,
      env: {},
      baseUrl: 'https://sandbox.cryptocardy.test/v1/api',
      maxRetries: 0,
    }).wallet.balance();
    expect(scope.isDone()).toBe(true);
  });

  it('builds from a gateway config entry with the gateway’s environment', () => {
    const issuer = cryptocardyProvider.create({ timeoutMs: 5000 }, { env: { CRYPTOCARDY_SEED: seed } });
    expect(issuer.provider).toBe('cryptocardy');
    expect(() => cryptocardyProvider.create({}, { env: {} })).toThrow(ConfigError);
  });
});
