import { cents, InvalidRequestError, usd, type WebhookEvent } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { createMemoryIssuer } from './memory-issuer.js';

describe('in-memory issuer events', () => {
  it('delivers each event synchronously, after the state change it reports', async () => {
    const issuer = createMemoryIssuer();
    const seen: Array<{ type: string; wallet: number }> = [];
    issuer.events.subscribe((event) => seen.push({ type: event.type, wallet: issuer.snapshot().walletBalance.amount }));
    const card = await issuer.cards.create({ binId: '491653', amount: usd(100) });
    expect(seen).toEqual([{ type: 'card.created', wallet: 990_000 }]);
    await issuer.cards.fund(card.id, { amount: usd(50) });
    expect(seen.at(-1)).toEqual({ type: 'card.funded', wallet: 985_000 });
  });

  it('emits every documented event name with typed data', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(100) });
    await issuer.cards.freeze(card.id);
    await issuer.cards.unfreeze(card.id);
    await issuer.cards.fund(card.id, { amount: usd(10) });
    const { transactions } = await issuer.simulate.purchase(card.id, { amount: usd(5), merchant: { name: 'A' } });
    await issuer.simulate.refund(transactions[1]!.id);
    await issuer.simulate.purchase(card.id, { amount: usd(500), merchant: { name: 'B' } });
    await issuer.simulate.threeDSChallenge(card.id, { merchant: 'C', amount: usd(1) });
    const deposit = await issuer.simulate.deposit({ asset: 'btc', cryptoAmount: '0.01', amount: usd(600) });
    await issuer.simulate.confirmDeposit(deposit.id);
    await issuer.cards.terminate(card.id);
    const history = issuer.events.history;
    expect(new Set(history.map((event) => event.type))).toEqual(
      new Set([
        'card.created',
        'card.frozen',
        'card.unfrozen',
        'card.funded',
        'transaction.authorized',
        'transaction.settled',
        'transaction.refunded',
        'transaction.declined',
        '3ds.challenge',
        'deposit.pending',
        'deposit.confirmed',
        'card.terminated',
      ]),
    );
    expect(history.map((event) => event.id)).toEqual(
      history.map((_, index) => `memory:evt_${String(index + 1).padStart(6, '0')}`),
    );
    const funded = history.find((event) => event.type === 'card.funded');
    if (funded?.type !== 'card.funded') throw new Error('no card.funded event');
    expect(funded.data).toMatchObject({ cardId: card.id, amount: usd(10) });
    expect(history.at(-1)).toMatchObject({ type: 'card.terminated', data: { refundedAmount: usd(110) } });
    expect(history.every((event) => event.createdAt === '2026-01-01T00:00:00.000Z')).toBe(true);
  });

  it('emits nothing for a refused or faulted call', async () => {
    const issuer = createMemoryIssuer({ walletBalance: usd(5) });
    const listener: WebhookEvent[] = [];
    issuer.events.subscribe((event) => listener.push(event));
    await expect(issuer.cards.create({ binId: '491653', amount: usd(10) })).rejects.toThrow();
    issuer.faults.failNext('cards.create', new Error('down'));
    await expect(issuer.cards.create({ binId: '491653', amount: usd(5) })).rejects.toThrow('down');
    expect(listener).toEqual([]);
    expect(issuer.events.history).toEqual([]);
  });

  it('ignores a throwing listener and still reaches the others', async () => {
    const issuer = createMemoryIssuer();
    const received: string[] = [];
    issuer.events.subscribe(() => {
      throw new Error('listener bug');
    });
    issuer.events.subscribe((event) => received.push(event.type));
    await expect(issuer.cards.create({ binId: '491653', amount: usd(10) })).resolves.toMatchObject({
      status: 'active',
    });
    expect(received).toEqual(['card.created']);
  });

  it('stops delivering after unsubscribe, while the history keeps everything', async () => {
    const issuer = createMemoryIssuer();
    const received: string[] = [];
    const unsubscribe = issuer.events.subscribe((event) => received.push(event.type));
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    unsubscribe();
    await issuer.cards.freeze(card.id);
    expect(received).toEqual(['card.created']);
    expect(issuer.events.history.map((event) => event.type)).toEqual(['card.created', 'card.frozen']);
  });

  it('publishes a purchase only once it is complete, even if a listener calls back', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    const balances: number[] = [];
    issuer.events.subscribe((event) => {
      if (event.type === 'transaction.authorized') balances.push(issuer.snapshot().cards[0]!.balance.amount);
    });
    await issuer.simulate.purchase(card.id, { amount: usd(4), merchant: { name: 'A' } });
    expect(balances).toEqual([600]);
  });

  it('names the webhook endpoints, with their secrets, subscribed to an event', async () => {
    const issuer = createMemoryIssuer({ webhookSigningSecret: 'whsec_shared_for_tests_0001' });
    const all = await issuer.webhooks.create({ url: 'https://a.example/h', events: ['*'] });
    await issuer.webhooks.create({ url: 'https://b.example/h', events: ['card.created'] });
    const generated = createMemoryIssuer();
    expect((await generated.webhooks.create({ url: 'https://c.example/h', events: ['*'] })).secret?.reveal()).toMatch(
      /^whsec_[0-9a-f]{32}$/,
    );
    const endpoints = issuer.events.endpointsFor('transaction.settled');
    expect(endpoints.map((endpoint) => endpoint.id)).toEqual([all.id]);
    expect(endpoints[0]?.secret?.reveal()).toBe('whsec_shared_for_tests_0001');
    expect(issuer.events.endpointsFor('card.created')).toHaveLength(2);
    await issuer.webhooks.delete(all.id);
    expect(issuer.events.endpointsFor('transaction.settled')).toEqual([]);
  });

  it('keeps the last 1,000 events in the history, while subscribers still get every event', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(5_000) });
    let delivered = 0;
    issuer.events.subscribe(() => {
      delivered += 1;
    });
    const merchant = { name: 'A' };
    for (let index = 0; index < 1_004; index++) {
      await issuer.simulate.purchase(card.id, { amount: cents(1), merchant, settle: false });
    }
    expect(delivered).toBe(1_004);
    const history = issuer.events.history;
    expect(history).toHaveLength(1_000);
    // 1,005 events in all: the first five fell out, the order is kept.
    expect(history[0]?.id).toBe('memory:evt_000006');
    expect(history.at(-1)?.id).toBe('memory:evt_001005');
  });

  it('refuses a listener that is not a function and an unknown event name', () => {
    const issuer = createMemoryIssuer();
    for (const listener of [undefined, null, 'log', {}]) {
      expect(() => issuer.events.subscribe(listener as unknown as () => void)).toThrow(InvalidRequestError);
    }
    for (const type of [undefined, 'card.exploded', '*', 42]) {
      expect(() => issuer.events.endpointsFor(type as unknown as 'card.created')).toThrow(InvalidRequestError);
    }
  });
});
