import { privcardsWebhookMapper } from '@cardgw/adapter-privcards';
import { signWebhookPayload } from '@cardgw/core';
import { describe, expect, it, vi } from 'vitest';
import {
  type FastifyReplyLike,
  type FastifyRequestLike,
  type FastifyScopeLike,
  registerFastifyWebhookRoute,
} from './fastify-webhook.js';

type Handler = (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>;
type Parser = Parameters<FastifyScopeLike['addContentTypeParser']>[2];

const secret = 'whsec_fastify_test';
const body = JSON.stringify({
  id: 'evt_9',
  type: 'card.unfrozen',
  data: {
    id: 'card_1',
    bin_id: '491653',
    network: 'visa',
    status: 'active',
    last4: '4242',
    balance: 10,
    created_at: '2026-04-15T12:00:00Z',
  },
});

function fakeScope() {
  const registered: { path?: string; handler?: Handler; parser?: Parser; bodyLimit?: number; removed: boolean } = {
    removed: false,
  };
  const scope: FastifyScopeLike = {
    removeAllContentTypeParsers() {
      registered.removed = true;
    },
    addContentTypeParser(_contentType, options, parser) {
      registered.parser = parser;
      registered.bodyLimit = options.bodyLimit;
    },
    post(path, handler) {
      registered.path = path;
      registered.handler = handler;
    },
  };
  return { scope, registered };
}

function fakeReply() {
  const sent: { status?: number; body?: unknown } = {};
  const reply: FastifyReplyLike = {
    code(status) {
      sent.status = status;
      return this;
    },
    headers() {
      return this;
    },
    send(payload) {
      sent.body = JSON.parse(payload);
      return this;
    },
  };
  return { sent, reply };
}

describe('registerFastifyWebhookRoute', () => {
  it('swaps the scope’s parsers for a raw Buffer parser capped at maxBodyBytes and routes POST path', () => {
    const { scope, registered } = fakeScope();
    registerFastifyWebhookRoute(scope, '/hooks', {
      secret,
      mapper: privcardsWebhookMapper,
      onEvent: () => undefined,
      maxBodyBytes: 4096,
    });
    expect(registered).toMatchObject({ removed: true, path: '/hooks', bodyLimit: 4096 });
    const done = vi.fn();
    const raw = Buffer.from(body);
    registered.parser?.({}, raw, done);
    expect(done).toHaveBeenCalledWith(null, raw);
  });

  it('hands the raw body to handleWebhookRequest and answers with its status and JSON body', async () => {
    const { scope, registered } = fakeScope();
    const onEvent = vi.fn();
    registerFastifyWebhookRoute(scope, '/hooks', { secret, mapper: privcardsWebhookMapper, onEvent });
    const request = {
      method: 'POST',
      headers: { 'x-webhook-signature': signWebhookPayload(body, secret) },
      body: Buffer.from(body),
    };
    const first = fakeReply();
    await registered.handler?.(request, first.reply);
    expect(first.sent).toEqual({ status: 200, body: { received: true } });
    const second = fakeReply();
    await registered.handler?.(request, second.reply);
    expect(second.sent).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'card.unfrozen', provider: 'privcards' }));
    const unsigned = fakeReply();
    await registered.handler?.({ method: 'POST', headers: {}, body: undefined }, unsigned.reply);
    expect(unsigned.sent.status).toBe(401);
  });
});
