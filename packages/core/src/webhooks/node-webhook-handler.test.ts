import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebhookEvent } from '../domain/webhook.js';
import { ConfigError } from '../errors/config-error.js';
import { Secret } from '../redaction/secret.js';
import { createWebhookHandler, type WebhookHandlerOptions } from './node-webhook-handler.js';
import {
  createTestWebhookDataMapper,
  testDelivery,
  testWebhookSecret,
} from './test-support/test-webhook-data-mapper.js';
import { signWebhookPayload } from './webhook-signature.js';

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function startServer(overrides: Partial<WebhookHandlerOptions> = {}) {
  const events: WebhookEvent[] = [];
  const handler = createWebhookHandler({
    secret: new Secret(testWebhookSecret),
    mapper: createTestWebhookDataMapper(),
    onEvent: (event) => {
      events.push(event);
    },
    ...overrides,
  });
  const server = createServer((incoming, outgoing) => void handler(incoming, outgoing));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { events, port };
}

/** A real HTTP request; `body` chunks are written without ending when `leaveOpen` (a sender that keeps sending). */
function send(
  port: number,
  options: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer; leaveOpen?: boolean },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request({
      host: '127.0.0.1',
      port,
      path: '/webhooks',
      method: options.method ?? 'POST',
      headers: options.headers,
    });
    let replied = false;
    outgoing.on('response', (incoming) => {
      replied = true;
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          body: text === '' ? undefined : JSON.parse(text),
        });
        outgoing.destroy();
      });
    });
    // Once the server has answered (e.g. 413 and closed), a write error on our side is expected.
    outgoing.on('error', (error) => {
      if (!replied) reject(error);
    });
    if (options.body !== undefined) outgoing.write(options.body);
    if (options.leaveOpen) outgoing.flushHeaders();
    else outgoing.end();
  });
}

function signed(body: string, signature = signWebhookPayload(body, testWebhookSecret)) {
  return { body, headers: { 'content-type': 'application/json', 'x-webhook-signature': signature } };
}

describe('createWebhookHandler over real HTTP', () => {
  it('answers 200 { received: true } to a signed delivery and hands onEvent the typed event', async () => {
    const { events, port } = await startServer();
    const reply = await send(port, signed(testDelivery()));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toContain('application/json');
    expect(reply.body).toEqual({ received: true });
    expect(events).toEqual([expect.objectContaining({ id: 'testpay:evt_1', type: 'card.created' })]);
  });

  it('calls onEvent once for a replayed delivery and answers the replay as a duplicate', async () => {
    const onEvent = vi.fn();
    const { port } = await startServer({ onEvent });
    const delivery = signed(testDelivery({ id: 'evt_replayed' }));
    expect((await send(port, delivery)).body).toEqual({ received: true });
    expect((await send(port, delivery)).body).toEqual({ received: true, duplicate: true });
    expect((await send(port, delivery)).status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('answers 500 when onEvent throws, reports it to onError, and processes the redelivery', async () => {
    const onError = vi.fn();
    let calls = 0;
    const { port } = await startServer({
      onEvent: () => {
        calls += 1;
        if (calls === 1) throw new Error('downstream failed');
      },
      onError,
    });
    const delivery = signed(testDelivery());
    const failed = await send(port, delivery);
    expect(failed.status).toBe(500);
    expect(JSON.stringify(failed.body)).not.toContain('downstream failed');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'downstream failed' }),
      expect.objectContaining({ status: 500 }),
    );
    expect((await send(port, delivery)).body).toEqual({ received: true });
    expect(calls).toBe(2);
  });

  it('answers 401 to forged, tampered, truncated, unsigned and empty-signature deliveries, never echoing the secret', async () => {
    const { events, port } = await startServer();
    const body = testDelivery();
    const genuine = signWebhookPayload(body, testWebhookSecret);
    const attempts = [
      signed(body, signWebhookPayload(body, 'whsec_attacker')),
      signed(body.replace('"evt_1"', '"evt_2"'), genuine),
      signed(body.slice(0, body.length - 5), genuine),
      signed(body, ''),
      signed(body, genuine.slice(0, 40)),
      { body, headers: { 'content-type': 'application/json' } },
    ];
    for (const attempt of attempts) {
      const reply = await send(port, attempt);
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ error: 'webhook_signature_invalid' });
      expect(JSON.stringify(reply)).not.toContain(testWebhookSecret);
    }
    expect(events).toEqual([]);
  });

  it('accepts an upper-case hex signature', async () => {
    const { port } = await startServer();
    const body = testDelivery();
    expect((await send(port, signed(body, signWebhookPayload(body, testWebhookSecret).toUpperCase()))).status).toBe(
      200,
    );
  });

  it('answers 400 with a typed error to signed malformed JSON and to malformed data for a known type', async () => {
    const { events, port } = await startServer();
    const malformed = await send(port, signed('{"id": "evt_1", "type": "card.created", '));
    expect(malformed).toMatchObject({ status: 400, body: { error: 'webhook_body_malformed' } });
    const badData = await send(port, signed(testDelivery({ data: { id: 'card_1', status: 'active' } })));
    expect(badData).toMatchObject({ status: 400, body: { error: 'invalid_response' } });
    expect(events).toEqual([]);
  });

  it('delivers an unknown event type as unknown', async () => {
    const { events, port } = await startServer();
    expect((await send(port, signed(testDelivery({ type: 'wallet.drained', data: [1] })))).status).toBe(200);
    expect(events).toEqual([expect.objectContaining({ type: 'unknown', originalType: 'wallet.drained', data: [1] })]);
  });

  it('answers 405 with Allow: POST to a GET or PUT', async () => {
    const { events, port } = await startServer();
    const get = await send(port, { method: 'GET' });
    expect(get).toMatchObject({ status: 405, body: { error: 'method_not_allowed' } });
    expect(get.headers.allow).toBe('POST');
    expect((await send(port, { ...signed(testDelivery()), method: 'PUT' })).status).toBe(405);
    expect(events).toEqual([]);
  });

  it('answers 413 at once to a declared Content-Length over the default 1 MiB cap, before the body is sent', async () => {
    const { events, port } = await startServer();
    const reply = await send(port, {
      headers: { 'content-length': 1024 * 1024 + 1, 'x-webhook-signature': 'a'.repeat(64) },
      leaveOpen: true,
    });
    expect(reply).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
    expect(reply.headers.connection).toBe('close');
    expect(events).toEqual([]);
  });

  it('answers 413 to a chunked body as soon as it passes maxBodyBytes, without waiting for the rest', async () => {
    const onEvent = vi.fn();
    const { port } = await startServer({ maxBodyBytes: 1000, onEvent });
    const reply = await send(port, {
      headers: { 'transfer-encoding': 'chunked', 'x-webhook-signature': 'a'.repeat(64) },
      body: Buffer.alloc(1500, 0x20),
      leaveOpen: true,
    });
    expect(reply.status).toBe(413);
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('accepts a body of exactly maxBodyBytes', async () => {
    const { port } = await startServer({ maxBodyBytes: 2000 });
    const body = testDelivery().padEnd(2000, ' ');
    expect((await send(port, signed(body))).status).toBe(200);
  });

  it('refuses bad options at construction with a ConfigError naming the option', () => {
    const mapper = createTestWebhookDataMapper();
    const onEvent = () => undefined;
    expect(() => createWebhookHandler({ secret: '', mapper, onEvent })).toThrow(ConfigError);
    expect(() => createWebhookHandler({ secret: new Secret(''), mapper, onEvent })).toThrow(ConfigError);
    expect(() => createWebhookHandler({ secret: testWebhookSecret, mapper, onEvent, maxBodyBytes: 0 })).toThrow(
      ConfigError,
    );
    expect(() => createWebhookHandler({ secret: testWebhookSecret, mapper: {} as never, onEvent })).toThrow(/mapper/);
    // A store written for the older interface (claim and release only) would hide a lost event: refuse it.
    const oldStore = { claim: async () => true, release: async () => undefined } as never;
    expect(() => createWebhookHandler({ secret: testWebhookSecret, mapper, onEvent, store: oldStore })).toThrow(
      /store/,
    );
  });

  it('answers 503 with Retry-After over HTTP to a redelivery that arrives while the first is being processed', async () => {
    let finish: () => void = () => undefined;
    const onEvent = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { port } = await startServer({ onEvent });
    const delivery = signed(testDelivery({ id: 'evt_slow' }));
    const first = send(port, delivery);
    await vi.waitFor(() => expect(onEvent).toHaveBeenCalledTimes(1));
    const redelivery = await send(port, delivery);
    expect(redelivery).toMatchObject({ status: 503, body: { error: 'webhook_event_processing' } });
    expect(redelivery.headers['retry-after']).toMatch(/^\d+$/);
    finish();
    expect((await first).status).toBe(200);
    expect((await send(port, delivery)).body).toEqual({ received: true, duplicate: true });
  });
});
