import { inspect } from 'node:util';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CardGatewayError } from '../errors/index.js';
import { Secret } from '../redaction/secret.js';
import { registerExampleCredentialShapes } from '../redaction/test-support/example-credential-shapes.js';
import { createHttpClient } from './http-client.js';
import { createFakeRateLimiter } from './test-support/fake-rate-limiter.js';
import { startTestServer, type TestServer } from './test-support/test-server.js';
import type { AuthStrategy, HttpClient, HttpMethod } from './types.js';

// The leakage audit: every error the pipeline produces, printed every way, with every hook payload and log line,
// must hold none of the sentinels, even though the provider echoes all of them back.

const apiKey = 'sk_test_SENTINELKEY123456';
const seed = 'c4f4-6e88-036c-761c';
const pan = '4916531288472039';
const sentinels = [
  apiKey,
  'SENTINELKEY',
  seed,
  pan,
  '4916 5312 8847 2039',
  '"cvv":"847"',
  'cvv":"847',
  "cvv: '847'",
  '847291',
];

// Everything a careless provider could echo: our headers, the PAN, CVV and OTP, in its message and its fields.
const echoed = {
  error: 'invalid_request',
  message: `bad request: Authorization: Bearer ${apiKey}, X-Seed: ${seed}, pan ${pan}, card 4916 5312 8847 2039, "cvv":"847", "otp":"847291"`,
  otp: '847291',
  cvv: '847',
  card_number: pan,
  seed,
  request_id: 'req_leak',
};
const echoedText = JSON.stringify(echoed);

let server: TestServer;
let refusedBaseUrl: string;

beforeAll(async () => {
  // As the adapters do for their own credentials: the seed strategy's run must still mask an echoed API key.
  registerExampleCredentialShapes();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  server = await startTestServer((request, response, raw) => {
    const route = request.url.replace(/^\/v1/, '').split('?')[0];
    const send = (status: number, body: string, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body);
    switch (route) {
      case '/status/400':
        return send(400, echoedText);
      case '/status/401':
        return send(401, echoedText);
      case '/status/404':
        return send(404, echoedText);
      case '/status/409':
        return send(409, echoedText);
      case '/status/422':
        return send(422, echoedText);
      case '/funds':
        return send(400, JSON.stringify({ ...echoed, error: 'insufficient_funds' }));
      case '/status/429':
        return send(429, echoedText, { 'Retry-After': '120' });
      case '/status/500':
        return send(500, echoedText);
      case '/status/503':
        return send(503, echoedText);
      case '/html':
        return send(200, `<html><p>${pan} cvv=847 otp=847291 ${apiKey} ${seed}</p></html>`, {
          'Content-Type': 'text/html',
        });
      case '/mismatch':
        return send(200, JSON.stringify({ ...echoed, id: 42 }));
      case '/reset':
        raw.socket.destroy();
        return;
      case '/hang':
        return;
      default:
        return send(200, JSON.stringify({ id: 'card_1' }));
    }
  });
  const closed = await startTestServer(() => {});
  refusedBaseUrl = closed.baseUrl;
  await closed.close();
});

afterAll(async () => {
  await server.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

const schema = z.object({ id: z.string() });
const body = { pan, cvv: '847', otp: '847291', seed, api_key: apiKey };

interface Scenario {
  readonly name: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly options?: () => { signal?: AbortSignal; timeoutMs?: number };
  readonly refused?: boolean;
  readonly limiterRefuses?: boolean;
}

const scenarios: Scenario[] = [
  ...['400', '401', '404', '409', '422', '429', '500', '503'].flatMap((status): Scenario[] => [
    { name: `GET ${status}`, method: 'GET', path: `/status/${status}` },
    { name: `POST ${status}`, method: 'POST', path: `/status/${status}` },
  ]),
  { name: 'insufficient funds', method: 'POST', path: '/funds' },
  { name: 'HTML page', method: 'GET', path: '/html' },
  { name: 'schema mismatch', method: 'GET', path: '/mismatch' },
  { name: 'reset GET', method: 'GET', path: '/reset' },
  { name: 'reset POST', method: 'POST', path: '/reset' },
  { name: 'deadline POST', method: 'POST', path: '/hang', options: () => ({ timeoutMs: 100 }) },
  { name: 'attempt timeouts GET', method: 'GET', path: '/hang' },
  { name: 'aborted', method: 'POST', path: '/hang', options: () => ({ signal: AbortSignal.timeout(50) }) },
  { name: 'refused', method: 'POST', path: '/cards', refused: true },
  { name: 'limiter refuses', method: 'GET', path: '/cards', limiterRefuses: true },
];

const strategies: { name: string; auth: AuthStrategy }[] = [
  {
    name: 'bearer key',
    auth: { headerName: 'Authorization', secret: new Secret(apiKey), format: (key) => `Bearer ${key}` },
  },
  { name: 'seed', auth: { headerName: 'X-Seed', secret: new Secret(seed) } },
];

/** Every way an application might print an error, down its whole cause chain. */
function printed(error: unknown): string[] {
  const out: string[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    out.push(String(current), inspect(current, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
    out.push(JSON.stringify(current) ?? '', JSON.stringify(Object.getOwnPropertyDescriptors(current)) ?? '');
    if (current instanceof Error) out.push(current.stack ?? '', current.message);
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

describe('the pipeline never leaks a secret, PAN, CVV or OTP', () => {
  for (const strategy of strategies) {
    it(`holds no sentinel in any error, hook payload or log line (${strategy.name})`, async () => {
      const captured: string[] = [];
      const record = (value: unknown) =>
        captured.push(JSON.stringify(value), inspect(value, { depth: Number.POSITIVE_INFINITY }));
      const logger = {
        debug: (object: Record<string, unknown>, message: string) => record({ object, message }),
        info: (object: Record<string, unknown>, message: string) => record({ object, message }),
        warn: (object: Record<string, unknown>, message: string) => record({ object, message }),
        error: (object: Record<string, unknown>, message: string) => record({ object, message }),
      };
      const hooks = { onRequest: record, onResponse: record, onRetry: record, onRateLimitWait: record };
      const clients: HttpClient[] = [];
      const errors: unknown[] = [];

      for (const scenario of scenarios) {
        const limiter = createFakeRateLimiter();
        if (scenario.limiterRefuses) {
          limiter.nextAcquire = () => Promise.reject(new Error(`limiter broke for ${apiKey} ${seed}`));
        } else {
          limiter.nextAcquire = async () => ({ waitedMs: 5, limitedBy: 'requests-per-minute' });
        }
        const client = createHttpClient({
          provider: 'acme',
          baseUrl: scenario.refused ? refusedBaseUrl : server.baseUrl,
          auth: strategy.auth,
          limits: [{ name: 'requests-per-minute', limit: 1000, windowMs: 60_000 }],
          limiter,
          attemptTimeoutMs: 40,
          retry: { maxRetries: 1, minDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1000 },
          hooks,
          logger,
        });
        clients.push(client);
        try {
          await client.request({
            operation: 'cards.create',
            method: scenario.method,
            path: scenario.path,
            query: { pan, otp: '847291' },
            body: scenario.method === 'GET' ? undefined : body,
            schema,
            options: scenario.options?.(),
          });
          errors.push(new Error(`${scenario.name} did not fail`));
        } catch (error) {
          errors.push(error);
        }
      }
      await Promise.all(clients.map((client) => client.close()));

      expect(errors.every((error) => CardGatewayError.isInstance(error))).toBe(true);
      expect(captured.length).toBeGreaterThan(scenarios.length);
      const everything = [...errors.flatMap(printed), ...captured].join('\n');
      for (const sentinel of sentinels) {
        const found = everything.split(sentinel).length - 1;
        expect({ sentinel, found }).toEqual({ sentinel, found: 0 });
      }
      // The audit looked at real content: the redacted provider message and the request ids made it through.
      expect(everything).toContain('bad request');
      expect(everything).toContain('req_leak');
    });
  }
});
