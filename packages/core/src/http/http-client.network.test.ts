import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AmbiguousOutcomeError,
  CardGatewayError,
  ProviderResponseError,
  ProviderUnavailableError,
  TimeoutError,
} from '../errors/index.js';
import { createLocalRateLimiter } from '../rate-limit/index.js';
import { Secret } from '../redaction/secret.js';
import { outcomeOf } from './call-outcome.js';
import { createHttpClient } from './http-client.js';
import { card, cardSchema, limits, readTestProviderError } from './test-support/client-fixtures.js';
import { createFakeRateLimiter } from './test-support/fake-rate-limiter.js';
import { selfSignedCertificate } from './test-support/self-signed-certificate.js';
import { type ReceivedRequest, startTestServer, type TestServer } from './test-support/test-server.js';
import type { HttpClient, HttpClientOptions, HttpResponseEvent, RateLimitWaitEvent } from './types.js';

// Resets, timeouts after the request was written and slow bodies are timed by a real server on 127.0.0.1.

const createCard = { operation: 'cards.create', method: 'POST', path: '/cards', schema: cardSchema } as const;
const getCard = { operation: 'cards.get', method: 'GET', path: '/cards/card_1', schema: cardSchema } as const;
const json = JSON.stringify(card);

let server: TestServer | undefined;
let client: HttpClient | undefined;
let closeRawServer: (() => Promise<void>) | undefined;

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});

afterEach(async () => {
  await client?.close();
  await server?.close();
  await closeRawServer?.();
  closeRawServer = undefined;
  client = undefined;
  server = undefined;
  if (!nock.isActive()) nock.activate();
  nock.cleanAll();
  nock.enableNetConnect();
});

type Handler = Parameters<typeof startTestServer>[0];

/**
 * A server below HTTP (plain TCP, or TLS with an untrusted certificate) on 127.0.0.1, for failures before a request
 * could be read. Counts the connections it accepted. nock is switched off: its pass-through would buffer the request.
 */
async function serveRaw(
  kind: 'tcp' | 'tls',
  onSocket: (socket: Socket) => void,
): Promise<{ origin: string; connections: () => number }> {
  nock.restore();
  let connections = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const created =
    kind === 'tcp'
      ? createNetServer((socket) => onSocket(socket))
      : createHttpsServer(selfSignedCertificate, (_request, response) => response.end(json));
  created.on('connection', track);
  created.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  const address = created.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  closeRawServer = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      created.close(() => resolve());
    });
  return { origin: `127.0.0.1:${port}`, connections: () => connections };
}

async function serve(handle: Handler): Promise<TestServer> {
  server = await startTestServer(handle);
  return server;
}

function connect(baseUrl: string, overrides: Partial<HttpClientOptions> = {}): HttpClient {
  client = createHttpClient({
    provider: 'acme',
    baseUrl,
    auth: { headerName: 'Authorization', secret: new Secret('sk_test_network'), format: (key) => `Bearer ${key}` },
    limits,
    limiter: createFakeRateLimiter(),
    retry: { minDelayMs: 1, maxDelayMs: 5 },
    readProviderError: readTestProviderError,
    ...overrides,
  });
  return client;
}

async function failure(promise: Promise<unknown>): Promise<CardGatewayError> {
  try {
    await promise;
  } catch (error) {
    if (CardGatewayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Answers each request with the next behaviour; the last one repeats. */
function sequence(...behaviours: Handler[]): Handler {
  let index = 0;
  return (request, response, raw) => {
    const behaviour = behaviours[Math.min(index++, behaviours.length - 1)];
    behaviour?.(request, response, raw);
  };
}
const reset: Handler = (_request, _response, raw) => raw.socket.destroy();
const hang: Handler = () => {};
const ok: Handler = (_request, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(json);
const keys = (received: readonly ReceivedRequest[]) => received.map((request) => request.headers['x-idempotency-key']);

describe('network failures', () => {
  it('calls a refused connection connection_failed, after retrying it', async () => {
    const closed = await startTestServer(ok);
    const { baseUrl } = closed;
    await closed.close();
    const responses: HttpResponseEvent[] = [];
    const http = connect(baseUrl, { hooks: { onResponse: (event) => responses.push(event) } });
    const error = await failure(http.request(createCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.code).toBe('connection_failed');
    expect(responses).toHaveLength(3);
    expect(JSON.stringify(error)).not.toContain('sk_test_network');
  });

  it('retries a reset with the same key and succeeds', async () => {
    const { baseUrl, received } = await serve(sequence(reset, ok));
    const response = await connect(baseUrl).request(createCard);
    expect(response.attempts).toBe(2);
    expect(new Set(keys(received)).size).toBe(1);
  });

  it('calls a GET that keeps being reset connection_reset', async () => {
    const { baseUrl, received } = await serve(reset);
    const error = await failure(connect(baseUrl).request(getCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.code).toBe('connection_reset');
    expect(received).toHaveLength(3);
  });

  it('ends a POST that keeps being reset after it was received in AmbiguousOutcomeError', async () => {
    const { baseUrl, received } = await serve(reset);
    const error = await failure(connect(baseUrl).request(createCard));
    expect(error).toBeInstanceOf(AmbiguousOutcomeError);
    expect((error as AmbiguousOutcomeError).idempotencyKey).toBe(keys(received)[0]);
    expect((error.cause as CardGatewayError).code).toBe('connection_reset');
  });
});

describe('timeouts', () => {
  it('retries an attempt that timed out after the request was written, with the same key', async () => {
    const { baseUrl, received } = await serve(sequence(hang, ok));
    const response = await connect(baseUrl, { attemptTimeoutMs: 100 }).request(createCard);
    expect(response.attempts).toBe(2);
    expect(keys(received)).toHaveLength(2);
    expect(new Set(keys(received)).size).toBe(1);
  });

  it('ends a POST whose every attempt timed out after sending in AmbiguousOutcomeError', async () => {
    const { baseUrl } = await serve(hang);
    const error = await failure(connect(baseUrl, { attemptTimeoutMs: 50 }).request(createCard));
    expect(error).toBeInstanceOf(AmbiguousOutcomeError);
    expect(error.cause).toBeInstanceOf(TimeoutError);
  });

  it('ends a GET whose every attempt timed out in TimeoutError timeout', async () => {
    const { baseUrl, received } = await serve(hang);
    const error = await failure(connect(baseUrl, { attemptTimeoutMs: 50 }).request(getCard));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('timeout');
    expect(received).toHaveLength(3);
  });

  it('ends a POST in flight when the deadline passes in AmbiguousOutcomeError', async () => {
    const { baseUrl, received } = await serve(hang);
    const error = await failure(connect(baseUrl, { timeoutMs: 150 }).request(createCard));
    expect(error).toBeInstanceOf(AmbiguousOutcomeError);
    expect((error.cause as CardGatewayError).code).toBe('timeout');
    expect(received).toHaveLength(1);
  });

  it('ends a GET in flight when the deadline passes in TimeoutError timeout', async () => {
    const { baseUrl } = await serve(hang);
    const error = await failure(connect(baseUrl).request({ ...getCard, options: { timeoutMs: 150 } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('timeout');
  });

  it('ends a slow-drip response at the deadline (an idle timeout would never fire)', async () => {
    const { baseUrl } = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"id":"card_1",');
      const drip = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(drip));
    });
    const error = await failure(connect(baseUrl, { timeoutMs: 300 }).request(getCard));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('timeout');
  });
});

describe('aborts', () => {
  it('stops a call in flight at once with TimeoutError aborted, naming the key of a POST', async () => {
    const { baseUrl } = await serve(hang);
    const controller = new AbortController();
    const call = connect(baseUrl).request({
      ...createCard,
      options: { signal: controller.signal, idempotencyKey: 'k-9' },
    });
    setTimeout(() => controller.abort(), 30);
    const error = await failure(call);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('aborted');
    expect(error.message).toContain('k-9');
  });

  it('stops during a backoff sleep', async () => {
    // A 25 s wait, longer than the test's own timeout: only an abort that cuts the sleep short lets this pass.
    const { baseUrl, received } = await serve((_request, response) =>
      response
        .writeHead(429, { 'Retry-After': '25', 'Content-Type': 'application/json' })
        .end(JSON.stringify({ error: 'rate_limit_exceeded', message: 'Slow down.', code: 429 })),
    );
    const controller = new AbortController();
    const http = connect(baseUrl, {
      timeoutMs: 60_000,
      hooks: { onRetry: () => setTimeout(() => controller.abort(), 10) },
    });
    const error = await failure(http.request({ ...getCard, options: { signal: controller.signal } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('aborted');
    expect(received).toHaveLength(1);
  });

  it('stops during a limiter wait, even with a limiter that ignores the signal', async () => {
    const { baseUrl, received } = await serve(ok);
    const limiter = createFakeRateLimiter();
    limiter.nextAcquire = () => new Promise(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await failure(
      connect(baseUrl, { limiter }).request({ ...getCard, options: { signal: controller.signal } }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('aborted');
    expect(received).toHaveLength(0);
  });

  it('ends a limiter wait at the deadline with TimeoutError timeout', async () => {
    const { baseUrl, received } = await serve(ok);
    const limiter = createFakeRateLimiter();
    limiter.nextAcquire = () => new Promise(() => {});
    const error = await failure(connect(baseUrl, { limiter, timeoutMs: 50 }).request(getCard));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('timeout');
    expect(received).toHaveLength(0);
  });

  it('never starts a call whose signal is already aborted', async () => {
    const { baseUrl, received } = await serve(ok);
    const error = await failure(connect(baseUrl).request({ ...getCard, options: { signal: AbortSignal.abort() } }));
    expect(error.code).toBe('aborted');
    expect(received).toHaveLength(0);
  });
});

describe('what reached the provider', () => {
  it('calls a TLS handshake that never completes connection_failed: the TCP connection alone sends nothing', async () => {
    const { origin } = await serveRaw('tcp', () => {});
    const http = connect(`https://${origin}/v1`, { attemptTimeoutMs: 100, retry: { maxRetries: 0 } });
    const error = await failure(http.request(createCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.code).toBe('connection_failed');
    expect(outcomeOf(error)).toBe('not_sent');
  });

  it('refuses an untrusted TLS certificate once, without retrying: connection_failed, nothing sent', async () => {
    const { origin, connections } = await serveRaw('tls', () => {});
    const http = connect(`https://${origin}/v1`);
    const error = await failure(http.request(createCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.code).toBe('connection_failed');
    expect(error.message).toContain('certificate');
    expect(outcomeOf(error)).toBe('not_sent');
    expect(connections()).toBe(1);
  });

  it('calls a reset before the whole request was written connection_failed, not an ambiguous outcome', async () => {
    // The server drops the connection at the first bytes of a body far larger than the socket buffers can hold.
    const { origin } = await serveRaw('tcp', (socket) => socket.once('data', () => socket.destroy()));
    const http = connect(`http://${origin}/v1`, { retry: { maxRetries: 0 } });
    const error = await failure(http.request({ ...createCard, body: { pad: 'x'.repeat(32 * 1024 * 1024) } }));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.code).toBe('connection_failed');
    expect(outcomeOf(error)).toBe('not_sent');
  });
});

describe('responses over the size limit (10 MB)', () => {
  const huge =
    (status: number): Handler =>
    (_request, response) =>
      response
        .writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': 'req_huge' })
        .end(`{"pad":"${'x'.repeat(11 * 1024 * 1024)}"}`);

  it('reads an oversized 2xx as an unreadable answer: ProviderResponseError with the request id, not retried', async () => {
    const { baseUrl, received } = await serve(huge(200));
    const error = await failure(connect(baseUrl).request(getCard));
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect(error).toMatchObject({ status: 200, requestId: 'req_huge' });
    expect(error.message).toContain('larger than');
    expect(received).toHaveLength(1);
  });

  it('ends a POST answered an oversized 2xx in AmbiguousOutcomeError: the provider acted', async () => {
    const { baseUrl, received } = await serve(huge(201));
    const error = await failure(connect(baseUrl).request(createCard));
    expect(error).toBeInstanceOf(AmbiguousOutcomeError);
    expect(error.requestId).toBe('req_huge');
    expect((error.cause as CardGatewayError).code).toBe('invalid_response');
    expect(received).toHaveLength(1);
  });

  it('takes an oversized error page by its status', async () => {
    const { baseUrl, received } = await serve(huge(503));
    const error = await failure(connect(baseUrl).request(getCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ code: 'server_error', status: 503, requestId: 'req_huge' });
    expect(received).toHaveLength(3);
  });
});

describe('close() ends the calls under way', () => {
  it('ends a call sleeping before its retry with client_closed, at once', async () => {
    // A 25 s Retry-After, longer than the test's own timeout: only a close that cuts the sleep short lets this pass.
    const { baseUrl, received } = await serve((_request, response) =>
      response
        .writeHead(429, { 'Retry-After': '25', 'Content-Type': 'application/json' })
        .end(JSON.stringify({ error: 'rate_limit_exceeded', message: 'Slow down.', code: 429 })),
    );
    const http = connect(baseUrl, { timeoutMs: 60_000, hooks: { onRetry: () => setTimeout(() => http.close(), 10) } });
    const error = await failure(http.request(createCard));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.code).toBe('client_closed');
    expect(outcomeOf(error)).toBe('not_sent');
    expect(received).toHaveLength(1);
  });

  it('ends a wait on a limiter of the caller’s with client_closed, and aborts the signal the limiter was given', async () => {
    const { baseUrl, received } = await serve(ok);
    const limiter = createFakeRateLimiter();
    limiter.nextAcquire = () => new Promise(() => {});
    const http = connect(baseUrl, { limiter, timeoutMs: 60_000 });
    const call = failure(http.request(createCard));
    setTimeout(() => http.close(), 20);
    const error = await call;
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.code).toBe('client_closed');
    expect(outcomeOf(error)).toBe('not_sent');
    expect(limiter.acquired[0]?.options?.signal?.aborted).toBe(true);
    expect(received).toHaveLength(0);
  });

  it('ends a POST on the wire in AmbiguousOutcomeError: it may have been received', async () => {
    let http: HttpClient | undefined;
    const { baseUrl } = await serve(() => void http?.close());
    http = connect(baseUrl, { timeoutMs: 60_000 });
    const error = await failure(http.request({ ...createCard, options: { idempotencyKey: 'close-1' } }));
    expect(error).toBeInstanceOf(AmbiguousOutcomeError);
    expect(error).toMatchObject({ idempotencyKey: 'close-1' });
    expect((error.cause as CardGatewayError).code).toBe('client_closed');
    expect(outcomeOf(error)).toBe('unknown');
  });
});

describe('connections', () => {
  it('reuses one keep-alive socket and destroys it on close', async () => {
    // nock's pass-through to 127.0.0.1 opens a socket per request: switch interception off to see the real agent.
    nock.restore();
    const test = await serve(ok);
    const http = connect(test.baseUrl);
    await http.request(getCard);
    await http.request(getCard);
    expect(test.openSockets()).toBe(1);
    await http.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(test.openSockets()).toBe(0);
  });
});

describe('with the real in-process limiter', () => {
  it('builds one from the limits when none is given, waits on it and reports the wait', async () => {
    const { baseUrl, received } = await serve(ok);
    expect(createLocalRateLimiter).toBeTypeOf('function');
    const waits: RateLimitWaitEvent[] = [];
    const http = connect(baseUrl, {
      limiter: undefined,
      limits: [{ name: 'two-per-200ms', limit: 2, windowMs: 200 }],
      hooks: { onRateLimitWait: (event) => waits.push(event) },
    });
    await Promise.all([http.request(getCard), http.request(getCard), http.request(getCard)]);
    expect(received).toHaveLength(3);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({ provider: 'acme', operation: 'cards.get', rule: 'two-per-200ms' });
    expect(waits[0]?.waitMs).toBeGreaterThan(0);
  });

  it('keeps the quotas of two providers apart on one shared limiter (rules reach it named per provider)', async () => {
    const { baseUrl, received } = await serve(ok);
    const shared = createLocalRateLimiter();
    const waits: RateLimitWaitEvent[] = [];
    const options = {
      limiter: shared,
      limits: [{ name: 'requests-per-minute', limit: 2, windowMs: 60_000 }],
      // A third request in the minute would wait 60 s: past this deadline, so it would fail instead.
      timeoutMs: 2_000,
      hooks: { onRateLimitWait: (event: RateLimitWaitEvent) => waits.push(event) },
    };
    const acme = connect(baseUrl, options);
    const globex = createHttpClient({ provider: 'globex', baseUrl, ...options });
    try {
      await Promise.all([acme, acme, globex, globex].map((http) => http.request(getCard)));
      expect(received).toHaveLength(4);
      expect(waits).toEqual([]);
      const third = await failure(acme.request(getCard));
      expect(third.code).toBe('rate_limited');
    } finally {
      await globex.close();
      await shared.close();
    }
  });
});

describe('many calls under way at once', () => {
  it('runs 50 concurrent calls on one client without a MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const server = createServer((_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createHttpClient({
      provider: 'testpay',
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { headerName: 'Authorization', secret: new Secret('sk_test_CONCURRENT123456') },
      limits: [],
    });
    try {
      const schema = { safeParse: (input: unknown) => ({ success: true as const, data: input }) };
      const results = await Promise.all(
        Array.from({ length: 50 }, () => client.request({ operation: 'cards.get', method: 'GET', path: '/x', schema })),
      );
      expect(results).toHaveLength(50);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((name) => name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
