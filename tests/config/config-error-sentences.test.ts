/*
 * Every ConfigError the configuration paths can produce (the gateway config, gatewayConfigFromEnv, createGateway and
 * each adapter's options) reads as a whole sentence: it ends with a period, never with zod's dangling "received",
 * never names an option the caller did not write (the `env` the gateway hands its adapters), never echoes a value.
 */

import { createCryptoCardy, cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { createPrivCards, privcardsProvider } from '@cardgw/adapter-privcards';
import {
  ConfigError,
  createFailoverIssuer,
  createGateway,
  createWebhookHandler,
  type GatewayConfig,
  gatewayConfigFromEnv,
  parseGatewayConfig,
} from '@cardgw/core';
import { createHttpClient } from '@cardgw/rest-dialect';
import { describe, expect, it } from 'vitest';

const secret = 'sk_test_SENTINELsecret123';
const seed = 'c4f4-6e88-036c-761c';
const providers = [privcardsProvider, cryptocardyProvider];
const env = { PRIVCARDS_API_KEY: secret, CRYPTOCARDY_SEED: seed };

/** A config of one PrivCards entry with `options` added. */
const privcardsWith = (options: Record<string, unknown>): GatewayConfig => ({
  providers: [{ name: 'privcards', apiKey: { env: 'PRIVCARDS_API_KEY' }, ...options }],
});

/** Each way the configuration paths refuse a value, with what the caller wrote. */
const cases: [string, () => unknown][] = [
  // The gateway config.
  ['no config', () => parseGatewayConfig(undefined)],
  ['a config that is a string', () => parseGatewayConfig(secret)],
  ['no providers key', () => parseGatewayConfig({})],
  ['providers not an array', () => parseGatewayConfig({ providers: secret })],
  ['an empty providers list', () => parseGatewayConfig({ providers: [] })],
  ['a provider without a name', () => parseGatewayConfig({ providers: [{}] })],
  ['a provider name that is a number', () => parseGatewayConfig({ providers: [{ name: 7 }] })],
  ['a malformed provider name', () => parseGatewayConfig({ providers: [{ name: 'Priv Cards' }] })],
  ['the reserved provider name', () => parseGatewayConfig({ providers: [{ name: 'failover' }] })],
  ['an unknown top-level key', () => parseGatewayConfig({ providers: [{ name: 'a' }], extra: secret })],
  ['a repeated provider', () => parseGatewayConfig({ providers: [{ name: 'a' }, { name: 'a' }] })],
  ['failover not an object', () => parseGatewayConfig({ providers: [{ name: 'a' }], failover: secret })],
  ['an unknown policy', () => parseGatewayConfig({ providers: [{ name: 'a' }], failover: { policy: secret } })],
  [
    'a breaker count of zero',
    () => parseGatewayConfig({ providers: [{ name: 'a' }], failover: { breaker: { consecutiveFailures: 0 } } }),
  ],
  [
    'a fractional breaker count',
    () => parseGatewayConfig({ providers: [{ name: 'a' }], failover: { breaker: { consecutiveFailures: 1.5 } } }),
  ],
  [
    'a negative cool-down',
    () => parseGatewayConfig({ providers: [{ name: 'a' }], failover: { breaker: { halfOpenAfterMs: -1 } } }),
  ],
  [
    'a cool-down longer than a day',
    () => parseGatewayConfig({ providers: [{ name: 'a' }], failover: { breaker: { halfOpenAfterMs: 1e12 } } }),
  ],
  // createGateway.
  ['an unregistered provider', () => createGateway({ providers: [{ name: 'acme' }] }, { providers, env })],
  ['an unset secret reference', () => createGateway(privcardsWith({}), { providers, env: {} })],
  ['an env option that is not an object', () => createGateway(privcardsWith({}), { providers, env: 5 as never })],
  [
    'two definitions of one name',
    () =>
      createGateway(privcardsWith({}), {
        providers: [privcardsProvider, { name: 'privcards', create: () => createMemoryIssuer() }],
        env,
      }),
  ],
  [
    'a definition that builds another provider',
    () =>
      createGateway(
        { providers: [{ name: 'acme' }] },
        { providers: [{ name: 'acme', create: () => createMemoryIssuer({ provider: 'other' }) }], env },
      ),
  ],
  [
    'a definition that throws a foreign error',
    () =>
      createGateway(
        { providers: [{ name: 'acme' }] },
        {
          providers: [
            {
              name: 'acme',
              create: () => {
                throw new TypeError(secret);
              },
            },
          ],
          env,
        },
      ),
  ],
  // The adapters' options, through the gateway with its default environment and directly.
  ['a missing PrivCards key', () => createGateway({ providers: [{ name: 'privcards' }] }, { providers, env: {} })],
  ['a malformed PrivCards key', () => createGateway(privcardsWith({ apiKey: 'pk_SENTINEL' }), { providers, env })],
  ['a PrivCards key of another type', () => createPrivCards({ apiKey: 42 as never, env: {} })],
  ['a PrivCards key with a space', () => createPrivCards({ apiKey: 'sk_test_SENTINEL key', env: {} })],
  [
    'a live key where sandbox is required',
    () => createPrivCards({ apiKey: 'sk_live_SENTINEL1', requireMode: 'sandbox' }),
  ],
  ['an unknown requireMode', () => createPrivCards({ apiKey: secret, requireMode: 'test' as never })],
  ['a missing CryptoCardy seed', () => createGateway({ providers: [{ name: 'cryptocardy' }] }, { providers, env: {} })],
  ['a malformed CryptoCardy seed', () => createCryptoCardy({ seed: 'SENTINEL seed', env: {} })],
  ['an unknown option', () => createGateway(privcardsWith({ apiKeyy: secret }), { providers, env })],
  ['options that are not an object', () => createPrivCards(secret as never)],
  ['a baseUrl that is not a URL', () => createGateway(privcardsWith({ baseUrl: 'SENTINEL' }), { providers, env })],
  ['a baseUrl that is a number', () => createGateway(privcardsWith({ baseUrl: 5 }), { providers, env })],
  ['a timeout that is a string', () => createGateway(privcardsWith({ timeoutMs: 'SENTINEL' }), { providers, env })],
  ['a negative timeout', () => createGateway(privcardsWith({ timeoutMs: -5 }), { providers, env })],
  ['a fractional timeout', () => createGateway(privcardsWith({ timeoutMs: 1.5 }), { providers, env })],
  ['an infinite timeout', () => createPrivCards({ apiKey: secret, timeoutMs: Number.POSITIVE_INFINITY })],
  ['too many retries', () => createGateway(privcardsWith({ maxRetries: 21 }), { providers, env })],
  ['a retry count that is a boolean', () => createGateway(privcardsWith({ maxRetries: true }), { providers, env })],
  ['an unknown backoff key', () => createGateway(privcardsWith({ retryBackoff: { min: 1 } }), { providers, env })],
  ['a negative backoff', () => createGateway(privcardsWith({ retryBackoff: { minDelayMs: -1 } }), { providers, env })],
  ['an unknown limit', () => createGateway(privcardsWith({ limits: { perDay: { limit: 1 } } }), { providers, env })],
  [
    'a limit of zero',
    () => createGateway(privcardsWith({ limits: { 'requests-per-minute': { limit: 0 } } }), { providers, env }),
  ],
  ['limits that are a list', () => createGateway(privcardsWith({ limits: [] }), { providers, env })],
  ['a limiter without acquire', () => createPrivCards({ apiKey: secret, limiter: {} as never })],
  ['hooks that are a string', () => createPrivCards({ apiKey: secret, hooks: 'SENTINEL' as never })],
  ['a logger that is a number', () => createPrivCards({ apiKey: secret, logger: 5 as never })],
  ['headers that are a string', () => createGateway(privcardsWith({ headers: 'SENTINEL' }), { providers, env })],
  ['a header that is a number', () => createGateway(privcardsWith({ headers: { 'X-Team': 5 } }), { providers, env })],
  ['an env that is a string', () => createPrivCards({ apiKey: secret, env: 'SENTINEL' as never })],
  [
    'insecure webhooks as a string',
    () => createPrivCards({ apiKey: secret, allowInsecureWebhookUrls: 'yes' as never }),
  ],
  ['a negative BIN cache', () => createGateway(privcardsWith({ binCacheTtlMs: -1 }), { providers, env })],
  // gatewayConfigFromEnv.
  ['an env that is null', () => gatewayConfigFromEnv(null as never)],
  ['no CARDGW_PROVIDERS', () => gatewayConfigFromEnv({})],
  ['an empty provider list', () => gatewayConfigFromEnv({ CARDGW_PROVIDERS: ' , ' })],
  ['a repeated provider variable', () => gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'privcards,privcards' })],
  ['a malformed provider name variable', () => gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'priv cards' })],
  ['the reserved name in CARDGW_PROVIDERS', () => gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'failover' })],
  [
    'an option set twice',
    () =>
      gatewayConfigFromEnv({
        CARDGW_PROVIDERS: 'privcards',
        CARDGW_PRIVCARDS_API_KEY: secret,
        CARDGW_PRIVCARDS_API_KEY_ENV: 'KEY',
      }),
  ],
  [
    'a secret reference that is not a variable name',
    () => gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'privcards', CARDGW_PRIVCARDS_API_KEY_ENV: 'SENTINEL-key' }),
  ],
  [
    'a policy variable that is not a policy',
    () => gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'privcards', CARDGW_FAILOVER_POLICY: 'SENTINEL' }),
  ],
  [
    'a breaker variable that is not a number',
    () => gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'privcards', CARDGW_FAILOVER_CONSECUTIVE_FAILURES: 'SENTINEL' }),
  ],
  [
    'a breaker variable of zero',
    () => gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'privcards', CARDGW_FAILOVER_CONSECUTIVE_FAILURES: '0' }),
  ],
  [
    'an unknown failover variable',
    () => gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'privcards', CARDGW_FAILOVER_MODE: 'SENTINEL' }),
  ],
  [
    'a variable that is broken JSON',
    () => gatewayConfigFromEnv({ CARDGW_PROVIDERS: 'privcards', CARDGW_PRIVCARDS_HEADERS: '{SENTINEL' }),
  ],
  // The other factories' options: every ConfigError ends as a sentence, whoever builds its message.
  ['a memory issuer named in capitals', () => createMemoryIssuer({ provider: 'Memory' })],
  ['a memory issuer without BINs', () => createMemoryIssuer({ bins: [] })],
  ['a failover composite of nothing', () => createFailoverIssuer([])],
  // A number for the issuers was a TypeError before.
  ['a failover composite of a number', () => createFailoverIssuer(5 as never)],
  ['a failover composite of one issuer, not in an array', () => createFailoverIssuer({} as never)],
  [
    'an HTTP client without a provider',
    () => createHttpClient({ provider: '', baseUrl: 'https://x.test', limits: [] }),
  ],
  ['an HTTP client with an ftp URL', () => createHttpClient({ provider: 'x', baseUrl: 'ftp://x.test', limits: [] })],
  ['a webhook handler without a secret', () => createWebhookHandler({ secret: '' } as never)],
];

function configErrorOf(build: () => unknown): ConfigError {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  if (!ConfigError.isInstance(thrown)) throw new Error(`expected a ConfigError, got ${String(thrown)}`);
  return thrown;
}

describe('ConfigError messages of the configuration paths', () => {
  it.each(cases)('reads as a whole sentence for %s', (_name, build) => {
    const { message } = configErrorOf(build);
    expect(message).toMatch(/[^.]\.$/);
    expect(message).not.toMatch(/received\W*$/i);
    expect(message).not.toMatch(/Invalid input|expected (record|object|number|string|int)\b|Too (small|big)/);
    expect(message).not.toMatch(/\bundefined\b|\bnull\b|\[object /);
    expect(message).not.toContain('SENTINEL');
    expect(message).not.toContain(seed);
  });

  it.each(cases.filter(([name]) => !name.startsWith('an env')))(
    'never names the env option the caller did not write, for %s',
    (_name, build) => {
      const error = configErrorOf(build);
      expect(error.message).not.toMatch(/\boption env\b|\.env\b/);
      expect(error.option ?? '').not.toMatch(/(^|\.)env$/);
    },
  );
});
