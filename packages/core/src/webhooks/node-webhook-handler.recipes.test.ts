import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Secret } from '../redaction/secret.js';
import { handleWebhookRequest } from './handle-webhook-request.js';
import { createWebhookHandler } from './node-webhook-handler.js';
import {
  createTestWebhookDataMapper,
  testDelivery,
  testWebhookSecret,
} from './test-support/test-webhook-data-mapper.js';
import { createMemoryWebhookEventStore } from './webhook-event-store.js';
import { signWebhookPayload } from './webhook-signature.js';

/* The README's fastify and node:http recipes, run against the real frameworks (express's: the body-states test). */

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function deliver(url: string, body = testDelivery()) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-webhook-signature': signWebhookPayload(body, testWebhookSecret) },
    body,
  });
  return { status: response.status, body: await response.json() };
}

describe('the README recipes', () => {
  it('fastify: a scope whose parser keeps the Buffer, then handleWebhookRequest', async () => {
    const onEvent = vi.fn();
    const store = createMemoryWebhookEventStore();
    const app = Fastify();
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) =>
        done(null, body),
      );
      scope.post('/webhooks', async (request, reply) => {
        const result = await handleWebhookRequest({
          secret: new Secret(testWebhookSecret),
          mapper: createTestWebhookDataMapper(),
          onEvent,
          store,
          method: request.method,
          rawBody: (request.body as Buffer | undefined) ?? Buffer.alloc(0),
          headers: request.headers,
        });
        return reply.code(result.status).headers(result.headers).send(JSON.stringify(result.body));
      });
    });
    // The rest of the app keeps fastify's JSON parser.
    app.post('/other', async (request) => ({ parsed: request.body }));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    expect(await deliver(`${address}/webhooks`)).toEqual({ status: 200, body: { received: true } });
    expect(await deliver(`${address}/webhooks`)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect((await deliver(`${address}/other`, '{"a":1}')).body).toEqual({ parsed: { a: 1 } });
  });

  it('node:http: the request handed over unread, or its bytes kept in request.rawBody', async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({
      secret: new Secret(testWebhookSecret),
      mapper: createTestWebhookDataMapper(),
      onEvent,
    });
    const server: Server = createServer(async (request, response) => {
      if (request.url === '/webhooks') return void handler(request, response);
      // A server that reads the body itself first keeps the bytes for the handler.
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      void handler(Object.assign(request, { rawBody: Buffer.concat(chunks) }), response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await deliver(`${base}/webhooks`)).toEqual({ status: 200, body: { received: true } });
    expect(await deliver(`${base}/read-first`, testDelivery({ id: 'evt_2' }))).toEqual({
      status: 200,
      body: { received: true },
    });
    expect(onEvent).toHaveBeenCalledTimes(2);
  });
});
