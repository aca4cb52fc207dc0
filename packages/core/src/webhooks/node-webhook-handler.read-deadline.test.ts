import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { Secret } from '../redaction/secret.js';
import {
  createWebhookHandler,
  defaultWebhookBodyReadTimeoutMs,
  type WebhookHandlerOptions,
} from './node-webhook-handler.js';
import {
  createTestWebhookDataMapper,
  testDelivery,
  testWebhookSecret,
} from './test-support/test-webhook-data-mapper.js';
import { signWebhookPayload } from './webhook-signature.js';

/* Issue 15 point 9: a body dripped at 1 byte/s held a connection for 326 s. */

const servers: Server[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const socket of sockets.splice(0)) socket.destroy();
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
  const onError = vi.fn();
  const onEvent = vi.fn();
  const handler = createWebhookHandler({
    secret: new Secret(testWebhookSecret),
    mapper: createTestWebhookDataMapper(),
    onEvent,
    onError,
    ...overrides,
  });
  const settled: Promise<void>[] = [];
  let onCalled: () => void = () => undefined;
  const called = new Promise<void>((resolve) => (onCalled = resolve));
  const server = createServer((request, response) => {
    settled.push(handler(request, response));
    onCalled();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, onError, onEvent, settled, called };
}

/** A raw connection that sends the head of a signed delivery and then only what `drip` writes. */
function openDrip(port: number) {
  const body = testDelivery();
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    `POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
      `X-Webhook-Signature: ${signWebhookPayload(body, testWebhookSecret)}\r\n\r\n${body.slice(0, 1)}`,
  );
  let sent = 1;
  const drip = () => {
    if (!socket.destroyed && sent < body.length) socket.write(body.slice(sent, ++sent));
  };
  return { drip, received: () => received, closed, socket };
}

describe('the webhook handler body-read deadline', () => {
  it(`answers 408 and closes the connection after the default ${defaultWebhookBodyReadTimeoutMs} ms`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { port, onError, onEvent, settled, called } = await startServer();
    const connection = openDrip(port);
    // Not vi.waitFor: under fake timers it advances them itself.
    await called;
    for (let second = 1; second < defaultWebhookBodyReadTimeoutMs / 1000; second++) {
      connection.drip();
      await vi.advanceTimersByTimeAsync(1000);
    }
    await vi.advanceTimersByTimeAsync(999);
    expect(connection.received()).toBe('');
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    // The server lets go of the socket: the sender sees it close although it never finished its body.
    await connection.closed;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(connection.received()).toContain('webhook_body_timeout');
    expect(connection.received()).toMatch(/connection: close/i);
    await settled[0];
    expect(onError).toHaveBeenCalledWith(expect.any(TimeoutError), expect.objectContaining({ status: 408 }));
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('answers 408 to a real sender dripping one byte every 20 ms past a 300 ms deadline, and frees the socket', async () => {
    const { port, onError, settled } = await startServer({ bodyReadTimeoutMs: 300 });
    const connection = openDrip(port);
    const dripping = setInterval(connection.drip, 20);
    try {
      await connection.closed;
    } finally {
      clearInterval(dripping);
    }
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    await settled[0];
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('still processes a delivery whose body arrives in pieces within the deadline', async () => {
    const { port, onEvent } = await startServer({ bodyReadTimeoutMs: 10_000 });
    const connection = openDrip(port);
    for (let index = 0; index < testDelivery().length; index++) connection.drip();
    await vi.waitFor(() => expect(connection.received()).toMatch(/^HTTP\/1\.1 200 /), { timeout: 5000 });
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('refuses a deadline outside 10 ms to 300 s, or not a number, with a ConfigError naming the option', () => {
    const base = { secret: testWebhookSecret, mapper: createTestWebhookDataMapper(), onEvent: () => undefined };
    for (const bodyReadTimeoutMs of [0, -1, 9, 300_001, Number.NaN, Number.POSITIVE_INFINITY, '5000' as never]) {
      expect(() => createWebhookHandler({ ...base, bodyReadTimeoutMs })).toThrow(ConfigError);
      expect(() => createWebhookHandler({ ...base, bodyReadTimeoutMs })).toThrow(/bodyReadTimeoutMs/);
    }
    for (const bodyReadTimeoutMs of [10, 5_000, 300_000, undefined]) {
      expect(() => createWebhookHandler({ ...base, bodyReadTimeoutMs })).not.toThrow();
    }
  });
});
