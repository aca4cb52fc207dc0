import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Secret } from '../redaction/secret.js';
import { createWebhookHandler, type WebhookHandlerOptions } from './node-webhook-handler.js';
import type { WebhookIncomingMessage } from './read-webhook-body.js';
import {
  createTestWebhookDataMapper,
  testDelivery,
  testWebhookSecret,
} from './test-support/test-webhook-data-mapper.js';
import { signWebhookPayload } from './webhook-signature.js';

/*
 * Issue 11 point 3: a body already read (express.json(), a server that read the request first) or a stream that ended,
 * closed, errored or was destroyed must be answered at once, reported to onError, and settle the handler's promise.
 */

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

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

/** A handler whose every call is recorded, with how it settled, and every onError report. */
function recordedHandler(overrides: Partial<WebhookHandlerOptions> = {}) {
  const onEvent = vi.fn();
  const onError = vi.fn();
  const handler = createWebhookHandler({
    secret: new Secret(testWebhookSecret),
    mapper: createTestWebhookDataMapper(),
    onEvent,
    onError,
    ...overrides,
  });
  const calls: Promise<'settled'>[] = [];
  const handle = (incoming: WebhookIncomingMessage, outgoing: ServerResponse) => {
    const call = handler(incoming, outgoing).then(() => 'settled' as const);
    calls.push(call);
    return call;
  };
  /** How the handler's last call ended: 'settled', or 'hung' when it did not within 3 s (it should be immediate). */
  const lastCall = async () => {
    await vi.waitFor(() => expect(calls.length).toBeGreaterThan(0), { timeout: 3000 });
    const hung = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 3000).unref());
    return Promise.race([calls.at(-1) as Promise<'settled'>, hung]);
  };
  const callCount = () => calls.length;
  return { handle, onEvent, onError, lastCall, callCount };
}

async function listen(listener: Listener): Promise<number> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** A signed delivery over real HTTP; `undefined` when the server closed the connection without answering. */
function post(port: number, body = testDelivery()): Promise<Reply | undefined> {
  return new Promise((resolve) => {
    const outgoing = request({
      host: '127.0.0.1',
      port,
      path: '/webhooks',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-webhook-signature': signWebhookPayload(body, testWebhookSecret),
      },
    });
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    outgoing.on('error', () => resolve(undefined));
    outgoing.end(body);
  });
}

describe('createWebhookHandler behind express', () => {
  it('answers 500 naming the cause, reports it and settles when express.json() parsed the body first', async () => {
    const { handle, onEvent, onError, lastCall } = recordedHandler();
    const app = express();
    app.use(express.json());
    app.post('/webhooks', (incoming, outgoing) => void handle(incoming, outgoing));
    const reply = await post(await listen(app));
    expect(reply?.status).toBe(500);
    expect(reply?.body).toMatchObject({ error: 'webhook_payload_not_raw', message: expect.stringMatching(/parsed/) });
    expect(await lastCall()).toBe('settled');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'webhook_payload_not_raw' }),
      expect.objectContaining({ status: 500 }),
    );
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('processes the delivery with express.raw() on the route (the recipe), app-wide express.json() after it', async () => {
    const { handle, onEvent } = recordedHandler();
    const app = express();
    app.post('/webhooks', express.raw({ type: () => true }), (incoming, outgoing) => void handle(incoming, outgoing));
    app.use(express.json());
    expect(await post(await listen(app))).toEqual({ status: 200, body: { received: true } });
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ id: 'testpay:evt_1' }));
  });

  it('processes the delivery when an app-wide express.json() keeps the bytes in request.rawBody', async () => {
    const { handle, onEvent } = recordedHandler();
    const app = express();
    app.use(
      express.json({
        verify: (incoming, _outgoing, buffer) => {
          (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = buffer;
        },
      }),
    );
    app.post('/webhooks', (incoming, outgoing) => void handle(incoming, outgoing));
    expect(await post(await listen(app))).toEqual({ status: 200, body: { received: true } });
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('reads the stream itself when express.json() skipped a body of another content type', async () => {
    const { handle, onEvent } = recordedHandler();
    const app = express();
    app.use(express.json({ type: 'application/vnd.other+json' }));
    app.post('/webhooks', (incoming, outgoing) => void handle(incoming, outgoing));
    expect((await post(await listen(app)))?.status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(1);
  });
});

describe('createWebhookHandler on node:http with a body read or broken before or during the call', () => {
  it('answers 500 webhook_body_consumed when the server read the request before calling the handler', async () => {
    const { handle, onError, lastCall } = recordedHandler();
    const port = await listen(async (incoming, outgoing) => {
      for await (const _chunk of incoming) {
        // The application read the body for its own purposes.
      }
      void handle(incoming, outgoing);
    });
    const reply = await post(port);
    expect(reply).toMatchObject({ status: 500, body: { error: 'webhook_body_consumed' } });
    expect(await lastCall()).toBe('settled');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'webhook_body_consumed' }), expect.anything());
  });

  it('answers 500 when the stream was drained by resume() and has ended', async () => {
    const { handle, lastCall } = recordedHandler();
    const port = await listen((incoming, outgoing) => {
      incoming.resume();
      incoming.once('end', () => void handle(incoming, outgoing));
    });
    expect(await post(port)).toMatchObject({ status: 500, body: { error: 'webhook_body_consumed' } });
    expect(await lastCall()).toBe('settled');
  });

  it('processes a request that earlier code paused', async () => {
    const { handle, onEvent, lastCall } = recordedHandler();
    const port = await listen((incoming, outgoing) => {
      incoming.pause();
      setTimeout(() => void handle(incoming, outgoing), 20);
    });
    expect((await post(port))?.status).toBe(200);
    expect(await lastCall()).toBe('settled');
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  for (const [name, breakStream] of [
    ['destroyed', (incoming: IncomingMessage) => incoming.destroy()],
    ['errored', (incoming: IncomingMessage) => incoming.destroy(new Error('stream failed'))],
  ] as const) {
    it(`settles and reports webhook_body_incomplete for a stream ${name} before the call`, async () => {
      const { handle, onEvent, onError, lastCall } = recordedHandler();
      const port = await listen((incoming, outgoing) => {
        breakStream(incoming);
        void handle(incoming, outgoing);
      });
      await post(port);
      expect(await lastCall()).toBe('settled');
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ code: 'webhook_body_incomplete' }),
        expect.objectContaining({ status: 400 }),
      );
      expect(onEvent).not.toHaveBeenCalled();
    });

    it(`settles and reports webhook_body_incomplete for a stream ${name} during reading`, async () => {
      const { handle, onEvent, onError, lastCall } = recordedHandler();
      const port = await listen((incoming, outgoing) => {
        void handle(incoming, outgoing);
        incoming.once('data', () => breakStream(incoming));
      });
      const socket = connect(port, '127.0.0.1');
      // Half of a declared body: the handler is reading when the stream breaks.
      socket.write('POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"id":"evt_1"');
      expect(await lastCall()).toBe('settled');
      socket.destroy();
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ code: 'webhook_body_incomplete' }),
        expect.anything(),
      );
      expect(onEvent).not.toHaveBeenCalled();
    });
  }

  it('settles and reports webhook_body_incomplete when the sender closes the connection mid-body', async () => {
    const { handle, onError, lastCall, callCount } = recordedHandler();
    const port = await listen((incoming, outgoing) => void handle(incoming, outgoing));
    const socket = connect(port, '127.0.0.1');
    socket.write('POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"id":"evt_1"');
    await vi.waitFor(() => expect(callCount()).toBe(1));
    socket.destroy();
    expect(await lastCall()).toBe('settled');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'webhook_body_incomplete' }),
      expect.anything(),
    );
  });

  it('answers an empty-bodied request read before the call as empty (401 unsigned), not as consumed', async () => {
    const { handle, lastCall } = recordedHandler();
    const port = await listen((incoming, outgoing) => {
      incoming.resume();
      incoming.once('end', () => void handle(incoming, outgoing));
    });
    const reply = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port, method: 'POST', path: '/webhooks' }, (incoming) => {
        incoming.resume();
        resolve(incoming.statusCode ?? 0);
      }).end();
    });
    expect(reply).toBe(401);
    expect(await lastCall()).toBe('settled');
  });
});
