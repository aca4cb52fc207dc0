import { inspect } from 'node:util';
import { ConfigError, Secret } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { createAdapterOptionsParser, createRestOptionsParser } from './create-adapter-options-parser.js';
import type { CredentialSpec } from './rest-adapter-options.js';

const token: CredentialSpec = {
  option: 'token',
  envVar: 'TESTPAY_TOKEN',
  pattern: /^tok_[a-z0-9]{8,}$/,
  expected: 'tok_ followed by at least 8 lowercase letters or digits',
};
const goodToken = 'tok_sentinel123';

function configError(parse: () => unknown): ConfigError {
  try {
    parse();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('createAdapterOptionsParser', () => {
  const parse = createAdapterOptionsParser('testpay', token, { tier: ['gold', 'silver'] });

  it('validates every adapter option and the choices, handing the credential back as a Secret only', () => {
    const { options, credential } = parse({
      token: goodToken,
      tier: 'gold',
      timeoutMs: 5_000,
      limits: { 'card-details-per-minute': { limit: 10 } },
      env: {},
    });
    expect(options).toEqual({
      tier: 'gold',
      timeoutMs: 5_000,
      limits: { 'card-details-per-minute': { limit: 10 } },
      env: {},
    });
    expect(options).not.toHaveProperty('token');
    expect(Secret.isInstance(credential)).toBe(true);
    expect(credential.reveal()).toBe(goodToken);
  });

  it('reads the credential from its environment variable when the option is absent, and takes a Secret as is', () => {
    expect(parse({ env: { TESTPAY_TOKEN: goodToken } }).credential.reveal()).toBe(goodToken);
    const secret = new Secret(goodToken);
    expect(parse({ token: secret, env: {} }).credential).toBe(secret);
  });

  it('refuses an unknown option, a limit that is not the family’s and a value outside the choices, naming each', () => {
    expect(configError(() => parse({ token: goodToken, env: {}, tokn: 'x' })).option).toBe('tokn');
    expect(
      configError(() => parse({ token: goodToken, env: {}, limits: { 'requests-per-day': { limit: 1 } } })).option,
    ).toBe('limits.requests-per-day');
    const badChoice = configError(() => parse({ token: goodToken, env: {}, tier: 'bronze' }));
    expect(badChoice.option).toBe('tier');
    expect(badChoice.message).toContain("must be 'gold' or 'silver'");
  });

  it('refuses a malformed credential without echoing it', () => {
    const error = configError(() => parse({ token: 'tok_SENTINEL', env: {} }));
    expect(error.option).toBe('token');
    expect([error.message, JSON.stringify(error), inspect(error)].join('\n')).not.toContain('SENTINEL');
    expect(configError(() => parse({ token: 42, env: {} })).option).toBe('token');
  });

  it('refuses options that are not an object', () => {
    expect(configError(() => parse('token')).message).toContain('options must be an object');
  });
});

describe('createRestOptionsParser', () => {
  const parse = createRestOptionsParser('testpay', ['baseUrl', 'timeoutMs'], ['card']);

  it('takes the named options checked and the pass-through inputs unchecked', () => {
    expect(parse({ baseUrl: 'https://api.testpay.test/v1', timeoutMs: 10, card: { anything: true } })).toEqual({
      baseUrl: 'https://api.testpay.test/v1',
      timeoutMs: 10,
      card: { anything: true },
    });
    expect(configError(() => parse({ timeoutMs: -1 })).option).toBe('timeoutMs');
  });

  it('refuses the adapter options it was not given, as unknown', () => {
    expect(configError(() => parse({ limits: {} })).option).toBe('limits');
  });
});
