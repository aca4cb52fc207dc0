import { ConfigError, createGateway } from '@cardgw/core';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivCards } from './privcards-adapter.js';
import { privcardsProvider } from './privcards-provider.js';

// Issue 15 point 1: `createPrivCards({ apiKey: 'sk_live_…', baseUrl: 'http://…' })` sent `Authorization: Bearer
// sk_live_…` in clear. A live key never travels over plain HTTP; a sandbox key only to a loopback host (simulators).
const liveKey = 'sk_live_9fK2mQ7xLp4vZ8abcdEF';
const sandboxKey = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';

describe('PrivCards refuses to send its key over plain HTTP', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it.each([
    ['a live key to a remote host', liveKey, 'http://api.privcards.com/v1'],
    ['a live key to 127.0.0.1', liveKey, 'http://127.0.0.1:4010/v1'],
    ['a live key to localhost', liveKey, 'http://localhost:4010/v1'],
    ['a live key to [::1]', liveKey, 'http://[::1]:4010/v1'],
    ['a sandbox key to a remote host', sandboxKey, 'http://sandbox.privcards.example/v1'],
    ['a sandbox key to a private address', sandboxKey, 'http://10.0.0.7:4010/v1'],
    ['a sandbox key to a host named like loopback', sandboxKey, 'http://127.0.0.1.example.com/v1'],
    ['a sandbox key to localhost as a subdomain', sandboxKey, 'http://localhost.attacker.example/v1'],
  ])('%s: ConfigError naming baseUrl at construction, nothing sent', (_why, apiKey, baseUrl) => {
    const scope = nock(new URL(baseUrl).origin).get(/.*/).reply(200, {});
    let caught: unknown;
    try {
      createPrivCards({ apiKey, baseUrl, env: {} });
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught), String(caught)).toBe(true);
    expect((caught as ConfigError).option).toBe('baseUrl');
    expect(String((caught as Error).message)).not.toContain(apiKey.slice(8));
    expect(scope.isDone()).toBe(false);
  });

  it('the key from the environment (PRIVCARDS_API_KEY) and the page-example key are refused alike', () => {
    const env = { PRIVCARDS_API_KEY: liveKey };
    expect(() => createPrivCards({ baseUrl: 'http://api.privcards.com/v1', env })).toThrow(ConfigError);
    // The page's placeholder is a live key by its prefix, whatever the rest of it says.
    expect(() =>
      createPrivCards({ apiKey: 'sk_live_yourapikeyhere', baseUrl: 'http://api.privcards.com/v1', env: {} }),
    ).toThrow(ConfigError);
  });

  it('through the gateway config too', () => {
    expect(() =>
      createGateway(
        { providers: [{ name: 'privcards', apiKey: liveKey, baseUrl: 'http://api.privcards.com/v1' }] },
        { providers: [privcardsProvider] },
      ),
    ).toThrow(ConfigError);
  });

  it.each([
    ['a sandbox key to 127.0.0.1', sandboxKey, 'http://127.0.0.1:4010/v1'],
    ['a sandbox key to 127.8.9.10', sandboxKey, 'http://127.8.9.10:4010/v1'],
    ['a sandbox key to localhost', sandboxKey, 'http://localhost:4010/v1'],
    ['a sandbox key to [::1]', sandboxKey, 'http://[::1]:4010/v1'],
    ['a live key over HTTPS', liveKey, 'https://api.privcards.com/v1'],
    ['a sandbox key over HTTPS', sandboxKey, 'https://sandbox.privcards.example/v1'],
  ])('%s is allowed', async (_why, apiKey, baseUrl) => {
    const issuer = createPrivCards({ apiKey, baseUrl, env: {} });
    await issuer.close();
    expect(issuer.provider).toBe('privcards');
  });
});
