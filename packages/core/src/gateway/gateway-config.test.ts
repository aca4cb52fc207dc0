import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.js';
import { parseGatewayConfig, resolveSecretReferences } from './gateway-config.js';

const sentinel = 'sk_test_SENTINEL_SECRET_123456';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function printed(error: ConfigError): string {
  return [error.message, JSON.stringify(error), inspect(error)].join('\n');
}

describe('parseGatewayConfig', () => {
  it('accepts providers with adapter options and failover settings', () => {
    const config = {
      providers: [{ name: 'acme', apiKey: { env: 'ACME_API_KEY' }, baseUrl: 'http://127.0.0.1:1' }, { name: 'globex' }],
      failover: { policy: 'round-robin', breaker: { consecutiveFailures: 3, halfOpenAfterMs: 1000 } },
    };
    expect(parseGatewayConfig(config)).toEqual(config);
  });

  it.each([
    [undefined, 'the config must be an object.', undefined],
    [{}, 'providers', 'providers'],
    [{ providers: [] }, 'providers must list at least one provider', 'providers'],
    [{ providers: [{}] }, 'providers[0].name must be a provider name', 'providers[0].name'],
    [{ providers: [{ name: 'Priv Cards' }] }, 'providers[0].name must be a provider name', 'providers[0].name'],
    [{ providers: [{ name: 'failover' }] }, 'providers[0].name must not be "failover"', 'providers[0].name'],
    [{ providers: [{ name: 'a' }], extra: 1 }, 'has unknown key(s): extra', 'extra'],
    [
      { providers: [{ name: 'a' }], failover: { policy: 'random' } },
      'failover.policy must be "ordered" or',
      'failover.policy',
    ],
    [
      { providers: [{ name: 'a' }], failover: { breaker: { consecutiveFailures: 0 } } },
      'failover.breaker.consecutiveFailures must be at least 1',
      'failover.breaker.consecutiveFailures',
    ],
    [
      { providers: [{ name: 'a' }], failover: { breaker: { halfOpenAfterMs: -1 } } },
      'failover.breaker.halfOpenAfterMs must not be negative',
      'failover.breaker.halfOpenAfterMs',
    ],
  ])('refuses %j with a ConfigError naming the key path', (config, message, option) => {
    const error = configError(() => parseGatewayConfig(config));
    expect(error.message).toContain(message);
    expect(error.option).toBe(option);
  });

  it('refuses a provider listed twice: ids are qualified by provider name', () => {
    const error = configError(() => parseGatewayConfig({ providers: [{ name: 'alpha' }, { name: 'alpha' }] }));
    expect(error.option).toBe('providers[1].name');
    expect(error.message).toContain('repeats alpha (already providers[0])');
  });

  it('never echoes a value, even a secret put where a name belongs', () => {
    for (const config of [
      { providers: [{ name: sentinel }] },
      { providers: [{ name: 'a' }], failover: { policy: sentinel } },
      { providers: [{ name: 'a' }], failover: { breaker: { consecutiveFailures: sentinel } } },
      { providers: sentinel },
    ]) {
      expect(printed(configError(() => parseGatewayConfig(config)))).not.toContain('SENTINEL');
    }
  });
});

describe('resolveSecretReferences', () => {
  it('replaces { env } references at any depth and keeps other values', () => {
    const resolved = resolveSecretReferences(
      {
        apiKey: { env: 'KEY' },
        redis: { url: { env: 'REDIS_URL' } },
        hosts: [{ env: 'HOST' }],
        timeoutMs: 5,
        literal: 'x',
      },
      { KEY: sentinel, REDIS_URL: 'redis://127.0.0.1', HOST: 'h' },
      'providers[0]',
    );
    expect(resolved).toEqual({
      apiKey: sentinel,
      redis: { url: 'redis://127.0.0.1' },
      hosts: ['h'],
      timeoutMs: 5,
      literal: 'x',
    });
  });

  it('names the key path and the variable when the variable is unset or empty', () => {
    for (const env of [{}, { ACME_API_KEY: '' }]) {
      const error = configError(() =>
        resolveSecretReferences({ apiKey: { env: 'ACME_API_KEY' } }, env, 'providers[0]'),
      );
      expect(error.option).toBe('providers[0].apiKey');
      expect(error.message).toBe(
        'gateway config: providers[0].apiKey refers to environment variable ACME_API_KEY, which is not set.',
      );
    }
  });

  it('leaves objects with more keys than env alone (they are adapter options, not references)', () => {
    expect(resolveSecretReferences({ limit: { env: 'X', other: 1 } }, {}, 'p')).toEqual({
      limit: { env: 'X', other: 1 },
    });
  });
});
