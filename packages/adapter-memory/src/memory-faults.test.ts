import { InvalidRequestError, ProviderUnavailableError, RateLimitError, usd } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { createMemoryIssuer } from './memory-issuer.js';

const outage = () => new ProviderUnavailableError('down', { code: 'server_error', status: 503 });

describe('in-memory fault injection', () => {
  it('fails the next call of the operation once, before any state change', async () => {
    const issuer = createMemoryIssuer();
    issuer.faults.failNext('cards.create', outage());
    await expect(issuer.cards.create({ binId: '491653', amount: usd(10) })).rejects.toThrow(ProviderUnavailableError);
    expect(issuer.snapshot()).toMatchObject({ walletBalance: usd(10_000), cards: [] });
    expect(issuer.events.history).toHaveLength(0);
    expect((await issuer.cards.create({ binId: '491653', amount: usd(10) })).id).toBe('memory:card_000001');
  });

  it('fails n times, building a fresh error each time from a factory', async () => {
    const issuer = createMemoryIssuer();
    issuer.faults.failNext('wallet.balance', () => new RateLimitError('slow down', { retryAfterMs: 10 }), 2);
    const first = await issuer.wallet.balance().catch((error: unknown) => error);
    const second = await issuer.wallet.balance().catch((error: unknown) => error);
    expect(first).toBeInstanceOf(RateLimitError);
    expect(second).toBeInstanceOf(RateLimitError);
    expect(first).not.toBe(second);
    expect((await issuer.wallet.balance()).balance).toEqual(usd(10_000));
  });

  it('touches only the named operation, and queues faults in order', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    issuer.faults.failNext('cards.fund', outage());
    issuer.faults.failNext('cards.fund', new InvalidRequestError('second'));
    expect((await issuer.cards.get(card.id)).id).toBe(card.id);
    await expect(issuer.cards.fund(card.id, { amount: usd(5) })).rejects.toThrow(ProviderUnavailableError);
    await expect(issuer.cards.fund(card.id, { amount: usd(5) })).rejects.toThrow('second');
    expect((await issuer.cards.fund(card.id, { amount: usd(5) })).newBalance).toEqual(usd(15));
  });

  it('lets invalid input fail validation without consuming the fault', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    issuer.faults.failNext('cards.fund', outage());
    await expect(issuer.cards.fund(card.id, { amount: usd(0.5) })).rejects.toThrow(InvalidRequestError);
    await expect(issuer.cards.fund(card.id, { amount: usd(5) })).rejects.toThrow(ProviderUnavailableError);
  });

  it('fails a list page fetch, then serves the list', async () => {
    const issuer = createMemoryIssuer();
    issuer.faults.failNext('cards.list', outage());
    await expect(issuer.cards.list().toArray()).rejects.toThrow(ProviderUnavailableError);
    expect(await issuer.cards.list().toArray()).toEqual([]);
  });

  it('beats a replay: a faulted call with a known idempotency key still fails', async () => {
    const issuer = createMemoryIssuer();
    const input = { binId: '491653', amount: usd(10) };
    const card = await issuer.cards.create(input, { idempotencyKey: 'k' });
    issuer.faults.failNext('cards.create', outage());
    await expect(issuer.cards.create(input, { idempotencyKey: 'k' })).rejects.toThrow(ProviderUnavailableError);
    expect(await issuer.cards.create(input, { idempotencyKey: 'k' })).toBe(card);
  });

  it('clears every queued fault, and refuses a count below one', async () => {
    const issuer = createMemoryIssuer();
    issuer.faults.failNext('bins.list', outage(), 3);
    issuer.faults.clear();
    expect(await issuer.bins.list().toArray()).toHaveLength(2);
    expect(() => issuer.faults.failNext('bins.list', outage(), 0)).toThrow(InvalidRequestError);
  });

  it('refuses garbage when the fault is queued, with InvalidRequestError, so no call fails strangely later', async () => {
    const issuer = createMemoryIssuer();
    const failNext = issuer.faults.failNext as (...values: unknown[]) => void;
    const refused = (...values: unknown[]) => {
      const failure = (() => {
        try {
          failNext(...values);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(failure, JSON.stringify(values.map(String))).toBeInstanceOf(InvalidRequestError);
      return failure as InvalidRequestError;
    };
    for (const operation of [undefined, null, 42, 'cards.launch', 'simulate.purchase', {}, Symbol('s')]) {
      expect(refused(operation, outage()).issues).toEqual([
        { field: 'operation', rule: 'must be an operation of the port, like cards.create' },
      ]);
    }
    for (const error of [undefined, null, 'down', 503, { message: 'down' }]) {
      expect(refused('cards.get', error).issues[0]?.field).toBe('error');
    }
    for (const times of [0, -1, 1.5, Number.NaN, '2', null])
      expect(refused('cards.get', outage(), times).issues[0]?.field).toBe('times');
    // Nothing was queued by the refused calls.
    expect(await issuer.bins.list().toArray()).toHaveLength(2);
  });

  it('reports a factory that builds no Error as an InvalidRequestError of the faulted call', async () => {
    const issuer = createMemoryIssuer();
    issuer.faults.failNext('wallet.balance', (() => 'down') as unknown as () => Error);
    await expect(issuer.wallet.balance()).rejects.toThrow(
      'faults.failNext: the factory queued for wallet.balance returned no Error',
    );
    expect((await issuer.wallet.balance()).balance).toEqual(usd(10_000));
  });
});
