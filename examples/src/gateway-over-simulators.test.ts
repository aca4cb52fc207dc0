import { cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { type CryptoCardySimulator, startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { privcardsProvider } from '@cardgw/adapter-privcards';
import { type PrivCardsSimulator, startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import {
  AmbiguousOutcomeError,
  type CardIssuer,
  createGateway,
  type FailoverEvent,
  type Gateway,
  type GatewayConfig,
  gatewayConfigFromEnv,
  usd,
} from '@cardgw/core';
import type { CircuitChangeEvent } from '@cardgw/core/provider-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The gateway over both providers' simulators, over real HTTP on 127.0.0.1: failover, no duplicates, the circuit
// breaker, and swapping providers by configuration alone.

let privcards: PrivCardsSimulator;
let cryptocardy: CryptoCardySimulator;
let env: Record<string, string>;
let failovers: FailoverEvent[];
let circuitChanges: CircuitChangeEvent[];
let privcardsRequests: number;
const gateways: Gateway[] = [];

beforeEach(async () => {
  privcards = await startPrivCardsSimulator();
  cryptocardy = await startCryptoCardySimulator();
  env = { PRIVCARDS_API_KEY: privcards.apiKey, CRYPTOCARDY_SEED: cryptocardy.seed };
  failovers = [];
  circuitChanges = [];
  privcardsRequests = 0;
});

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
  await Promise.all([privcards.close(), cryptocardy.close()]);
});

/** privcards first, cryptocardy second; a short pipeline (no waiting between retries) keeps the tests quick. */
function failoverGateway(breaker = { consecutiveFailures: 3, halfOpenAfterMs: 30_000 }): Gateway {
  const config: GatewayConfig = {
    providers: [
      {
        name: 'privcards',
        baseUrl: privcards.url,
        apiKey: { env: 'PRIVCARDS_API_KEY' },
        maxRetries: 1,
        timeoutMs: 5_000,
      },
      { name: 'cryptocardy', baseUrl: cryptocardy.url, seed: { env: 'CRYPTOCARDY_SEED' }, timeoutMs: 5_000 },
    ],
    failover: { breaker },
  };
  const gateway = createGateway(config, {
    providers: [privcardsProvider, cryptocardyProvider],
    env,
    hooks: {
      onFailover: (event) => failovers.push(event),
      onCircuitChange: (event) => circuitChanges.push(event),
      onRequest: (event) => {
        if (event.provider === 'privcards') privcardsRequests++;
      },
    },
  });
  gateways.push(gateway);
  return gateway;
}

const newCard = { binId: '491653', amount: usd(25), label: 'failover' } as const;

describe('the gateway over the PrivCards and CryptoCardy simulators', () => {
  it('issues every new card at the secondary while the primary refuses connections', async () => {
    const gateway = failoverGateway();
    await privcards.faults.refuseConnections();
    const cards = [];
    for (let index = 0; index < 3; index++) cards.push(await gateway.cards.create(newCard));
    expect(cards.map((card) => card.provider)).toEqual(['cryptocardy', 'cryptocardy', 'cryptocardy']);
    expect(failovers[0]).toEqual({
      operation: 'cards.create',
      from: 'privcards',
      to: 'cryptocardy',
      reason: 'connection_failed',
    });
    expect(privcards.backend.snapshot().cards).toHaveLength(0);
    expect(cryptocardy.backend.snapshot().cards).toHaveLength(3);
    // Calls about a card go to its own provider, wherever it was issued.
    await gateway.cards.fund(cards[0]!.id, { amount: usd(5) });
    expect((await gateway.cards.get(cards[0]!.id)).balance).toEqual(usd(30));
  });

  it('answers AmbiguousOutcomeError, never a second card elsewhere, when the primary commits and never answers', async () => {
    const gateway = failoverGateway();
    // Every attempt (first + 1 retry) commits at PrivCards (the retry replays the same key) and gets no answer.
    privcards.faults.timeoutAfterCommitNext(2, { destroyAfterMs: 10 });
    const failure = await gateway.cards.create(newCard).catch((error: unknown) => error);
    expect(AmbiguousOutcomeError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ provider: 'privcards', operation: 'cards.create' });
    expect(failovers).toEqual([]);
    expect(privcards.backend.snapshot().cards).toHaveLength(1);
    expect(cryptocardy.backend.snapshot().cards).toHaveLength(0);

    // Repeating with the error's key replays the first outcome: still one card in all.
    const { idempotencyKey } = failure as AmbiguousOutcomeError;
    const card = await gateway.cards.create(newCard, { idempotencyKey });
    expect(card.id).toBe(privcards.backend.snapshot().cards[0]?.id);
    expect(privcards.backend.snapshot().cards).toHaveLength(1);
    expect(cryptocardy.backend.snapshot().cards).toHaveLength(0);
  });

  it('opens the breaker, skips the primary, probes it after the cool-down and closes on success', async () => {
    // Only Date is faked: cockatiel reads Date.now for the cool-down, and sockets keep their real timers.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const gateway = failoverGateway({ consecutiveFailures: 2, halfOpenAfterMs: 60_000 });
    await privcards.faults.refuseConnections();
    await gateway.cards.create(newCard);
    await gateway.cards.create(newCard);
    expect(gateway.health()[0]).toMatchObject({
      provider: 'privcards',
      state: 'open',
      lastErrorCode: 'connection_failed',
    });

    await privcards.faults.acceptConnections();
    const requestsWhileOpen = privcardsRequests;
    expect((await gateway.cards.create(newCard)).provider).toBe('cryptocardy');
    expect(privcardsRequests).toBe(requestsWhileOpen);
    expect(failovers.at(-1)?.reason).toBe('circuit_open');

    vi.setSystemTime(Date.now() + 60_000);
    expect((await gateway.cards.create(newCard)).provider).toBe('privcards');
    expect(circuitChanges).toEqual([
      { provider: 'privcards', state: 'open' },
      { provider: 'privcards', state: 'half-open' },
      { provider: 'privcards', state: 'closed' },
    ]);
    expect(gateway.health()[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('runs the same application code against PrivCards, then CryptoCardy, chosen by configuration alone', async () => {
    // Application code: knows nothing of providers.
    const application = async (issuer: CardIssuer) => {
      const card = await issuer.cards.create({ bin: { network: 'visa', bestFor: ['meta_ads'] }, amount: usd(40) });
      await issuer.cards.fund(card.id, { amount: usd(10) });
      await issuer.cards.freeze(card.id);
      const read = await issuer.cards.get(card.id);
      return { id: read.id, status: read.status, balance: read.balance };
    };
    const variables = {
      ...env,
      CARDGW_PRIVCARDS_BASE_URL: privcards.url,
      CARDGW_PRIVCARDS_API_KEY_ENV: 'PRIVCARDS_API_KEY',
      CARDGW_CRYPTOCARDY_BASE_URL: cryptocardy.url,
      CARDGW_CRYPTOCARDY_SEED_ENV: 'CRYPTOCARDY_SEED',
    };
    for (const provider of ['privcards', 'cryptocardy']) {
      const deployment = { ...variables, CARDGW_PROVIDERS: provider };
      const gateway = createGateway(gatewayConfigFromEnv(deployment), {
        providers: [privcardsProvider, cryptocardyProvider],
        env: deployment,
      });
      gateways.push(gateway);
      const result = await application(gateway);
      expect(result.id.startsWith(`${provider}:`)).toBe(true);
      expect(result).toMatchObject({ status: 'frozen', balance: usd(50) });
    }
    expect(privcards.backend.snapshot().cards).toHaveLength(1);
    expect(cryptocardy.backend.snapshot().cards).toHaveLength(1);
  });
});
