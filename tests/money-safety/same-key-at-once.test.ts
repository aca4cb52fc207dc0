import { cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { type CryptoCardySimulator, startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { privcardsProvider } from '@cardgw/adapter-privcards';
import { type PrivCardsSimulator, startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { type Card, createGateway, type Gateway, type GatewayConfig, usd } from '@cardgw/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../test-support/fault-proxy.js';

// Issue 13, "the same key twice at once": the composite used to record where a key went only when the call ended, so
// a second call with the key while the first was under way could reach the other provider and issue a second card.

let privcards: PrivCardsSimulator;
let cryptocardy: CryptoCardySimulator;
let proxy: FaultProxy;
const gateways: Gateway[] = [];

beforeEach(async () => {
  privcards = await startPrivCardsSimulator();
  cryptocardy = await startCryptoCardySimulator();
  proxy = await startFaultProxy({ target: new URL(privcards.url).origin });
  // PrivCards issues the card at once; its answer takes a second to come back.
  proxy.setFault({ kind: 'delay', ms: 1_000 });
});

afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
  await proxy.close();
  await Promise.all([privcards.close(), cryptocardy.close()]);
});

function gateway(failover: GatewayConfig['failover']): Gateway {
  const built = createGateway(
    {
      providers: [
        { name: 'privcards', baseUrl: `${proxy.origin}/v1`, apiKey: { env: 'PRIVCARDS_API_KEY' } },
        { name: 'cryptocardy', baseUrl: cryptocardy.url, seed: { env: 'CRYPTOCARDY_SEED' } },
      ],
      failover,
    },
    {
      providers: [privcardsProvider, cryptocardyProvider],
      env: { PRIVCARDS_API_KEY: privcards.apiKey, CRYPTOCARDY_SEED: cryptocardy.seed },
    },
  );
  gateways.push(built);
  return built;
}

const cardsInTotal = () => privcards.backend.snapshot().cards.length + cryptocardy.backend.snapshot().cards.length;
const order42 = { binId: '491653', amount: usd(100) } as const;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a second call with the same idempotency key while the first is under way', () => {
  it('round-robin policy, sent again 100 ms into the first call: one card, the same for both callers', async () => {
    const issuer = gateway({ policy: 'round-robin' });
    const first = issuer.cards.create(order42, { idempotencyKey: 'order-42' });
    await delay(100);
    const second = issuer.cards.create(order42, { idempotencyKey: 'order-42' });

    const [firstCard, secondCard] = await Promise.all([first, second]);
    expect(firstCard.provider).toBe('privcards');
    expect(secondCard).toEqual(firstCard);
    expect(cardsInTotal()).toBe(1);
    // Round-robin still spreads new keys: the next new card starts at the other provider.
    proxy.setFault(undefined);
    expect((await issuer.cards.create(order42, { idempotencyKey: 'order-43' })).provider).toBe('cryptocardy');
  });

  it("ordered policy, the primary's circuit opened by another call meanwhile: one card, never the secondary", async () => {
    const issuer = gateway({ breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 } });
    let firstSettled = false;
    const first = issuer.cards.create(order42, { idempotencyKey: 'order-42' }).finally(() => {
      firstSettled = true;
    });
    // Once PrivCards has the creation (its answer is held by the proxy), another call fails at PrivCards (three 500s:
    // the attempt and its retries) and opens its circuit.
    while (!privcards.requests.some((request) => request.method === 'POST')) await delay(10);
    privcards.faults.failNext(3, 500);
    await expect(issuer.cards.get('privcards:card_missing')).rejects.toMatchObject({ code: 'server_error' });
    expect(issuer.health().find((health) => health.provider === 'privcards')?.state).toBe('open');
    expect(firstSettled).toBe(false);

    const second = await issuer.cards.create(order42, { idempotencyKey: 'order-42' });
    const firstCard: Card = await first;
    expect(firstCard.provider).toBe('privcards');
    expect(second).toEqual(firstCard);
    expect(cryptocardy.backend.snapshot().cards).toHaveLength(0);
    expect(cardsInTotal()).toBe(1);
  });

  it('2 to 10 callers with one key at once: one card, every caller gets it', async () => {
    const issuer = gateway({ policy: 'round-robin' });
    for (const callers of [2, 5, 10]) {
      const key = `order-at-once-${callers}`;
      const before = cardsInTotal();
      const results = await Promise.all(
        Array.from({ length: callers }, async (_, index) => {
          await delay(index * 20);
          return issuer.cards.create(order42, { idempotencyKey: key });
        }),
      );
      expect(new Set(results.map((card) => card.id)).size).toBe(1);
      expect(cardsInTotal() - before).toBe(1);
    }
  });
});
