import {
  ConfigError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  TimeoutError,
  UnsupportedOperationError,
  usd,
} from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { createMemoryIssuer } from './memory-issuer.js';

describe('createMemoryIssuer', () => {
  it('starts with $10,000 in the wallet, two BINs and every capability', async () => {
    const issuer = createMemoryIssuer();
    expect(issuer.provider).toBe('memory');
    expect((await issuer.wallet.balance()).balance).toEqual(usd(10_000));
    expect((await issuer.bins.list()).data.map((bin) => bin.id)).toEqual(['memory:491653', 'memory:531993']);
    expect(issuer.capabilities.operations).toHaveLength(21);
    expect(issuer.capabilities.allowsInsecureWebhookUrls).toBe(true);
  });

  it('qualifies sequential ids with the provider option', async () => {
    const issuer = createMemoryIssuer({ provider: 'acme', walletBalance: usd(500) });
    const first = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    const second = await issuer.cards.create({ binId: 'acme:531993', amount: usd(10) });
    expect([first.id, second.id]).toEqual(['acme:card_000001', 'acme:card_000002']);
    expect(first).toMatchObject({ provider: 'acme', providerId: 'card_000001', binId: '491653', network: 'visa' });
    expect(second).toMatchObject({ binId: '531993', network: 'mastercard' });
    const { transactions } = await issuer.simulate.purchase(first.id, { amount: usd(1), merchant: { name: 'X' } });
    expect(transactions.map((transaction) => transaction.id)).toEqual(['acme:txn_000001', 'acme:txn_000002']);
    expect(issuer.events.history[0]?.id).toBe('acme:evt_000001');
  });

  it('takes other id prefixes, BINs and page sizes', async () => {
    const issuer = createMemoryIssuer({
      idPrefix: { card: 'card_mem' },
      bins: [{ ...(await createMemoryIssuer().bins.list()).data[0]!, providerId: '424242' }],
      defaultPerPage: { cards: 2 },
    });
    for (let index = 0; index < 3; index++) await issuer.cards.create({ binId: '424242', amount: usd(1) });
    const page = await issuer.cards.list();
    expect(page.data.map((card) => card.id)).toEqual(['memory:card_mem000003', 'memory:card_mem000002']);
    expect(page.perPage).toBe(2);
    expect((await issuer.cards.details('memory:card_mem000001')).pan.startsWith('424242')).toBe(true);
  });

  it('refuses bad options with a ConfigError naming the option', () => {
    const option = (build: () => unknown) => {
      try {
        build();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).option;
      }
      throw new Error('expected a ConfigError');
    };
    expect(option(() => createMemoryIssuer({ provider: 'Bad Name' }))).toBe('provider');
    expect(option(() => createMemoryIssuer({ walletBalance: { amount: 1.5, currency: 'USD' } }))).toBe('walletBalance');
    expect(option(() => createMemoryIssuer({ idPrefix: { card: 'card/' } }))).toBe('idPrefix.card');
    expect(option(() => createMemoryIssuer({ bins: [] }))).toBe('bins');
    expect(option(() => createMemoryIssuer({ defaultPerPage: 0 }))).toBe('defaultPerPage.cards');
  });

  it('hands out frozen cards, so a caller cannot change the state by mutating a result', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    expect(Object.isFrozen(card)).toBe(true);
    expect(Object.isFrozen(card.balance)).toBe(true);
    expect(() => {
      (card as { status: string }).status = 'terminated';
    }).toThrow(TypeError);
    expect((await issuer.cards.get(card.id)).status).toBe('active');
  });

  it('returns card details with a Luhn-valid PAN, a CVV, expiry 3 years out and a neutral billing address', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    const details = await issuer.cards.details(card.id);
    expect(details.pan).toMatch(/^491653\d{10}$/);
    expect(details.pan.endsWith(card.last4)).toBe(true);
    expect(details.cvv).toMatch(/^\d{3}$/);
    expect(details).toMatchObject({ expiryMonth: 1, expiryYear: 2029, holderName: 'ANONYMOUS' });
    expect(details.billingAddress).toEqual({
      line1: '1 Example Street',
      city: 'Springfield',
      state: 'IL',
      zip: '62701',
      country: 'US',
    });
    expect(card.expiresAt).toBe('2029-01-01T23:59:59.000Z');
  });

  it('carries the billing address a profile gives', async () => {
    const billingAddress = { line1: '9 Quay', city: 'Dublin', zip: 'D02', country: 'IE' };
    const issuer = createMemoryIssuer({ billingAddress });
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    expect((await issuer.cards.details(card.id)).billingAddress).toEqual(billingAddress);
  });

  it('issues from neutral default BINs, 491653 still reachable by id and by network', async () => {
    const issuer = createMemoryIssuer();
    const bins = (await issuer.bins.list()).data;
    expect(bins.map((bin) => [bin.providerId, bin.network, bin.type, bin.bestFor])).toEqual([
      ['491653', 'visa', 'standard', []],
      ['531993', 'mastercard', 'standard', []],
    ]);
    await expect(issuer.cards.create({ bin: { network: 'visa' }, amount: usd(1) })).resolves.toMatchObject({
      binId: '491653',
    });
  });

  it("tells a test asking the neutral defaults for a use to pass its provider's profile", async () => {
    const create = createMemoryIssuer().cards.create({
      bin: { network: 'visa', bestFor: ['meta_ads'] },
      amount: usd(1),
    });
    await expect(create).rejects.toThrow(NotFoundError);
    await expect(create).rejects.toThrow(/matches network: visa, bestFor: meta_ads \(.*provider's profile.*`bins`\)$/);
    const [visa] = (await createMemoryIssuer().bins.list()).data;
    const withUses = createMemoryIssuer({ bins: [{ ...visa!, bestFor: ['google_ads'] }] });
    await expect(withUses.cards.create({ bin: { bestFor: ['meta_ads'] }, amount: usd(1) })).rejects.toThrow(
      /matches bestFor: meta_ads$/,
    );
  });
});

describe('in-memory card state machine', () => {
  it('refuses later changes to a terminated card with the card_terminated code, reads still work', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    await issuer.cards.terminate(card.id);
    await expect(issuer.cards.fund(card.id, { amount: usd(1) })).rejects.toMatchObject({ code: 'card_terminated' });
    await expect(issuer.cards.freeze(card.id)).rejects.toMatchObject({ code: 'card_terminated' });
    expect((await issuer.cards.details(card.id)).cardId).toBe(card.id);
  });

  it('codes a refused freeze and unfreeze', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    await expect(issuer.cards.unfreeze(card.id)).rejects.toMatchObject({ code: 'card_not_frozen' });
    await issuer.cards.freeze(card.id);
    await expect(issuer.cards.freeze(card.id)).rejects.toMatchObject({ code: 'card_not_active' });
  });

  it('funds and withdraws a frozen card', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    await issuer.cards.freeze(card.id);
    expect((await issuer.cards.fund(card.id, { amount: usd(5) })).newBalance).toEqual(usd(15));
    expect((await issuer.cards.withdraw(card.id, { amount: usd(15) })).newBalance).toEqual(usd(0));
    expect((await issuer.cards.get(card.id)).status).toBe('frozen');
  });

  it('refuses ids of another provider with InvalidRequestError as the REST adapters do, unknown ids with NotFoundError', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    const foreign = await issuer.cards.get('acme:card_000001').catch((error: unknown) => error);
    expect(foreign).toBeInstanceOf(InvalidRequestError);
    // The message and issue of resolveProviderId (rest/resolve-provider-id.ts), word for word.
    expect(foreign).toMatchObject({
      message: 'cards.get: cardId belongs to acme, not memory',
      issues: [{ field: 'cardId', rule: 'belongs to acme, not memory' }],
      provider: 'memory',
    });
    await expect(issuer.cards.get('memory:card_000002')).rejects.toThrow(NotFoundError);
    await expect(issuer.cards.get('card_000001')).rejects.toThrow(InvalidRequestError);
    await expect(issuer.cards.create({ binId: 'acme:491653', amount: usd(1) })).rejects.toThrow(
      'cards.create: binId belongs to acme, not memory',
    );
    expect((await issuer.cards.create({ binId: 'memory:491653', amount: usd(1) })).binId).toBe('491653');
    await expect(issuer.cards.create({ bin: { network: 'amex' }, amount: usd(1) })).rejects.toThrow(/network: amex/);
    await expect(issuer.transactions.get('acme:txn_000001')).rejects.toThrow(
      'transactions.get: transactionId belongs to acme, not memory',
    );
    await expect(issuer.threeDS.get('acme:3ds_000001')).rejects.toThrow(
      'threeDS.get: challengeId belongs to acme, not memory',
    );
    await expect(issuer.webhooks.delete('acme:wh_000001')).rejects.toThrow(
      'webhooks.delete: webhookId belongs to acme, not memory',
    );
    await expect(issuer.transactions.list({ cardId: 'acme:card_000001' })).rejects.toThrow(
      'transactions.list: cardId belongs to acme, not memory',
    );
    await expect(issuer.threeDS.list({ cardId: 'acme:card_000001' })).rejects.toThrow(
      'threeDS.list: cardId belongs to acme, not memory',
    );
    await expect(
      issuer.simulate.purchase('acme:card_000001', { amount: usd(1), merchant: { name: 'A' } }),
    ).rejects.toThrow('simulate.purchase: cardId belongs to acme, not memory');
    expect((await issuer.cards.get(card.id)).balance).toEqual(usd(10));
  });

  it("refuses another provider's id before consuming a queued fault, as validation does", async () => {
    const issuer = createMemoryIssuer();
    issuer.faults.failNext('cards.get', new Error('down'));
    await expect(issuer.cards.get('acme:card_000001')).rejects.toThrow(InvalidRequestError);
    await expect(issuer.cards.get('memory:card_000001')).rejects.toThrow('down');
  });

  it('reports insufficient funds with the amounts, not a generic failure', async () => {
    const issuer = createMemoryIssuer({ walletBalance: usd(20) });
    const failure = await issuer.cards.create({ binId: '491653', amount: usd(25) }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InsufficientFundsError);
    expect((failure as Error).message).toContain('$20.00');
    expect(issuer.snapshot().cards).toHaveLength(0);
  });

  it('counts metadata keys after the merge', async () => {
    const issuer = createMemoryIssuer();
    const metadata = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`k${index}`, index]));
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10), metadata });
    expect((await issuer.cards.update(card.id, { metadata: { k3: 'changed' } })).metadata?.k3).toBe('changed');
    await expect(issuer.cards.update(card.id, { metadata: { k20: 1 } })).rejects.toThrow(/at most 20 keys/);
  });

  it('matches labels case-insensitively and sorts never-used cards last by last use', async () => {
    const issuer = createMemoryIssuer();
    const meta = await issuer.cards.create({ binId: '491653', amount: usd(10), label: 'Meta Ads #12' });
    const idle = await issuer.cards.create({ binId: '491653', amount: usd(10), label: 'idle' });
    await issuer.simulate.purchase(meta.id, { amount: usd(1), merchant: { name: 'FACEBK' } });
    expect((await issuer.cards.list({ label: 'meta ADS' })).data.map((card) => card.id)).toEqual([meta.id]);
    expect((await issuer.cards.list({ sort: 'lastUsed' })).data.map((card) => card.id)).toEqual([meta.id, idle.id]);
    expect((await issuer.cards.list({ sort: 'lastUsed', order: 'asc' })).data.map((card) => card.id)).toEqual([
      idle.id,
      meta.id,
    ]);
  });

  it('keeps walking the snapshot it took, whatever happens to the cards meanwhile', async () => {
    const issuer = createMemoryIssuer();
    for (let index = 0; index < 4; index++) await issuer.cards.create({ binId: '491653', amount: usd(10) });
    const seen: string[] = [];
    for await (const card of issuer.cards.list({ perPage: 2 })) {
      seen.push(card.id);
      if (seen.length === 1) await issuer.cards.create({ binId: '491653', amount: usd(10) });
    }
    expect(seen).toEqual(['memory:card_000004', 'memory:card_000003', 'memory:card_000002', 'memory:card_000001']);
  });

  it('filters transactions by a bare date through the end of that day', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(100) });
    await issuer.simulate.purchase(card.id, { amount: usd(1), merchant: { name: 'A' } });
    const clock = issuer.clock as { advance(ms: number): void };
    clock.advance(23 * 60 * 60 * 1000 + 59 * 60 * 1000);
    await issuer.simulate.purchase(card.id, { amount: usd(2), merchant: { name: 'B' } });
    clock.advance(60 * 60 * 1000);
    await issuer.simulate.purchase(card.id, { amount: usd(3), merchant: { name: 'C' } });
    const names = async (filters: { from?: string; to?: string }) => [
      ...new Set((await issuer.transactions.list(filters).toArray()).map((transaction) => transaction.merchant.name)),
    ];
    expect(await names({ to: '2026-01-01' })).toEqual(['B', 'A']);
    expect(await names({ from: '2026-01-02' })).toEqual(['C']);
    expect(await names({ from: '2026-01-01T23:59', to: '2026-01-01T23:59:00Z' })).toEqual(['B']);
  });
});

describe('in-memory capabilities', () => {
  it('refuses an undeclared operation before validating its input', async () => {
    const issuer = createMemoryIssuer({ capabilities: { operations: ['cards.create', 'cards.get'] } });
    await expect(issuer.cards.fund('not an id', { amount: usd(0) })).rejects.toThrow(UnsupportedOperationError);
    await expect(issuer.wallet.deposits().toArray()).rejects.toMatchObject({ operation: 'wallet.deposits' });
  });

  it('refuses an undeclared filter, and takes the declared ones', async () => {
    const issuer = createMemoryIssuer({ capabilities: { transactionListFilters: ['cardId'] } });
    await expect(issuer.transactions.list({ merchant: 'ADS' }).toArray()).rejects.toMatchObject({
      operation: 'transactions.list:merchant',
    });
    expect(await issuer.transactions.list({ cardId: 'memory:card_000001' }).toArray()).toEqual([]);
  });

  it('refuses http webhook URLs when declared HTTPS-only', async () => {
    const issuer = createMemoryIssuer({ capabilities: { allowsInsecureWebhookUrls: false } });
    await expect(issuer.webhooks.create({ url: 'http://127.0.0.1/h', events: ['*'] })).rejects.toThrow(/HTTPS/);
    const open = createMemoryIssuer();
    expect((await open.webhooks.create({ url: 'http://127.0.0.1/h', events: ['*'] })).url).toBe('http://127.0.0.1/h');
  });

  it('delivers a list failure as a rejection, never a synchronous throw', async () => {
    const issuer = createMemoryIssuer();
    const result = issuer.cards.list({ perPage: 0 });
    await expect(result.toArray()).rejects.toThrow(InvalidRequestError);
    await expect(Promise.resolve(result)).rejects.toThrow(InvalidRequestError);
  });
});

describe('in-memory request options', () => {
  it('refuses an already aborted call before doing anything', async () => {
    const issuer = createMemoryIssuer();
    const controller = new AbortController();
    controller.abort();
    await expect(
      issuer.cards.create({ binId: '491653', amount: usd(10) }, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'aborted' });
    await expect(issuer.cards.get('memory:card_000001', { signal: controller.signal })).rejects.toThrow(TimeoutError);
    expect(issuer.snapshot().cards).toHaveLength(0);
  });

  it('replays a repeated idempotency key without a second effect or a second event', async () => {
    const issuer = createMemoryIssuer();
    const input = { binId: '491653', amount: usd(10) };
    const first = await issuer.cards.create(input, { idempotencyKey: 'key-1' });
    const events = issuer.events.history.length;
    expect(await issuer.cards.create(input, { idempotencyKey: 'key-1' })).toBe(first);
    expect(issuer.events.history).toHaveLength(events);
    const termination = await issuer.cards.terminate(first.id, { idempotencyKey: 'end-1' });
    expect(await issuer.cards.terminate(first.id, { idempotencyKey: 'end-1' })).toBe(termination);
  });

  it('scopes keys by operation and refuses a key reused with other parameters', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) }, { idempotencyKey: 'shared' });
    await issuer.cards.fund(card.id, { amount: usd(5) }, { idempotencyKey: 'shared' });
    expect((await issuer.cards.get(card.id)).balance).toEqual(usd(15));
    await expect(issuer.cards.fund(card.id, { amount: usd(6) }, { idempotencyKey: 'shared' })).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
    await expect(issuer.cards.get(card.id, { idempotencyKey: '' })).rejects.toThrow(InvalidRequestError);
  });

  it('does not remember a failed call: the same key may be used again once it can succeed', async () => {
    const issuer = createMemoryIssuer({ walletBalance: usd(10) });
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    await expect(issuer.cards.fund(card.id, { amount: usd(5) }, { idempotencyKey: 'retry' })).rejects.toThrow(
      InsufficientFundsError,
    );
    await issuer.cards.withdraw(card.id, { amount: usd(5) });
    expect((await issuer.cards.fund(card.id, { amount: usd(5) }, { idempotencyKey: 'retry' })).newBalance).toEqual(
      usd(10),
    );
  });
});
