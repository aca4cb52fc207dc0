import { inspect } from 'node:util';
import axios from 'axios';
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CardGatewayError, ProviderUnavailableError } from '../errors/index.js';
import { createHttpClient } from '../http/http-client.js';
import { createRedisRateLimiter } from '../rate-limit/redis-rate-limiter.js';
import { type RedisServerHandle, startRedisServer } from '../rate-limit/test-support/redis-server.js';
import { SanitizedCause } from './sanitize-cause.js';
import { Secret } from './secret.js';

// Issue 15 point 2: with a fail-closed Redis limiter and a wrong password, the caller's error held the password at
// `error.cause.command.args[0]`. No third-party error object (ioredis, axios, cockatiel) may reach a caller's error
// chain, hook or diagnostics channel as it is.

const redisPassword = 'R3d1s-Pa55word-SENTINEL';
const apiKey = 'sk_test_AXIOSCAUSE0123456789';

/** Every way the error and its causes print, and every own property of each, deeply. */
function everything(error: unknown): string {
  const texts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 10; depth++) {
    texts.push(
      String(current),
      current.stack ?? '',
      JSON.stringify(current) ?? '',
      inspect(current, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      JSON.stringify(Object.getOwnPropertyNames(current).map((name) => [name, String((current as never)[name])])),
    );
    current = current.cause;
  }
  return texts.join('\n');
}

describe('ioredis: a Redis that refuses our password', () => {
  let server: RedisServerHandle;
  beforeAll(async () => {
    server = await startRedisServer();
    // The server asks for a password; the limiter's client sends the wrong one.
    const admin = new Redis(server.url);
    await admin.config('SET', 'requirepass', 'the-right-password');
    admin.disconnect();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('the fail-closed limiter error reaches the caller without the password anywhere in its chain', async () => {
    const redis = new Redis(server.url, {
      password: redisPassword,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
      lazyConnect: false,
    });
    redis.on('error', () => {});
    const stateCauses: unknown[] = [];
    const client = createHttpClient({
      provider: 'acme',
      baseUrl: 'https://api.acme.example/v1',
      auth: { headerName: 'Authorization', secret: new Secret(apiKey), format: (key) => `Bearer ${key}` },
      limits: [{ name: 'requests-per-minute', limit: 100, windowMs: 60_000 }],
      limiter: createRedisRateLimiter({
        redis,
        keyPrefix: 'cardgw-test:auth',
        onRedisError: 'fail-closed',
        onStateChange: (_state, cause) => stateCauses.push(cause),
      }),
      retry: { maxRetries: 0 },
    });
    const errors: unknown[] = [];
    for (let call = 0; call < 2; call++) {
      errors.push(
        await client.request({ operation: 'cards.get', method: 'GET', path: '/cards/1', schema: z.object({}) }).then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
    }
    await client.close();
    redis.disconnect();
    for (const error of errors) {
      expect(ProviderUnavailableError.isInstance(error)).toBe(true);
      expect((error as CardGatewayError).code).toBe('rate_limiter_unavailable');
      const cause = (error as Error).cause;
      expect(cause).toBeInstanceOf(SanitizedCause);
      expect(cause).not.toHaveProperty('command');
      expect((cause as Error).message).toMatch(/WRONGPASS|NOAUTH|auth/i);
      expect(everything(error)).not.toContain(redisPassword);
    }
    // The limiter's own hook gets the cause sanitized too.
    expect(stateCauses.length).toBeGreaterThan(0);
    for (const cause of stateCauses) expect(everything(cause)).not.toContain(redisPassword);
  });
});

describe('axios: an error carrying the request config and its Authorization header', () => {
  it('becomes a sanitized cause: name, message and code kept, config and request dropped', async () => {
    const axiosError = await axios
      .get('http://127.0.0.1:1/v1/cards', { headers: { Authorization: `Bearer ${apiKey}` }, timeout: 2_000 })
      .then(
        () => undefined,
        (error: unknown) => error as Error,
      );
    expect(axios.isAxiosError(axiosError)).toBe(true);
    expect(JSON.stringify((axiosError as { config?: unknown }).config)).toContain(apiKey);

    const error = new ProviderUnavailableError('acme cards.get: could not connect', {
      provider: 'acme',
      cause: axiosError,
    });
    expect(error.cause).toBeInstanceOf(SanitizedCause);
    expect(error.cause).toMatchObject({ name: 'AxiosError', code: 'ECONNREFUSED' });
    expect(error.cause).not.toHaveProperty('config');
    expect(error.cause).not.toHaveProperty('request');
    expect(everything(error)).not.toContain(apiKey);
    expect(everything(error)).not.toContain('AXIOSCAUSE');
  });
});

describe('cockatiel: a BrokenCircuitError', () => {
  it('becomes a sanitized cause, and a cardgw error in a chain is kept as it is', async () => {
    const policy = circuitBreaker(handleAll, { halfOpenAfter: 60_000, breaker: new ConsecutiveBreaker(1) });
    await policy.execute(() => Promise.reject(new Error('down'))).catch(() => undefined);
    const broken = await policy
      .execute(() => Promise.resolve(1))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(broken).toBeInstanceOf(BrokenCircuitError);

    const inner = new ProviderUnavailableError('acme skipped', { provider: 'acme', cause: broken });
    const outer = new ProviderUnavailableError('all providers failed', { cause: inner });
    expect(inner.cause).toBeInstanceOf(SanitizedCause);
    expect(inner.cause).not.toBeInstanceOf(BrokenCircuitError);
    expect((inner.cause as Error).name).toBe('BrokenCircuitError');
    expect(outer.cause).toBe(inner);
  });

  it('a cause nested in a third-party error, a thrown string and an AggregateError are sanitized alike', () => {
    const nested = new Error('outer', { cause: Object.assign(new Error('inner'), { secret: apiKey }) });
    const fromNested = new ProviderUnavailableError('x', { cause: nested });
    expect((fromNested.cause as Error).cause).toBeInstanceOf(SanitizedCause);
    expect(everything(fromNested)).not.toContain(apiKey);

    expect((new ProviderUnavailableError('x', { cause: `Bearer ${apiKey}` }).cause as Error).message).toBe(
      'Bearer [redacted]',
    );
    const aggregate = new AggregateError([Object.assign(new Error('a'), { config: { apiKey } })], 'several');
    const fromAggregate = new ProviderUnavailableError('x', { cause: aggregate });
    expect((fromAggregate.cause as SanitizedCause).errors).toHaveLength(1);
    expect(everything(fromAggregate)).not.toContain(apiKey);
  });
});
