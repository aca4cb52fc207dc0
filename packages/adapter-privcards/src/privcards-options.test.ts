import { inspect } from 'node:util';
import { ConfigError, Secret } from '@cardgw/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import walletBalance from './fixtures/wallet-balance.json' with { type: 'json' };
import { createPrivCards } from './privcards-adapter.js';
import { privcardsProvider } from './privcards-provider.js';

const liveKey = 'sk_live_LIVEKEYSENTINEL12345';
const testKey = 'sk_test_TESTKEYSENTINEL12345';

function configError(create: () => unknown): ConfigError {
  try {
    create();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function printed(error: ConfigError): string {
  return [error.message, JSON.stringify(error), inspect(error), String(error.stack)].join('\n');
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('createPrivCards options', () => {
  it('reads the key from PRIVCARDS_API_KEY when apiKey is absent, and sends it as a Bearer token', async () => {
    const scope = nock('https://api.privcards.com', { reqheaders: { authorization: `Bearer ${testKey}` } })
      .get('/v1/wallet/balance')
      .reply(200, walletBalance);
    const issuer = createPrivCards({ env: { PRIVCARDS_API_KEY: testKey }, maxRetries: 0 });
    expect(issuer.mode).toBe('sandbox');
    await issuer.wallet.balance();
    expect(scope.isDone()).toBe(true);
  });

  it('takes the key as a Secret', () => {
    expect(createPrivCards({ apiKey: new Secret(liveKey), env: {} }).mode).toBe('live');
  });

  it('asks for the key, naming the option and the variable, when neither is given', () => {
    const error = configError(() => createPrivCards({ env: {} }));
    expect(error.option).toBe('apiKey');
    expect(error.message).toContain('PRIVCARDS_API_KEY');
  });

  // The page documents the prefix only; its own examples are `sk_live_your_api_key_here` and `sk_live_your_api_key`.
  it.each([
    ['sk_live_your_api_key_here', 'live'],
    ['sk_live_your_api_key', 'live'],
    ['sk_test_abc-def-123456', 'sandbox'],
    ['sk_test_x', 'sandbox'],
    ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'live'],
    ['sk_test_a.b~c+d/e=f:g', 'sandbox'],
  ])('accepts the key %s, the documented prefix and any token after it, as %s', async (key, mode) => {
    const scope = nock('https://api.privcards.com', { reqheaders: { authorization: `Bearer ${key}` } })
      .get('/v1/wallet/balance')
      .reply(200, walletBalance);
    const issuer = createPrivCards({ apiKey: key, env: {}, maxRetries: 0 });
    expect(issuer.mode).toBe(mode);
    await issuer.wallet.balance();
    expect(scope.isDone()).toBe(true);
    expect(createPrivCards({ env: { PRIVCARDS_API_KEY: key } }).mode).toBe(mode);
  });

  it('keeps the live-key guard for the documented example key', () => {
    const error = configError(() => createPrivCards({ apiKey: 'sk_live_your_api_key_here', requireMode: 'sandbox' }));
    expect(error.option).toBe('apiKey');
    expect(printed(error)).not.toContain('your_api_key_here');
    expect(createPrivCards({ apiKey: 'sk_test_abc-def-123456', requireMode: 'sandbox' }).mode).toBe('sandbox');
  });

  it.each([
    'sk_prod_SENTINELSENTINEL',
    'sk_test_',
    'sk_live_',
    'pk_test_SENTINELSENTINEL',
    'SK_TEST_SENTINELSENTINEL',
    'sk_test_SENTINEL SENTINEL',
    'sk_test_SENTINEL\tSENTINEL',
    'sk_test_SENTINEL\nSENTINEL',
    'sk_test_SENTINEL\u0000',
    'sk_test_SENTINEL\u007f',
    ' sk_test_SENTINELSENTINEL',
    'sk_test_SENTINELSENTINEL ',
    'sk_test_SENTINEL\u00e9',
  ])('refuses the malformed key %j without echoing it', (badKey) => {
    const error = configError(() => createPrivCards({ apiKey: badKey, env: {} }));
    expect(error.option).toBe('apiKey');
    expect(error.message).toMatch(/\.$/);
    expect(printed(error)).not.toContain('SENTINEL');
  });

  it('refuses a malformed key from the environment without echoing it', () => {
    const error = configError(() => createPrivCards({ env: { PRIVCARDS_API_KEY: 'not-a-key-SENTINEL' } }));
    expect(error.message).toContain('PRIVCARDS_API_KEY');
    expect(printed(error)).not.toContain('SENTINEL');
  });

  it('refuses a live key when requireMode is sandbox, so a test suite never touches live money', () => {
    const error = configError(() => createPrivCards({ apiKey: liveKey, requireMode: 'sandbox', env: {} }));
    expect(error.option).toBe('apiKey');
    expect(error.message).toContain('live');
    expect(printed(error)).not.toContain('LIVEKEYSENTINEL');
    expect(createPrivCards({ apiKey: testKey, requireMode: 'sandbox', env: {} }).mode).toBe('sandbox');
  });

  it('refuses a requireMode other than live or sandbox, naming it', () => {
    const error = configError(() => createPrivCards({ apiKey: testKey, env: {}, requireMode: 'prod' as never }));
    expect(error.option).toBe('requireMode');
    expect(error.message).toContain("must be 'live' or 'sandbox'");
  });

  it('refuses an unknown option, naming it', () => {
    const error = configError(() => createPrivCards({ apiKey: testKey, env: {}, apiKye: 'x' } as never));
    expect(error.option).toBe('apiKye');
  });

  it('refuses a malformed option value, naming it', () => {
    expect(configError(() => createPrivCards({ apiKey: testKey, env: {}, timeoutMs: -1 })).option).toBe('timeoutMs');
    expect(configError(() => createPrivCards({ apiKey: testKey, env: {}, baseUrl: 'ftp://x' })).option).toBe('baseUrl');
    expect(
      configError(() => createPrivCards({ apiKey: testKey, env: {}, limits: { 'requests-per-day': {} } as never }))
        .option,
    ).toBe('limits.requests-per-day');
  });

  it('builds from a gateway config entry with the gateway’s environment', () => {
    const issuer = privcardsProvider.create({ requireMode: 'sandbox' }, { env: { PRIVCARDS_API_KEY: testKey } });
    expect(issuer.provider).toBe('privcards');
    expect(privcardsProvider.name).toBe('privcards');
    expect(() => privcardsProvider.create({ bogus: true }, { env: { PRIVCARDS_API_KEY: testKey } })).toThrow(
      ConfigError,
    );
  });

  it('uses a configured base URL, with or without a trailing slash', async () => {
    const scope = nock('https://sandbox.privcards.test').get('/v1/wallet/balance').reply(200, walletBalance);
    const issuer = createPrivCards({
      apiKey: testKey,
      env: {},
      baseUrl: 'https://sandbox.privcards.test/v1/',
      maxRetries: 0,
    });
    await issuer.wallet.balance();
    expect(scope.isDone()).toBe(true);
  });
});
