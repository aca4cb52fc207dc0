import nock from 'nock';
import { z } from 'zod';
import type { RateLimitRule } from '../../rate-limit/types.js';
import { Secret } from '../../redaction/secret.js';
import { createHttpClient } from '../http-client.js';
import { parseJson } from '../response-parsing.js';
import type { HttpClient, HttpClientOptions, ProviderErrorReading } from '../types.js';
import { createFakeRateLimiter, type FakeRateLimiter } from './fake-rate-limiter.js';

export const baseUrl = 'https://api.acme.test/v1';
export const apiKey = 'sk_test_SENTINELKEY123456';

export const cardSchema = z.looseObject({ id: z.string(), balance: z.number(), status: z.string() });
export const card = { id: 'card_8xK2m9Lp4q', balance: 487.5, status: 'active' };

export const limits: readonly RateLimitRule[] = [
  { name: 'requests-per-minute', limit: 1000, windowMs: 60_000 },
  { name: 'card-creates-per-minute', limit: 50, windowMs: 60_000, operations: ['cards.create'] },
  { name: 'details-per-minute', limit: 30, windowMs: 60_000, operations: ['cards.details'] },
];

export interface TestClient {
  readonly client: HttpClient;
  readonly limiter: FakeRateLimiter;
}

/**
 * The test provider's error body, `{ error, message, code, request_id }` (the shape `providerError` builds): a refusal
 * when `code` equals the status and the status is 400, 401, 404 or 429. A test double of a provider's reader, so core's
 * tests do not load a dialect.
 */
export function readTestProviderError(status: number, body: string): ProviderErrorReading | undefined {
  const parsed = parseJson(body);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return undefined;
  const value = parsed.value as Record<string, unknown>;
  const text = (name: string) => (typeof value[name] === 'string' && value[name] !== '' ? value[name] : undefined);
  const error = text('error');
  return {
    code: error,
    message: text('message'),
    requestId: text('request_id'),
    refusal: error !== undefined && value.code === status && [400, 401, 404, 429].includes(status),
  };
}

/** A client on the mocked base URL with a recording limiter and millisecond backoffs, reading the test error body. */
export function createTestClient(overrides: Partial<HttpClientOptions> = {}): TestClient {
  const limiter = createFakeRateLimiter();
  const client = createHttpClient({
    provider: 'acme',
    baseUrl,
    auth: { headerName: 'Authorization', secret: new Secret(apiKey), format: (key) => `Bearer ${key}` },
    limits,
    limiter,
    retry: { minDelayMs: 1, maxDelayMs: 5 },
    readProviderError: readTestProviderError,
    ...overrides,
  });
  return { client, limiter };
}

export interface RecordedRequest {
  readonly headers: Record<string, string>;
  readonly path: string;
  readonly body: unknown;
}

/** The providers' documented error body for `status` (both API pages): what proves the provider itself answered. */
export function providerError(status: number, error: string, message = 'Refused.') {
  return { error, message, code: status, request_id: `req_${status}` };
}

export type MockReply = readonly [status: number, body?: string | object, headers?: Record<string, string>];

/** Answers `method path` with `replies`, each once and in order, recording every request's headers, path and body. */
export function mockSequence(method: 'get' | 'post' | 'patch' | 'delete', path: string | RegExp, replies: MockReply[]) {
  const recorded: RecordedRequest[] = [];
  const scope = nock(new URL(baseUrl).origin);
  for (const [status, body, headers] of replies) {
    scope[method](path).reply(function (uri, requestBody) {
      recorded.push({ headers: this.req.headers, path: uri, body: requestBody });
      return [status, body ?? '', headers ?? {}];
    });
  }
  return { scope, recorded };
}
