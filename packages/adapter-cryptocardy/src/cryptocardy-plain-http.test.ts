import { ConfigError } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { createCryptoCardy } from './cryptocardy-adapter.js';

// Issue 15 point 1: the seed went over plain HTTP to any host. It may reach a loopback host (the simulator) only.
const seed = 'c4f4-6e88-036c-761c';

describe('CryptoCardy refuses to send its seed over plain HTTP, except to loopback', () => {
  it.each([
    'http://cryptocardy.com/v1/api',
    'http://sandbox.cryptocardy.test/v1/api',
    'http://192.168.1.20:4020/v1/api',
    'http://[fe80::1]:4020/v1/api',
  ])('%s: ConfigError naming baseUrl, the seed never echoed', (baseUrl) => {
    let caught: unknown;
    try {
      createCryptoCardy({ seed, baseUrl, env: {} });
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught), String(caught)).toBe(true);
    expect((caught as ConfigError).option).toBe('baseUrl');
    expect((caught as Error).message).not.toContain('6e88');
  });

  it('the seed from CRYPTOCARDY_SEED is refused alike', () => {
    expect(() =>
      createCryptoCardy({ baseUrl: 'http://cryptocardy.com/v1/api', env: { CRYPTOCARDY_SEED: seed } }),
    ).toThrow(ConfigError);
  });

  it.each([
    'http://127.0.0.1:4020/v1/api',
    'http://localhost:4020/v1/api',
    'http://[::1]:4020/v1/api',
    'https://cryptocardy.com/v1/api',
  ])('%s is allowed', async (baseUrl) => {
    const issuer = createCryptoCardy({ seed, baseUrl, env: {} });
    await issuer.close();
    expect(issuer.provider).toBe('cryptocardy');
  });
});
