import { createServer, type Server } from 'node:http';
import { createWebhookHandler, usd, type WebhookEvent } from '@cardgw/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrivCards } from '../privcards-adapter.js';
import { privcardsWebhookProfile } from '../privcards-webhook-profile.js';
import { startPrivCardsSimulator } from './privcards-simulator.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('privcardsWebhookProfile', () => {
  it('names the assumed signature header and envelope beside the mapper', () => {
    expect(privcardsWebhookProfile.signatureHeader).toBe('X-Webhook-Signature');
    expect(privcardsWebhookProfile.envelope).toEqual({ id: 'id', type: 'type', createdAt: 'created_at', data: 'data' });
    expect(privcardsWebhookProfile.mapper.provider).toBe('privcards');
  });

  it('is all a webhook handler needs besides the secret to accept the simulator’s signed deliveries', async () => {
    const simulator = await startPrivCardsSimulator();
    const issuer = createPrivCards({
      apiKey: simulator.apiKey,
      baseUrl: simulator.url,
      env: {},
      allowInsecureWebhookUrls: true,
    });
    const events: WebhookEvent[] = [];
    const secret = 'whsec_profile_chosen_secret_0001';
    const handler = createWebhookHandler({
      ...privcardsWebhookProfile,
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
