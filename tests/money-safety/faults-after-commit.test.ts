import { cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { type CryptoCardySimulator, startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { createPrivCards, privcardsProvider } from '@cardgw/adapter-privcards';
import { type PrivCardsSimulator, startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { AmbiguousOutcomeError, type CardIssuer, createGateway, type FailoverEvent, usd } from '@cardgw/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FaultProxy, intermediaryPage, type ProxyFault, startFaultProxy } from '../test-support/fault-proxy.js';

// Issue 13, "an error answer after the provider committed": a proxy in front of PrivCards forwards POST /cards (the
// simulator issues the card), then answers the caller something else. Whatever it answers, the card exists: the
// caller must get AmbiguousOutcomeError with the key, and no other provider may issue a second card.

let privcards: PrivCardsSimulator;
let cryptocardy: CryptoCardySimulator;
let proxy: FaultProxy;
const issuers: CardIssuer[] = [];

beforeEach(async () => {
  privcards = await startPrivCardsSimulator();
  cryptocardy = await startCryptoCardySimulator();
  proxy = await startFaultProxy({ target: new URL(privcards.url).origin });
});

afterEach(async () => {
  await Promise.all(issuers.splice(0).map((issuer) => issuer.close()));
  await proxy.close();
  await Promise.all([privcards.close(), cryptocardy.close()]);
});

/** The gateway as configured by users: PrivCards (behind the proxy) first, CryptoCardy second, every default. */
function gatewayBehindProxy(failovers: FailoverEvent[] = [], privcardsOptions: Record<string, unknown> = {}) {
  const gateway = createGateway(
    {
      providers: [
        { name: 'privcards', baseUrl: `${proxy.origin}/v1`, apiKey: { env: 'PRIVCARDS_API_KEY' }, ...privcardsOptions },
        { name: 'cryptocardy', baseUrl: cryptocardy.url, seed: { env: 'CRYPTOCARDY_SEED' } },
      ],
    },
    {
      providers: [privcardsProvider, cryptocardyProvider],
      env: { PRIVCARDS_API_KEY: privcards.apiKey, CRYPTOCARDY_SEED: cryptocardy.seed },
      hooks: { onFailover: (event) => failovers.push(event) },
    },
  );
  issuers.push(gateway);
  return gateway;
}

const cardsInTotal = () => privcards.backend.snapshot().cards.length + cryptocardy.backend.snapshot().cards.length;
const order42 = { binId: '491653', amount: usd(100) } as const;

const statusFaults: readonly [string, ProxyFault][] = [
  [
    '503 + Retry-After: 1',
    {
      kind: 'status',
      status: 503,
      body: JSON.stringify({ error: 'service_unavailable' }),
      headers: { 'Retry-After': '1' },
    },
  ],
  ['500', { kind: 'status', status: 500, body: JSON.stringify({ error: 'internal_error' }) }],
  ['502', { kind: 'status', status: 502, body: '' }],
  ['503 without Retry-After', { kind: 'status', status: 503, body: '' }],
  ['504', { kind: 'status', status: 504, body: 'upstream request timeout' }],
  ["an intermediary's HTML 502 page", { kind: 'status', status: 502, body: intermediaryPage(502, 'Bad Gateway') }],
  [
    "an intermediary's HTML 503 page",
    { kind: 'status', status: 503, body: intermediaryPage(503, 'Service Temporarily Unavailable') },
  ],
  // A WAF refusing the provider's answer on its way back (it holds a card number): the card exists all the same.
  ["a WAF's HTML 403 page", { kind: 'status', status: 403, body: intermediaryPage(403, 'Forbidden') }],
  // Documented statuses, but not in the provider's error body: the proxy said so, not the provider.
  ["an intermediary's HTML 400 page", { kind: 'status', status: 400, body: intermediaryPage(400, 'Bad Request') }],
  ["an intermediary's 429 page", { kind: 'status', status: 429, body: intermediaryPage(429, 'Too Many Requests') }],
];

const brokenAnswers: readonly [string, ProxyFault][] = [
  ['a reset after the commit', { kind: 'reset' }],
  ['a truncated body', { kind: 'truncate' }],
];

describe('a card creation answered with an error after the provider committed (fault proxy)', () => {
  it.each([...statusFaults, ...brokenAnswers])(
    '%s: one card in total, and AmbiguousOutcomeError with the key',
    async (_name, fault) => {
      const failovers: FailoverEvent[] = [];
      const gateway = gatewayBehindProxy(failovers);
      proxy.setFault(fault);

      const error = await gateway.cards.create(order42, { idempotencyKey: 'order-42' }).catch((caught) => caught);

      expect(AmbiguousOutcomeError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({ idempotencyKey: 'order-42', provider: 'privcards', operation: 'cards.create' });
      expect(privcards.backend.snapshot().cards).toHaveLength(1);
      expect(cryptocardy.backend.snapshot().cards).toHaveLength(0);
      expect(failovers).toEqual([]);

      // Repeated once the proxy behaves: the provider replays the card it issued, and still only one exists.
      proxy.setFault(undefined);
      const card = await gateway.cards.create(order42, { idempotencyKey: 'order-42' });
      expect(card.provider).toBe('privcards');
      expect(card.id).toBe(`privcards:${privcards.backend.snapshot().cards[0]?.id.split(':').at(-1)}`);
      expect(cardsInTotal()).toBe(1);
    },
  );

  it('hung after the commit: one card in total, and AmbiguousOutcomeError with the key', async () => {
    const gateway = gatewayBehindProxy([], { attemptTimeoutMs: 200 });
    proxy.setFault({ kind: 'hang' });
    const error = await gateway.cards.create(order42, { idempotencyKey: 'order-42' }).catch((caught) => caught);
    expect(AmbiguousOutcomeError.isInstance(error), String(error)).toBe(true);
    expect(error).toMatchObject({ idempotencyKey: 'order-42', provider: 'privcards' });
    expect(cardsInTotal()).toBe(1);
  });

  it.each(statusFaults)(
    'the PrivCards adapter alone, answered %s: AmbiguousOutcomeError with the key, not a settled error',
    async (_name, fault) => {
      const adapter = createPrivCards({
        apiKey: privcards.apiKey,
        baseUrl: `${proxy.origin}/v1`,
        retryBackoff: { minDelayMs: 1, maxDelayMs: 5 },
      });
      issuers.push(adapter);
      proxy.setFault(fault);
      const error = await adapter.cards.create(order42, { idempotencyKey: 'order-42' }).catch((caught) => caught);
      expect(AmbiguousOutcomeError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({ idempotencyKey: 'order-42', provider: 'privcards' });
      expect(privcards.backend.snapshot().cards).toHaveLength(1);
    },
  );
});

describe('a funding answered with an error after the provider committed (fault proxy)', () => {
  it.each(statusFaults)('%s: applied once, and AmbiguousOutcomeError with the key', async (_name, fault) => {
    await proxy.close();
    proxy = await startFaultProxy({
      target: new URL(privcards.url).origin,
      matches: (method, path) => method === 'POST' && path.endsWith('/fund'),
    });
    const gateway = gatewayBehindProxy();
    const card = await gateway.cards.create(order42, { idempotencyKey: 'order-42' });
    proxy.setFault(fault);

    const error = await gateway.cards
      .fund(card.id, { amount: usd(50) }, { idempotencyKey: 'top-up-7' })
      .catch((caught) => caught);
    expect(AmbiguousOutcomeError.isInstance(error), String(error)).toBe(true);
    expect(error).toMatchObject({ idempotencyKey: 'top-up-7', provider: 'privcards', operation: 'cards.fund' });
    expect((await gateway.cards.get(card.id)).balance).toEqual(usd(150));

    // Repeated once the proxy behaves: the provider replays the funding; the card holds it once.
    proxy.setFault(undefined);
    await gateway.cards.fund(card.id, { amount: usd(50) }, { idempotencyKey: 'top-up-7' });
    expect((await gateway.cards.get(card.id)).balance).toEqual(usd(150));
  });
});

describe('failover for real outages keeps working', () => {
  it('moves a creation the provider refused with its documented 429, in its own error body', async () => {
    const failovers: FailoverEvent[] = [];
    const gateway = gatewayBehindProxy(failovers);
    privcards.faults.rateLimitNext(3, { retryAfterSeconds: 0.01 });
    const card = await gateway.cards.create(order42, { idempotencyKey: 'order-43' });
    expect(card.provider).toBe('cryptocardy');
    expect(failovers).toEqual([
      { operation: 'cards.create', from: 'privcards', to: 'cryptocardy', reason: 'rate_limited' },
    ]);
    expect(cardsInTotal()).toBe(1);
  });

  it('moves a creation the provider refused with its documented 401 (missing or invalid credentials)', async () => {
    const failovers: FailoverEvent[] = [];
    const gateway = gatewayBehindProxy(failovers, { apiKey: 'sk_test_notTheRightKey000' });
    const card = await gateway.cards.create(order42, { idempotencyKey: 'order-44' });
    expect(card.provider).toBe('cryptocardy');
    expect(failovers[0]?.reason).toBe('authentication_failed');
    expect(cardsInTotal()).toBe(1);
  });

  it('moves a creation whose connection was refused', async () => {
    const gateway = gatewayBehindProxy();
    await proxy.close();
    const card = await gateway.cards.create(order42, { idempotencyKey: 'order-45' });
    expect(card.provider).toBe('cryptocardy');
    expect(cardsInTotal()).toBe(1);
    proxy = await startFaultProxy({ target: new URL(privcards.url).origin });
  });
});
