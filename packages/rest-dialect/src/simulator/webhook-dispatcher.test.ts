import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { usd } from '@cardgw/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebhookDispatcher } from './webhook-dispatcher.js';

const servers: Server[] = [];

/** A receiver that always answers 500, so every event is retried to the last attempt. */
async function failingReceiver(): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(500).end());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
}

afterEach(async () => {
  vi.unstubAllGlobals();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

describe('createWebhookDispatcher', () => {
  it('leaves no abort listener on its stop signal once retried deliveries finish', async () => {
    // The dispatcher's first AbortController is its long-lived stop signal; record it to count its listeners.
    const controllers: AbortController[] = [];
    vi.stubGlobal(
      'AbortController',
      class extends AbortController {
        constructor() {
          super();
          controllers.push(this);
        }
      },
    );
    const backend = createMemoryIssuer({ provider: 'testpay' });
    await backend.webhooks.create({ url: await failingReceiver(), events: ['*'] });
    const dispatcher = createWebhookDispatcher({
      backend,
      signatureHeader: 'X-Webhook-Signature',
      attempts: 3,
      retryDelayMs: 1,
    });
    const stop = controllers[0];
    expect(stop).toBeDefined();
    for (let index = 0; index < 4; index += 1) await backend.cards.create({ binId: '491653', amount: usd(10) });
    await dispatcher.idle();
    expect(dispatcher.deliveries).toHaveLength(12);
    expect(dispatcher.deliveries.every((delivery) => delivery.status === 500)).toBe(true);
    expect(getEventListeners(stop!.signal, 'abort')).toHaveLength(0);
    await dispatcher.close();
  });

  it('stops retrying at once when closed', async () => {
    const backend = createMemoryIssuer({ provider: 'testpay' });
    await backend.webhooks.create({ url: await failingReceiver(), events: ['*'] });
    const dispatcher = createWebhookDispatcher({
      backend,
      signatureHeader: 'X-Webhook-Signature',
      attempts: 3,
      retryDelayMs: 60_000,
    });
    await backend.cards.create({ binId: '491653', amount: usd(10) });
    await vi.waitFor(() => expect(dispatcher.deliveries).toHaveLength(1));
    await dispatcher.close();
    expect(dispatcher.deliveries).toHaveLength(1);
  });
});
