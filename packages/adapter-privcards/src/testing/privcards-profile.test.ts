import { createMemoryIssuer, isManualClock, type MemoryIssuer } from '@cardgw/adapter-memory';
import { InvalidRequestError, NotFoundError, RateLimitError, UnsupportedOperationError, usd } from '@cardgw/core';
import { mapRestBin, mapRestCard, mapRestCardDetails, mapRestDepositAddresses } from '@cardgw/rest-dialect';
import { describe, expect, it } from 'vitest';
import pageBins from '../fixtures/bins-list.json' with { type: 'json' };
import createdCard from '../fixtures/card-create.json' with { type: 'json' };
import pageDetails from '../fixtures/family-card-details.json' with { type: 'json' };
import cardsList from '../fixtures/family-cards-list.json' with { type: 'json' };
import pageDepositAddresses from '../fixtures/family-deposit-address.json' with { type: 'json' };
import { privcardsCapabilities } from '../privcards-capabilities.js';
import { privcardsProfile } from './index.js';

// The business rules of PrivCards' API page, judged on the double (`createMemoryIssuer(privcardsProfile)`), which also
// backs the simulator: each test quotes the page's line it checks. Page-silent choices are in the README's Assumptions.

const newCard = { binId: '491653', amount: usd(500) } as const;

function advance(issuer: MemoryIssuer, ms: number): void {
  if (!isManualClock(issuer.clock)) throw new Error('expected the manual clock');
  issuer.clock.advance(ms);
}

async function failure(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('privcardsProfile', () => {
  it('declares what the adapter declares, with HTTPS-only webhooks', () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    expect(issuer.provider).toBe('privcards');
    expect(issuer.capabilities).toEqual(privcardsCapabilities);
    expect(issuer.capabilities.allowsInsecureWebhookUrls).toBe(false);
  });

  it('throws UnsupportedOperationError for what the page does not offer, as the adapter does', async () => {
    // GET /cards: "status", "bin_id", "page", "per_page"; GET /transactions: "card_id", "type", "from", "to", "page";
    // no deposits history, no 3DS challenge by id.
    const issuer = createMemoryIssuer(privcardsProfile);
    const card = await issuer.cards.create(newCard);
    const refused = [
      () => issuer.transactions.list({ merchant: 'FACEBK' }),
      () => issuer.transactions.list({ minAmount: usd(1), maxAmount: usd(2) }),
      () => issuer.transactions.list({ perPage: 10 }),
      () => issuer.cards.list({ label: 'Ads' }),
      () => issuer.cards.list({ sort: 'balance', order: 'asc' }),
      () => issuer.threeDS.get('privcards:3ds_000001'),
      () => issuer.wallet.deposits(),
    ];
    for (const call of refused) expect(UnsupportedOperationError.isInstance(await failure(call))).toBe(true);
    expect((await issuer.transactions.list({ cardId: card.id, type: 'settlement', from: '2026-01-01' })).data).toEqual(
      [],
    );
    expect((await issuer.cards.list({ status: 'active', binId: '491653', perPage: 5 })).data).toHaveLength(1);
  });

  it('refuses http:// webhooks: "url … HTTPS endpoint URL to receive events"', async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    const error = await failure(() => issuer.webhooks.create({ url: 'http://yourapp.com/hooks', events: ['*'] }));
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).issues.map((issue) => issue.field)).toEqual(['url']);
    await expect(issuer.webhooks.create({ url: 'https://yourapp.com/hooks', events: ['*'] })).resolves.toMatchObject({
      active: true,
    });
  });

  it('bounds the initial funding: "amount … Min: $1.00, Max: $5,000.00"', async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    for (const amount of [usd(0.99), usd(5_000.01)]) {
      expect(InvalidRequestError.isInstance(await failure(() => issuer.cards.create({ ...newCard, amount })))).toBe(
        true,
      );
    }
    await expect(issuer.cards.create({ ...newCard, amount: usd(1) })).resolves.toMatchObject({ balance: usd(1) });
    await expect(issuer.cards.create({ ...newCard, amount: usd(5_000) })).resolves.toMatchObject({
      balance: usd(5_000),
    });
  });

  it('bounds funding: "POST /cards/{id}/fund amount … Min: $1.00, Max: $5,000.00"', async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    const card = await issuer.cards.create(newCard);
    for (const amount of [usd(0.99), usd(5_000.01)]) {
      expect(InvalidRequestError.isInstance(await failure(() => issuer.cards.fund(card.id, { amount })))).toBe(true);
    }
    await expect(issuer.cards.fund(card.id, { amount: usd(5_000) })).resolves.toMatchObject({ amount: usd(5_000) });
  });

  it('bounds the label: "label … Custom label for the card (max 64 chars)"', async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    await expect(issuer.cards.create({ ...newCard, label: 'x'.repeat(64) })).resolves.toMatchObject({
      label: 'x'.repeat(64),
    });
    expect(
      InvalidRequestError.isInstance(await failure(() => issuer.cards.create({ ...newCard, label: 'x'.repeat(65) }))),
    ).toBe(true);
  });

  it('bounds metadata: "metadata … Key-value pairs for your internal tracking (max 20 keys)", merged ones too', async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`key${index}`, index]));
    const card = await issuer.cards.create({ ...newCard, metadata: twenty });
    const created = await failure(() => issuer.cards.create({ ...newCard, metadata: { ...twenty, extra: 1 } }));
    expect(InvalidRequestError.isInstance(created)).toBe(true);
    // Refused by the provider once merged: a 400 answer with its request id, as the adapter reports it.
    const merged = await failure(() => issuer.cards.update(card.id, { metadata: { extra: 1 } }));
    expect(merged).toMatchObject({ code: 'invalid_request', status: 400, issues: [] });
    expect((merged as InvalidRequestError).requestId).toMatch(/^req_[0-9a-f]{12}$/);
  });

  it("answers the create call with the fields of the page's POST /cards example, auto_freeze_at null", async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    const card = await issuer.cards.create({
      binId: '491653',
      amount: usd(500),
      label: 'Meta Ads Campaign #12',
      spendingLimit: usd(2_000),
      allowedCategories: ['advertising'],
      autoFreezeAt: usd(0),
      metadata: { campaign: 'spring_2026' },
    });
    const documented = mapRestCard(createdCard as Parameters<typeof mapRestCard>[0], 'privcards');
    expect(Object.keys(card).sort()).toEqual(Object.keys(documented).sort());
    expect(card.autoFreezeAt).toBeNull();
    expect((await issuer.cards.get(card.id)).autoFreezeAt).toBeNull();
  });

  it("lists cards as the family's GET /cards summary: id, BIN, network, last4, status, balance, label, created_at", async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    await issuer.cards.create({ ...newCard, label: 'Ads', spendingLimit: usd(100), metadata: { a: 1 } });
    const [listed] = (await issuer.cards.list()).data;
    const documented = mapRestCard(cardsList.data[0] as Parameters<typeof mapRestCard>[0], 'privcards');
    expect(Object.keys(listed!).sort()).toEqual(Object.keys(documented).sort());
    expect(listed!.spendingLimit).toBeUndefined();
  });

  it('limits PAN/CVV reads: "Limité à 30 req/min", refused before the provider as the adapter does', async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    const card = await issuer.cards.create(newCard);
    for (let index = 0; index < 30; index++) await issuer.cards.details(card.id);
    const error = await failure(() => issuer.cards.details(card.id));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'rate_limited', status: undefined, requestId: undefined, retryable: true });
    expect((error as RateLimitError).retryAfterMs).toBe(60_100);
    // Other calls are not held up by the details quota.
    await expect(issuer.cards.get(card.id)).resolves.toMatchObject({ id: card.id });
    advance(issuer, 60_100);
    await expect(issuer.cards.details(card.id)).resolves.toMatchObject({ cardId: card.id });
  });

  it('turns the limits off with limits: false', async () => {
    const issuer = createMemoryIssuer({ ...privcardsProfile, limits: false });
    const card = await issuer.cards.create(newCard);
    for (let index = 0; index < 40; index++) await issuer.cards.details(card.id);
    expect(issuer.clock.now()).toBe(Date.parse('2026-01-01T00:00:00.000Z'));
  });

  it('answers provider-side refusals with status and request id, client-side ones without', async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    const card = await issuer.cards.create(newCard);
    await issuer.cards.freeze(card.id);
    const frozen = await failure(() => issuer.cards.freeze(card.id));
    expect(frozen).toMatchObject({ code: 'card_not_active', status: 400 });
    const unknown = await failure(() => issuer.cards.get('privcards:card_0missing'));
    expect(NotFoundError.isInstance(unknown)).toBe(true);
    expect(unknown).toMatchObject({ status: 404, requestId: expect.stringMatching(/^req_/) });
    const noBin = await failure(() => issuer.cards.create({ bin: { network: 'amex' }, amount: usd(1) }));
    expect(noBin).toMatchObject({ code: 'not_found', status: undefined, requestId: undefined });
  });

  it('keeps BIN 491653 reachable, by id and by criteria', async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    expect((await issuer.bins.list()).data.map((bin) => bin.providerId)).toContain('491653');
    await expect(issuer.cards.create({ bin: { bestFor: ['meta_ads'] }, amount: usd(1) })).resolves.toMatchObject({
      binId: '491653',
    });
  });
  it('issues from the page’s BINs and shows the page’s billing address, not the generic issuer’s', async () => {
    const issuer = createMemoryIssuer(privcardsProfile);
    const documented = pageBins.data.map((bin) => mapRestBin(bin as Parameters<typeof mapRestBin>[0], 'privcards'));
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
    const expected = mapRestCardDetails(pageDetails as Parameters<typeof mapRestCardDetails>[0], 'privcards');
    expect((await issuer.cards.details(card.id)).billingAddress).toEqual(expected.billingAddress);
    const pageAssets = mapRestDepositAddresses(
      pageDepositAddresses as Parameters<typeof mapRestDepositAddresses>[0],
      'privcards',
    ).map(({ asset, network, minimumDeposit }) => ({ asset, network, minimumDeposit }));
    const offered = (await issuer.wallet.depositAddresses()).map(({ asset, network, minimumDeposit }) => ({
      asset,
      network,
      minimumDeposit,
    }));
    expect(offered).toEqual(pageAssets);
  });
});
