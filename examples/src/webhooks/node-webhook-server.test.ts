import { privcardsWebhookMapper } from '@cardgw/adapter-privcards';
import { signWebhookPayload, type WebhookEvent } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { startWebhookServer } from './node-webhook-server.js';

describe('startWebhookServer (node:http example)', () => {
  it('receives a signed delivery over real HTTP, deduplicates its redelivery and refuses a forged one', async () => {
    const events: WebhookEvent[] = [];
    const secret = 'whsec_node_example';
    const server = await startWebhookServer({
      secret,
      mapper: privcardsWebhookMapper,
      onEvent: (event) => {
        events.push(event);
      },
    });
    try {
      const body = JSON.stringify({
        id: 'evt_1',
        type: 'card.terminated',
        created_at: '2026-04-15T12:00:00Z',
        data: {
          id: 'card_1',
          bin_id: '491653',
          network: 'visa',
          status: 'terminated',
          last4: '4242',
          balance: 0,
          created_at: '2026-04-15T12:00:00Z',
        },
      });
      const post = (signature: string, url = server.url) =>
        fetch(url, { method: 'POST', headers: { 'x-webhook-signature': signature }, body });
      expect((await post(signWebhookPayload(body, secret))).status).toBe(200);
      expect(await (await post(signWebhookPayload(body, secret))).json()).toEqual({ received: true, duplicate: true });
      expect((await post(signWebhookPayload(body, 'whsec_forged'))).status).toBe(401);
      expect((await post(signWebhookPayload(body, secret), server.url.replace('/webhooks', '/other'))).status).toBe(
        404,
      );
      expect(events).toEqual([expect.objectContaining({ id: 'privcards:evt_1', type: 'card.terminated' })]);
    } finally {
      await server.close();
    }
  });
});
