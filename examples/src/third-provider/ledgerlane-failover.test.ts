import { cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { type CryptoCardySimulator, startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { privcardsProvider } from '@cardgw/adapter-privcards';
import { type PrivCardsSimulator, startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import {
  AmbiguousOutcomeError,
  createGateway,
  type FailoverEvent,
  type Gateway,
  gatewayConfigFromEnv,
  InsufficientFundsError,
  NotFoundError,
  usd,
} from '@cardgw/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ledgerlaneProvider } from './ledgerlane-provider.js';
import { type LedgerLaneSimulator, startLedgerLaneSimulator } from './ledgerlane-simulator.js';

// The made-up provider in a failover gateway beside the two real adapters, each over its own simulator on 127.0.0.1.

let privcards: PrivCardsSimulator;
let cryptocardy: CryptoCardySimulator;
let ledgerlane: LedgerLaneSimulator;
let failovers: FailoverEvent[];
let gateway: Gateway | undefined;

beforeEach(async () => {
  [privcards, cryptocardy, ledgerlane] = await Promise.all([
    startPrivCardsSimulator(),
    startCryptoCardySimulator(),
    startLedgerLaneSimulator(),
  ]);
  failovers = [];
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await gateway?.close();
  gateway = undefined;
  await Promise.all([privcards.close(), cryptocardy.close(), ledgerlane.close()]);
});

type Name = 'privcards' | 'cryptocardy' | 'ledgerlane';

/** A gateway over the three simulators in `order`, built from plain config as an application builds it. */
function gatewayOf(order: readonly Name[], ledgerlaneToken?: string): Gateway {
  const entries = {
    privcards: { name: 'privcards', baseUrl: privcards.url, apiKey: { env: 'PRIVCARDS_API_KEY' }, timeoutMs: 5_000 },
    cryptocardy: { name: 'cryptocardy', baseUrl: cryptocardy.url, seed: { env: 'CRYPTOCARDY_SEED' }, timeoutMs: 5_000 },
    ledgerlane: { name: 'ledgerlane', baseUrl: ledgerlane.url, apiToken: { env: 'LEDGERLANE_API_TOKEN' } },
  };
  gateway = createGateway(
    { providers: order.map((name) => entries[name]) },
    {
      providers: [privcardsProvider, cryptocardyProvider, ledgerlaneProvider],
      env: {
        PRIVCARDS_API_KEY: privcards.apiKey,
        CRYPTOCARDY_SEED: cryptocardy.seed,
        LEDGERLANE_API_TOKEN: ledgerlaneToken ?? ledgerlane.apiToken,
      },
      hooks: { onFailover: (event) => failovers.push(event) },
    },
  );
  return gateway;
}

const cardsAt = (simulator: { backend: { snapshot(): { cards: readonly unknown[] } } }) =>
  simulator.backend.snapshot().cards.length;
const newCard = { binId: '491653', amount: usd(25), label: 'third provider' } as const;

describe('LedgerLane in a failover gateway beside PrivCards and CryptoCardy', () => {
  it('issues the card at LedgerLane when both real providers refuse connections, and routes the card there', async () => {
    const issuer = gatewayOf(['privcards', 'cryptocardy', 'ledgerlane']);
    await privcards.faults.refuseConnections();
    await cryptocardy.faults.refuseConnections();

    const card = await issuer.cards.create(newCard);

    expect(card.id).toMatch(/^ledgerlane:crd_\d+$/);
    expect(card.balance).toEqual(usd(25));
    expect(failovers.map((event) => [event.from, event.to])).toEqual([
      ['privcards', 'cryptocardy'],
      ['cryptocardy', 'ledgerlane'],
    ]);
    expect([cardsAt(privcards), cardsAt(cryptocardy), cardsAt(ledgerlane)]).toEqual([0, 0, 1]);
    // Everything about the card goes to its issuer by the id's prefix, whoever is up.
    const funded = await issuer.cards.fund(card.id, { amount: usd(10) });
    expect(funded.newBalance).toEqual(usd(35));
    expect((await issuer.cards.get(card.id)).balance).toEqual(usd(35));
    expect((await ledgerlane.backend.cards.get(card.id)).balance).toEqual(usd(35));
  });

  it('serves account-level reads from LedgerLane while the others are down', async () => {
    const issuer = gatewayOf(['privcards', 'cryptocardy', 'ledgerlane']);
    await privcards.faults.refuseConnections();
    await cryptocardy.faults.refuseConnections();
    const balance = await issuer.wallet.balance();
    expect(balance.provider).toBe('ledgerlane');
    const page = await issuer.bins.list();
    expect(page.provider).toBe('ledgerlane');
    expect(page.data.map((bin) => bin.id)).toContain('ledgerlane:491653');
  });

  it('never moves a create whose outcome at LedgerLane is unknown: AmbiguousOutcomeError with its key, one card', async () => {
    const issuer = gatewayOf(['ledgerlane', 'privcards', 'cryptocardy']);
    // Every attempt (the first and the pipeline's 2 retries, same key) is carried out, then its answer is lost.
    ledgerlane.faults.resetAfterCommitNext(3);

    const error = await issuer.cards.create(newCard).catch((caught: unknown) => caught);

    expect(AmbiguousOutcomeError.isInstance(error)).toBe(true);
    const ambiguous = error as AmbiguousOutcomeError;
    expect(ambiguous.provider).toBe('ledgerlane');
    expect(ambiguous.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(failovers).toEqual([]);
    expect([cardsAt(privcards), cardsAt(cryptocardy), cardsAt(ledgerlane)]).toEqual([0, 0, 1]);
    const posts = ledgerlane.requests.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(3);

    // Repeating with the key replays LedgerLane's first outcome: the same card, no second debit.
    const card = await issuer.cards.create(newCard, { idempotencyKey: ambiguous.idempotencyKey });
    expect(card.id).toBe(ledgerlane.backend.snapshot().cards[0]?.id);
    expect([cardsAt(privcards), cardsAt(cryptocardy), cardsAt(ledgerlane)]).toEqual([0, 0, 1]);
  });

  it("never moves a create after LedgerLane's 503: its answer does not prove nothing was done", async () => {
    const issuer = gatewayOf(['ledgerlane', 'privcards']);
    ledgerlane.faults.failNext(3, 503);
    const error = await issuer.cards.create(newCard).catch((caught: unknown) => caught);
    expect(AmbiguousOutcomeError.isInstance(error)).toBe(true);
    expect(failovers).toEqual([]);
    expect(cardsAt(privcards)).toBe(0);
  });

  it("gives LedgerLane's refusal (402, its own fault body) as InsufficientFundsError, without failing over", async () => {
    const issuer = gatewayOf(['ledgerlane', 'privcards']);
    // The simulator's wallet starts at $10,000: two $5,000 cards empty it.
    await issuer.cards.create({ binId: '491653', amount: usd(5_000) });
    await issuer.cards.create({ binId: '491653', amount: usd(5_000) });
    const error = await issuer.cards.create(newCard).catch((caught: unknown) => caught);
    expect(InsufficientFundsError.isInstance(error)).toBe(true);
    expect((error as InsufficientFundsError).status).toBe(402);
    expect((error as InsufficientFundsError).requestId).toMatch(/^lreq_[0-9a-f]{12}$/);
    expect(failovers).toEqual([]);
    expect([cardsAt(privcards), cardsAt(ledgerlane)]).toEqual([0, 2]);
  });

  // LedgerLane's documented refusals, read by its own error reader (`readLedgerLaneError`): each settles the create
  // (nothing was done), so the gateway fails over where the rules allow (401, 429) and gives the typed error otherwise.
  it('fails a create over to PrivCards when LedgerLane refuses its token (401, its fault body): settled, not ambiguous', async () => {
    const issuer = gatewayOf(['ledgerlane', 'privcards'], `llt_${'0'.repeat(32)}`);
    const card = await issuer.cards.create(newCard);
    expect(card.id).toMatch(/^privcards:/);
    expect(failovers).toEqual([
      { operation: 'cards.create', from: 'ledgerlane', to: 'privcards', reason: 'authentication_failed' },
    ]);
    expect([cardsAt(privcards), cardsAt(ledgerlane)]).toEqual([1, 0]);
  });

  it("fails a create over to PrivCards after LedgerLane's 429 on every attempt: a quota refusal, settled", async () => {
    const issuer = gatewayOf(['ledgerlane', 'privcards']);
    ledgerlane.faults.failNext(3, 429);
    const card = await issuer.cards.create(newCard);
    expect(card.id).toMatch(/^privcards:/);
    expect(failovers).toEqual([
      { operation: 'cards.create', from: 'ledgerlane', to: 'privcards', reason: 'rate_limited' },
    ]);
    expect(ledgerlane.requests.filter((request) => request.method === 'POST')).toHaveLength(3);
    expect([cardsAt(privcards), cardsAt(ledgerlane)]).toEqual([1, 0]);
  });

  it.each([
    [402, InsufficientFundsError, 'insufficient_funds'],
    [404, NotFoundError, 'not_found'],
  ] as const)(
    'gives a create refused %i by LedgerLane as its typed error, settled, without failing over',
    async (status, type, code) => {
      const issuer = gatewayOf(['ledgerlane', 'privcards']);
      ledgerlane.faults.failNext(1, status);
      const error = await issuer.cards.create(newCard).catch((caught: unknown) => caught);
      expect(type.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code, status, provider: 'ledgerlane', outcome: 'settled' });
      expect((error as Error).message).toContain('Injected failure.');
      expect(failovers).toEqual([]);
      expect([cardsAt(privcards), cardsAt(ledgerlane)]).toEqual([0, 0]);
    },
  );

  it('is chosen by configuration alone: CARDGW_PROVIDERS from process.env, its token from LEDGERLANE_API_TOKEN', async () => {
    vi.stubEnv('CARDGW_PROVIDERS', 'ledgerlane,privcards');
    vi.stubEnv('CARDGW_LEDGERLANE_BASE_URL', ledgerlane.url);
    vi.stubEnv('LEDGERLANE_API_TOKEN', ledgerlane.apiToken);
    vi.stubEnv('CARDGW_PRIVCARDS_BASE_URL', privcards.url);
    vi.stubEnv('PRIVCARDS_API_KEY', privcards.apiKey);
    gateway = createGateway(gatewayConfigFromEnv(), { providers: [privcardsProvider, ledgerlaneProvider] });

    const card = await gateway.cards.create(newCard);
    expect(card.id).toMatch(/^ledgerlane:crd_/);
    expect(gateway.health().map((provider) => provider.provider)).toEqual(['ledgerlane', 'privcards']);

    await ledgerlane.faults.refuseConnections();
    const next = await gateway.cards.create(newCard);
    expect(next.id).toMatch(/^privcards:/);
    expect(failovers).toEqual([]); // the hooks of the gateway built in gatewayOf(), not this one
  });

  it('does not move a create to LedgerLane after an ambiguous create at PrivCards', async () => {
    const issuer = gatewayOf(['privcards', 'ledgerlane']);
    privcards.faults.timeoutAfterCommitNext(3, { destroyAfterMs: 50 });
    const error = await issuer.cards.create(newCard).catch((caught: unknown) => caught);
    expect(AmbiguousOutcomeError.isInstance(error)).toBe(true);
    expect((error as AmbiguousOutcomeError).provider).toBe('privcards');
    expect(ledgerlane.requests).toEqual([]);
    expect(cardsAt(ledgerlane)).toBe(0);
  });
});
