import { createServer, type Server } from 'node:http';
import {
  AuthenticationError,
  constructWebhookEvent,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
  usd,
} from '@cardgw/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrivCards, type PrivCardsIssuer } from '../privcards-adapter.js';
import type { PrivCardsOptions } from '../privcards-options.js';
import { privcardsWebhookMapper } from '../privcards-webhook-mapper.js';
import {
  type PrivCardsSimulator,
  type PrivCardsSimulatorOptions,
  startPrivCardsSimulator,
} from './privcards-simulator.js';

const cleanups: (() => Promise<void>)[] = [];

async function setup(
  simulatorOptions: PrivCardsSimulatorOptions = {},
  issuerOptions: PrivCardsOptions = {},
): Promise<{ simulator: PrivCardsSimulator; issuer: PrivCardsIssuer }> {
  const simulator = await startPrivCardsSimulator(simulatorOptions);
  const issuer = createPrivCards({ apiKey: simulator.apiKey, baseUrl: simulator.url, env: {}, ...issuerOptions });
  cleanups.push(async () => {
    await issuer.close();
    await simulator.close();
  });
  return { simulator, issuer };
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const newCard = { binId: '491653', amount: usd(50) } as const;

describe('PrivCards simulator', () => {
  it('speaks PrivCards’ wire format under /v1 with Bearer auth', async () => {
    const { simulator } = await setup();
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const response = await fetch(`${simulator.url}/wallet/balance`, {
      headers: { authorization: `Bearer ${simulator.apiKey}` },
    });
    expect(await response.json()).toMatchObject({ balance: 10_000, currency: 'USD', pending_deposits: 0 });
  });

  it('answers a wrong key with 401 in the documented shape, which the adapter maps to AuthenticationError', async () => {
    const { simulator } = await setup();
    const response = await fetch(`${simulator.url}/bins`, { headers: { authorization: 'Bearer sk_test_wrongwrong' } });
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      error: 'unauthorized',
      message: 'Missing or invalid API key.',
      code: 401,
      request_id: expect.any(String),
    });
    expect(response.headers.get('x-request-id')).toBe(body.request_id);
    const stranger = createPrivCards({ apiKey: 'sk_test_wrongwrong', baseUrl: simulator.url, env: {}, maxRetries: 0 });
    await expect(stranger.wallet.balance()).rejects.toSatisfy(AuthenticationError.isInstance);
    await stranger.close();
  });

  it('answers 404 on the endpoints PrivCards’ page does not document', async () => {
    const { simulator } = await setup();
    const headers = { authorization: `Bearer ${simulator.apiKey}` };
    expect((await fetch(`${simulator.url}/wallet/deposits`, { headers })).status).toBe(404);
    expect((await fetch(`${simulator.url}/3ds/3ds_000001`, { headers })).status).toBe(404);
  });

  it('lets the adapter retry a 503 with the same idempotency key: one card', async () => {
    const { simulator, issuer } = await setup();
    simulator.faults.failNext(1, 503);
    const card = await issuer.cards.create(newCard);
    expect(card.id).toBe('privcards:card_000001');
    expect(simulator.backend.snapshot().cards).toHaveLength(1);
    const posts = simulator.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.status)).toEqual([503, 201]);
    expect(posts[0]?.idempotencyKey).toBe(posts[1]?.idempotencyKey);
  });

  it('replays a create whose answer was lost after commit: the retry gets the same card, not a second one', async () => {
    const { simulator, issuer } = await setup();
    simulator.faults.timeoutAfterCommitNext(1, { destroyAfterMs: 20 });
    const card = await issuer.cards.create(newCard);
    expect(simulator.backend.snapshot().cards.map((created) => created.id)).toEqual([card.id]);
    expect(simulator.requests.map((request) => request.outcome)).toEqual(['timeout-after-commit', 'replayed']);
  });

  it('refuses a key reused with other parameters: InvalidRequestError idempotency_key_reused, still one card', async () => {
    const { simulator, issuer } = await setup();
    await issuer.cards.create(newCard, { idempotencyKey: 'campaign-12' });
    const error = await issuer.cards
      .create({ ...newCard, amount: usd(75) }, { idempotencyKey: 'campaign-12' })
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).code).toBe('idempotency_key_reused');
    expect(simulator.backend.snapshot().cards).toHaveLength(1);
  });

  it('lets the adapter retry a reset connection before anything executed', async () => {
    const { simulator, issuer } = await setup();
    simulator.faults.resetNext(1);
    await issuer.cards.fund((await issuer.cards.create(newCard)).id, { amount: usd(10) });
    expect(simulator.backend.snapshot().cards[0]?.balance).toEqual(usd(60));
  });

  it('refuses connections as a provider that is down: connection_failed', async () => {
    const { simulator, issuer } = await setup({}, { maxRetries: 0 });
    await simulator.faults.refuseConnections();
    const error = await issuer.wallet.balance().catch((caught: unknown) => caught);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect((error as ProviderUnavailableError).code).toBe('connection_failed');
    await simulator.faults.acceptConnections();
    await expect(issuer.wallet.balance()).resolves.toMatchObject({ balance: usd(10_000) });
  });

  it('enforces its limits strictly: a 429 with Retry-After reaches the adapter as RateLimitError', async () => {
    const { issuer } = await setup(
      { limits: { 'card-details-per-minute': { limit: 1 } } },
      { limits: { 'card-details-per-minute': { limit: 100 } }, maxRetries: 0 },
    );
    const card = await issuer.cards.create(newCard);
    await issuer.cards.details(card.id);
    const error = await issuer.cards.details(card.id).catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThanOrEqual(59_000);
  });

  it('delivers signed webhooks that the adapter’s mapper reads back into the same card', async () => {
    const received: { body: string; signature: string | undefined }[] = [];
    const receiver: Server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      received.push({
        body: Buffer.concat(chunks).toString(),
        signature: request.headers['x-webhook-signature'] as string,
      });
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => receiver.close(() => resolve())));
    const { simulator, issuer } = await setup({}, { allowInsecureWebhookUrls: true });
    const endpoint = await issuer.webhooks.create({
      url: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`,
      events: ['card.created'],
    });
    const card = await issuer.cards.create({ ...newCard, label: 'Hooked' });
    await simulator.webhooksIdle();
    expect(received).toHaveLength(1);
    const event = constructWebhookEvent({
      payload: received[0]!.body,
      signature: received[0]!.signature,
      secret: endpoint.secret!,
      mapper: privcardsWebhookMapper,
    });
    expect(event.type).toBe('card.created');
    expect(event.data).toEqual(card);
  });
});
