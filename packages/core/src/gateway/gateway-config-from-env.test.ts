import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.js';
import { gatewayConfigFromEnv } from './gateway-config-from-env.js';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('gatewayConfigFromEnv', () => {
  it('lists providers in CARDGW_PROVIDERS order with their camelCased options and secret references', () => {
    const config = gatewayConfigFromEnv({
      CARDGW_PROVIDERS: ' Acme , globex ',
      CARDGW_ACME_BASE_URL: 'http://127.0.0.1:4010/v1',
      CARDGW_ACME_API_KEY_ENV: 'ACME_API_KEY',
      CARDGW_ACME_TIMEOUT_MS: '5000',
      CARDGW_ACME_SANDBOX: 'true',
      CARDGW_ACME_LIMITS: '{"detailsPerMinute":30}',
      CARDGW_GLOBEX_SEED_ENV: 'GLOBEX_SEED',
      CARDGW_GLOBEX_LABEL_PREFIX: 'ads',
      ACME_API_KEY: 'sk_test_not_read_here',
      OTHER: 'ignored',
    });
    expect(config).toEqual({
      providers: [
        {
          name: 'acme',
          baseUrl: 'http://127.0.0.1:4010/v1',
          apiKey: { env: 'ACME_API_KEY' },
          timeoutMs: 5000,
          sandbox: true,
          limits: { detailsPerMinute: 30 },
        },
        { name: 'globex', seed: { env: 'GLOBEX_SEED' }, labelPrefix: 'ads' },
      ],
    });
  });

  it('reads failover settings', () => {
    const config = gatewayConfigFromEnv({
      CARDGW_PROVIDERS: 'alpha,beta',
      CARDGW_FAILOVER_POLICY: 'round-robin',
      CARDGW_FAILOVER_CONSECUTIVE_FAILURES: '3',
      CARDGW_FAILOVER_HALF_OPEN_AFTER_MS: '10000',
    });
    expect(config.failover).toEqual({
      policy: 'round-robin',
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 10000 },
    });
  });

  it('ignores the settings of providers not listed, so the list alone swaps providers', () => {
    const env = {
      CARDGW_PROVIDERS: 'globex',
      CARDGW_ACME_BASE_URL: 'http://127.0.0.1:1',
      CARDGW_GLOBEX_BASE_URL: 'http://127.0.0.1:2',
    };
    expect(gatewayConfigFromEnv(env)).toEqual({ providers: [{ name: 'globex', baseUrl: 'http://127.0.0.1:2' }] });
  });

  it('gives a dashed name its own prefix, longest first', () => {
    const config = gatewayConfigFromEnv({
      CARDGW_PROVIDERS: 'my,my-bank',
      CARDGW_MY_BANK_BASE_URL: 'https://bank.example',
      CARDGW_MY_REGION: 'eu',
    });
    expect(config.providers).toEqual([
      { name: 'my', region: 'eu' },
      { name: 'my-bank', baseUrl: 'https://bank.example' },
    ]);
  });

  it('treats empty values as unset', () => {
    expect(gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'alpha', CARDGW_ALPHA_BASE_URL: '' }).providers).toEqual([
      { name: 'alpha' },
    ]);
  });

  it.each([
    [{}, 'CARDGW_PROVIDERS'],
    [{ CARDGW_PROVIDERS: ' , ' }, 'CARDGW_PROVIDERS'],
    [{ CARDGW_PROVIDERS: 'alpha', CARDGW_FAILOVER_RETRIES: '3' }, 'CARDGW_FAILOVER_RETRIES'],
    [
      { CARDGW_PROVIDERS: 'alpha', CARDGW_FAILOVER_CONSECUTIVE_FAILURES: 'many' },
      'CARDGW_FAILOVER_CONSECUTIVE_FAILURES',
    ],
    [{ CARDGW_PROVIDERS: 'alpha', CARDGW_ALPHA_API_KEY_ENV: 'not a name' }, 'CARDGW_ALPHA_API_KEY_ENV'],
    [{ CARDGW_PROVIDERS: 'alpha', CARDGW_ALPHA_LIMITS: '{broken' }, 'CARDGW_ALPHA_LIMITS'],
    [
      { CARDGW_PROVIDERS: 'alpha', CARDGW_ALPHA_API_KEY: 'k', CARDGW_ALPHA_API_KEY_ENV: 'KEY' },
      'CARDGW_ALPHA_API_KEY_ENV',
    ],
    [{ CARDGW_PROVIDERS: 'alpha,alpha' }, 'CARDGW_PROVIDERS'],
    [{ CARDGW_PROVIDERS: 'alpha,priv cards' }, 'CARDGW_PROVIDERS'],
    [{ CARDGW_PROVIDERS: 'alpha', CARDGW_FAILOVER_POLICY: 'random' }, 'CARDGW_FAILOVER_POLICY'],
    [
      { CARDGW_PROVIDERS: 'alpha', CARDGW_FAILOVER_HALF_OPEN_AFTER_MS: '999999999999' },
      'CARDGW_FAILOVER_HALF_OPEN_AFTER_MS',
    ],
  ])('refuses %j with a ConfigError naming %s', (env, option) => {
    expect(configError(() => gatewayConfigFromEnv(env)).option).toBe(option);
  });

  it('never echoes a value in its errors', () => {
    const sentinel = '{SENTINEL_SECRET_VALUE';
    const error = configError(() =>
      gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'alpha', CARDGW_ALPHA_API_KEY: sentinel }),
    );
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain('SENTINEL');
  });
});
