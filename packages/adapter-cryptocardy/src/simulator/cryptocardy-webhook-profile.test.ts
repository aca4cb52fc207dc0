import { createServer, type Server } from 'node:http';
import { createWebhookHandler, usd, type WebhookEvent } from '@cardgw/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createCryptoCardy } from '../cryptocardy-adapter.js';
import { provisionCryptoCardy } from '../cryptocardy-provisioning.js';
import { cryptocardyWebhookProfile } from '../cryptocardy-webhook-profile.js';
import { startCryptoCardySimulator } from './cryptocardy-simulator.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('cryptocardyWebhookProfile', () => {
  it('names the assumed signature header and envelope beside the mapper', () => {
    expect(cryptocardyWebhookProfile.signatureHeader).toBe('X-Webhook-Signature');
    expect(cryptocardyWebhookProfile.envelope).toEqual({
      id: 'id',
      type: 'type',
      createdAt: 'created_at',
      data: 'data',
    });
    expect(cryptocardyWebhookProfile.mapper.provider).toBe('cryptocardy');
  });

  it('is all a webhook handler needs besides the secret to accept the simulator’s signed deliveries', async () => {
    const simulator = await startCryptoCardySimulator();
    const { seed } = await provisionCryptoCardy({ baseUrl: simulator.url, card: 'visa', asset: 'BTC' });
    const issuer = createCryptoCardy({
      seed,
      baseUrl: simulator.url,
      env: {},
      allowInsecureWebhookUrls: true,
    });
    const events: WebhookEvent[] = [];
    const secret = 'whsec_profile_chosen_secret_0001';
    const handler = createWebhookHandler({
      ...cryptocardyWebhookProfile,
      secret,
      onEvent: (event) => {
        events.push(event);
      },
    });
    const receiver: Server = createServer((request, response) => void handler(request, response));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      await issuer.close();
      await simulator.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    });
    await issuer.webhooks.create({
      url: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`,
      events: ['card.created'],
      secret,
    });
    const card = await issuer.cards.create({ binId: '491653', amount: usd(5) });
    await simulator.webhooksIdle();
    expect(events.map((event) => [event.type, event.data])).toEqual([['card.created', card]]);
  });
});
