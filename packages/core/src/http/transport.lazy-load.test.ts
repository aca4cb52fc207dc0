import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { ConfigError as ConfigErrorClass } from '../errors/config-error.js';
import type { outcomeOf as outcomeOfFunction } from './call-outcome.js';
import type { createHttpClient as createHttpClientFunction } from './http-client.js';
import { startTestServer, type TestServer } from './test-support/test-server.js';

// axios is loaded by the first request, not by importing core or constructing a client (cold start, P6 in bench/).
// Each test imports the pipeline afresh (vi.resetModules) with axios mocked to count its loads or to fail loading.

const card = { id: 'card_8xK2m9Lp4q', balance: 487.5, status: 'active' };
const cardSchema = z.looseObject({ id: z.string(), balance: z.number(), status: z.string() });
const limits = [{ name: 'requests-per-minute', limit: 1000, windowMs: 60_000 }];

interface FreshPipeline {
  readonly createHttpClient: typeof createHttpClientFunction;
  readonly ConfigError: typeof ConfigErrorClass;
  readonly outcomeOf: typeof outcomeOfFunction;
}

async function freshPipeline(): Promise<FreshPipeline> {
  const { createHttpClient } = await import('./http-client.js');
  const { ConfigError } = await import('../errors/config-error.js');
  const { outcomeOf } = await import('./call-outcome.js');
  return { createHttpClient, ConfigError, outcomeOf };
}

let server: TestServer;

beforeEach(async () => {
  vi.resetModules();
  server = await startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(card));
  });
});

afterEach(async () => {
  vi.doUnmock('axios');
  vi.resetModules();
  await server.close();
});

describe('the HTTP library is loaded on the first request', () => {
  it('is not loaded by importing the pipeline or creating a client; the first calls load it once and succeed', async () => {
    let loads = 0;
    vi.doMock('axios', async (importOriginal) => {
      loads++;
      return await importOriginal();
    });
    const { createHttpClient } = await freshPipeline();
    const client = createHttpClient({ provider: 'acme', baseUrl: server.baseUrl, limits, retry: { maxRetries: 0 } });
    expect(loads).toBe(0);

    // Three first calls at once: each waits for the same load, none fails for arriving while it is under way.
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        client.request({ operation: 'cards.get', method: 'GET', path: '/cards/1', schema: cardSchema }),
      ),
    );
    expect(answers.map((answer) => answer.data)).toEqual([card, card, card]);
    expect(loads).toBe(1);

    const later = await client.request({ operation: 'cards.get', method: 'GET', path: '/cards/1', schema: cardSchema });
    expect(later.data).toEqual(card);
    expect(loads).toBe(1);
    expect(server.received).toHaveLength(4);
    await client.close();
  });

  it('a failure to load it is a ConfigError whose outcome is not_sent, not retried, nothing sent', async () => {
    vi.doMock('axios', () => {
      throw new Error("Cannot find package 'axios' imported from /srv/app/node_modules/@cardgw/core/dist/http");
    });
    const { createHttpClient, ConfigError, outcomeOf } = await freshPipeline();
    const client = createHttpClient({ provider: 'acme', baseUrl: server.baseUrl, limits });

    const failure = await client
      .request({ operation: 'cards.get', method: 'GET', path: '/cards/1', schema: cardSchema })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure).not.toBeInstanceOf(TypeError);
    expect((failure as Error).message).toMatch(/acme cards\.get: the HTTP library \(axios\) could not be loaded/);
    expect(outcomeOf(failure)).toBe('not_sent');
    expect(server.received).toHaveLength(0);
    await client.close();
  });

  it('after a failed load, the next call loads it again and succeeds', async () => {
    let attempts = 0;
    vi.doMock('axios', async (importOriginal) => {
      attempts++;
      if (attempts === 1) throw new Error('EMFILE: too many open files');
      return await importOriginal();
    });
    const { createHttpClient, ConfigError } = await freshPipeline();
    const client = createHttpClient({ provider: 'acme', baseUrl: server.baseUrl, limits });
    const call = () => client.request({ operation: 'cards.get', method: 'GET', path: '/cards/1', schema: cardSchema });

    await expect(call()).rejects.toBeInstanceOf(ConfigError);
    const answer = await call();
    expect(answer.data).toEqual(card);
    expect(attempts).toBe(2);
    expect(server.received).toHaveLength(1);
    await client.close();
  });
});
