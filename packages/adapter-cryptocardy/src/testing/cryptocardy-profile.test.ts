import { createMemoryIssuer, isManualClock, type MemoryIssuer } from '@cardgw/adapter-memory';
import { InvalidRequestError, RateLimitError, usd } from '@cardgw/core';
import { mapRestBin, mapRestCard, mapRestCardDetails, mapRestDepositAddresses } from '@cardgw/rest-dialect';
import { describe, expect, it } from 'vitest';
import { cryptocardyCapabilities } from '../cryptocardy-capabilities.js';
import pageBins from '../fixtures/bins-list.json' with { type: 'json' };
import card from '../fixtures/card.json' with { type: 'json' };
import pageDetails from '../fixtures/card-details.json' with { type: 'json' };
import cardsList from '../fixtures/cards-list.json' with { type: 'json' };
import pageDepositAddresses from '../fixtures/deposit-address.json' with { type: 'json' };
import { cryptocardyProfile } from './index.js';

// The business rules of CryptoCardy's API page, judged on the double (`createMemoryIssuer(cryptocardyProfile)`), which
// also backs the simulator: each test quotes the page's line it checks. Page-silent choices are in the README's
// Assumptions.

const newCard = { binId: '491653', amount: usd(1) } as const;
const start = Date.parse('2026-01-01T00:00:00.000Z');

function clockOf(issuer: MemoryIssuer) {
  if (!isManualClock(issuer.clock)) throw new Error('expected the manual clock');
  return issuer.clock;
}

async function failure(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('cryptocardyProfile', () => {
  it('declares what the adapter declares (every operation and filter), with HTTPS-only webhooks', async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    expect(issuer.provider).toBe('cryptocardy');
    expect(issuer.capabilities).toEqual(cryptocardyCapabilities);
    // "url … HTTPS endpoint URL to receive events"
    const error = await failure(() => issuer.webhooks.create({ url: 'http://yourapp.com/hooks', events: ['*'] }));
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    await expect(issuer.wallet.deposits({ status: 'confirmed', asset: 'btc' })).resolves.toMatchObject({ data: [] });
  });

  it('refuses the 51st card in a minute: "50 Card Creates / Minute"', async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    for (let index = 0; index < 50; index++) await issuer.cards.create(newCard);
    const error = await failure(() => issuer.cards.create(newCard));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 60_100, status: undefined });
    expect(issuer.snapshot().cards).toHaveLength(50);
  });

  it("waits for a slot that comes within the call's deadline, as the adapter's limiter does, on the manual clock", async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    for (let index = 0; index < 50; index++) await issuer.cards.create(newCard);
    clockOf(issuer).advance(45_000);
    // The slot frees 60 s (+ the limiter's 100 ms margin) after the first create: 15.1 s more, within 30 s.
    expect(RateLimitError.isInstance(await failure(() => issuer.cards.create(newCard, { timeoutMs: 10_000 })))).toBe(
      true,
    );
    const card = await issuer.cards.create(newCard);
    expect(card.createdAt).toBe(new Date(start + 60_100).toISOString());
    expect(issuer.clock.now()).toBe(start + 60_100);
  });

  it('counts every request: "1,000 Requests / Minute", "10,000 Requests / Hour"', async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    for (let index = 0; index < 1_000; index++) await issuer.wallet.balance();
    expect(RateLimitError.isInstance(await failure(() => issuer.wallet.balance()))).toBe(true);
    // Every page of a list is a request.
    expect(RateLimitError.isInstance(await failure(() => issuer.bins.list()))).toBe(true);
    const hour = createMemoryIssuer(cryptocardyProfile);
    for (let minute = 0; minute < 10; minute++) {
      for (let index = 0; index < 1_000; index++) await hour.wallet.balance();
      clockOf(hour).advance(60_100);
    }
    const error = await failure(() => hour.wallet.balance());
    expect(error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('requests-per-hour') });
  });

  it('limits PAN/CVV reads: "Rate limited to 30 req/min"', async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    const created = await issuer.cards.create(newCard);
    for (let index = 0; index < 30; index++) await issuer.cards.details(created.id);
    expect(RateLimitError.isInstance(await failure(() => issuer.cards.details(created.id)))).toBe(true);
  });

  it('expires OTPs: "OTPs expire after 5 minutes"', async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    const created = await issuer.cards.create(newCard);
    const challenge = await issuer.simulate.threeDSChallenge(created.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
    expect(Date.parse(challenge.expiresAt) - Date.parse(challenge.createdAt!)).toBe(5 * 60_000);
    clockOf(issuer).advance(5 * 60_000);
    expect((await issuer.threeDS.get(challenge.id)).status).toBe('pending');
    clockOf(issuer).advance(1);
    expect((await issuer.threeDS.get(challenge.id)).status).toBe('expired');
    expect((await issuer.threeDS.list({ status: 'pending' })).data).toEqual([]);
  });

  it('disables auto-freeze with 0: "auto_freeze_at … Set auto-freeze threshold. 0 to disable."', async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    const created = await issuer.cards.create({ ...newCard, autoFreezeAt: usd(0) });
    expect(created.autoFreezeAt).toBeNull();
    await issuer.cards.update(created.id, { autoFreezeAt: usd(5) });
    expect((await issuer.cards.get(created.id)).autoFreezeAt).toEqual(usd(5));
    expect((await issuer.cards.update(created.id, { autoFreezeAt: usd(0) })).autoFreezeAt).toBeNull();
  });

  it('bounds funding and page sizes: "Min: $1.00, Max: $5,000.00", "per_page … (1-100)"', async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    const created = await issuer.cards.create(newCard);
    for (const amount of [usd(0.99), usd(5_000.01)]) {
      expect(InvalidRequestError.isInstance(await failure(() => issuer.cards.fund(created.id, { amount })))).toBe(true);
    }
    for (const perPage of [0, 101]) {
      expect(InvalidRequestError.isInstance(await failure(() => issuer.cards.list({ perPage })))).toBe(true);
      expect(InvalidRequestError.isInstance(await failure(() => issuer.transactions.list({ perPage })))).toBe(true);
    }
    // "per_page … Default: 25" (cards), "Default: 50" (transactions).
    expect((await issuer.cards.list()).perPage).toBe(25);
    expect((await issuer.transactions.list()).perPage).toBe(50);
  });

  it('lists cards with only the fields of the GET /cards example; GET /cards/{id} has the whole card', async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    const created = await issuer.cards.create({ ...newCard, label: 'Ads', metadata: { campaign: 'spring_2026' } });
    await issuer.simulate.purchase(created.id, { amount: usd(0.5), merchant: { name: 'FACEBK ADS' } });
    const [listed] = (await issuer.cards.list()).data;
    const documentedListItem = mapRestCard(cardsList.data[0] as Parameters<typeof mapRestCard>[0], 'cryptocardy');
    expect(Object.keys(listed!).sort()).toEqual(Object.keys(documentedListItem).sort());
    const fetched = await issuer.cards.get(created.id);
    const documentedCard = mapRestCard(card as Parameters<typeof mapRestCard>[0], 'cryptocardy');
    for (const field of Object.keys(documentedCard)) expect(fetched).toHaveProperty(field);
  });

  it('empty paginated lists have no pages, as the adapter computes from the wire', async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    expect(await issuer.transactions.list()).toMatchObject({ total: 0, totalPages: 0, hasMore: false });
    expect(await issuer.cards.list()).toMatchObject({ total: 0, totalPages: 0, hasMore: false });
    // Lists the page does not paginate are one (empty) page.
    expect(await issuer.webhooks.list()).toMatchObject({ total: 0, perPage: 0, totalPages: 1, hasMore: false });
  });
  it('issues from the page’s BINs and shows the page’s billing address, not the generic issuer’s', async () => {
    const issuer = createMemoryIssuer(cryptocardyProfile);
    const documented = pageBins.data.map((bin) => mapRestBin(bin as Parameters<typeof mapRestBin>[0], 'cryptocardy'));
    const listed = (await issuer.bins.list()).data;
    for (const bin of documented) {
      expect(listed.find((candidate) => candidate.providerId === bin.providerId)).toMatchObject({
        network: bin.network,
        type: bin.type,
        bestFor: bin.bestFor,
        maxTransaction: bin.maxTransaction,
        acceptanceRate: bin.acceptanceRate,
      });
    }
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    const expected = mapRestCardDetails(pageDetails as Parameters<typeof mapRestCardDetails>[0], 'cryptocardy');
    expect((await issuer.cards.details(card.id)).billingAddress).toEqual(expected.billingAddress);
    const pageAssets = mapRestDepositAddresses(
      pageDepositAddresses as Parameters<typeof mapRestDepositAddresses>[0],
      'cryptocardy',
    ).map(({ asset, network, minimumDeposit }) => ({ asset, network, minimumDeposit }));
    const offered = (await issuer.wallet.depositAddresses()).map(({ asset, network, minimumDeposit }) => ({
      asset,
      network,
      minimumDeposit,
    }));
    expect(offered).toEqual(pageAssets);
  });
});
