import { privcardsWebhookMapper } from '@cardgw/adapter-privcards';
import { signWebhookPayload, type WebhookEvent } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { createExpressWebhookRoute, type ExpressRequestLike, type ExpressResponseLike } from './express-webhook.js';

const secret = 'whsec_express_test';
const body = JSON.stringify({
  id: 'evt_1',
  type: 'card.created',
  created_at: '2026-04-15T12:00:00Z',
  data: {
    id: 'card_1',
    bin_id: '491653',
    network: 'visa',
    status: 'active',
    last4: '4242',
    balance: 12.5,
    created_at: '2026-04-15T12:00:00Z',
  },
});

function fakeResponse() {
  const sent: { status?: number; headers?: Record<string, string>; body?: unknown } = {};
  const response: ExpressResponseLike = {
    status(code) {
      sent.status = code;
      return this;
    },
    set(headers) {
      sent.headers = headers;
      return this;
    },
    send(text) {
      sent.body = JSON.parse(text);
      return this;
    },
  };
  return { sent, response };
}

describe('createExpressWebhookRoute', () => {
  const events: WebhookEvent[] = [];
  const route = createExpressWebhookRoute({
    secret,
    mapper: privcardsWebhookMapper,
    onEvent: (event) => {
      events.push(event);
    },
    onError: () => undefined,
  });
  const request = (overrides: Partial<ExpressRequestLike>): ExpressRequestLike => ({
    method: 'POST',
    headers: { 'x-webhook-signature': signWebhookPayload(body, secret), 'content-length': String(body.length) },
    body: Buffer.from(body),
    ...overrides,
  });

  it('passes the Buffer from express.raw() to handleWebhookRequest and answers its result as JSON', async () => {
    const { sent, response } = fakeResponse();
    await route(request({}), response);
    expect(sent).toMatchObject({ status: 200, body: { received: true } });
    expect(sent.headers?.['content-type']).toContain('application/json');
    expect(events).toEqual([expect.objectContaining({ id: 'privcards:evt_1', type: 'card.created' })]);
  });

  it('answers 500 explaining the raw-body rule when express.json() parsed the body first', async () => {
    const { sent, response } = fakeResponse();
    await route(request({ body: JSON.parse(body) }), response);
    expect(sent).toMatchObject({ status: 500, body: { error: 'webhook_payload_not_raw' } });
  });

  it('answers 401 to a request with no body at all', async () => {
    const { sent, response } = fakeResponse();
    await route(request({ body: {}, headers: { 'x-webhook-signature': 'a'.repeat(64) } }), response);
    expect(sent.status).toBe(401);
  });
});
