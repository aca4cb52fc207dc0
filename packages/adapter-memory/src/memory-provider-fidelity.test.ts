import { ConfigError, InvalidRequestError, NotFoundError, RateLimitError, usd, type WebhookEvent } from '@cardgw/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idempotencyKeyRetentionMs } from './idempotency-store.js';
import { isManualClock, systemClock } from './manual-clock.js';
import { createMemoryIssuer, type MemoryIssuer } from './memory-issuer.js';

// What makes the double answer as an adapter over the provider does (the differential suite in tests/differential
// compares the two; these pin each rule on the issuer itself).

async function failure(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

function advance(issuer: MemoryIssuer, ms: number): void {
  if (!isManualClock(issuer.clock)) throw new Error('expected the manual clock');
  issuer.clock.advance(ms);
}

const perMinute = (limit: number, operations?: string[]) => [
  { name: 'per-minute', limit, windowMs: 60_000, ...(operations ? { operations } : {}) },
];

describe('the in-memory issuer, answering as the provider would', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives provider-side refusals a status and a request id, and no issues, as the adapter reports them', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10) });
    await issuer.cards.freeze(card.id);
    const frozen = await failure(() => issuer.cards.freeze(card.id));
    expect(InvalidRequestError.isInstance(frozen)).toBe(true);
    expect(frozen).toMatchObject({ code: 'card_not_active', status: 400, issues: [], provider: 'memory' });
    const requestId = (frozen as InvalidRequestError).requestId;
    expect(requestId).toMatch(/^req_[0-9a-f]{12}$/);
    const again = await failure(() => issuer.cards.freeze(card.id));
    expect((again as InvalidRequestError).requestId).not.toBe(requestId);
    const withdraw = await failure(() => issuer.cards.withdraw(card.id, { amount: usd(11) }));
    expect(withdraw).toMatchObject({ code: 'insufficient_funds', status: 400 });
    const unknown = await failure(() => issuer.transactions.get('memory:txn_0missing'));
    expect(NotFoundError.isInstance(unknown)).toBe(true);
    expect(unknown).toMatchObject({ status: 404, requestId: expect.stringMatching(/^req_/) });
  });

  it('leaves client-side refusals (validation, BIN criteria) without status, as the adapter throws them before I/O', async () => {
    const issuer = createMemoryIssuer();
    const invalid = await failure(() => issuer.cards.create({ binId: '491653', amount: usd(0.5) }));
    expect(invalid).toMatchObject({ status: undefined, requestId: undefined });
    const noBin = await failure(() => issuer.cards.create({ bin: { network: 'amex' }, amount: usd(1) }));
    expect(NotFoundError.isInstance(noBin)).toBe(true);
    expect(noBin).toMatchObject({ status: undefined, requestId: undefined });
    const unknownBin = await failure(() => issuer.cards.create({ binId: '999999', amount: usd(1) }));
    expect(unknownBin).toMatchObject({ status: 404, requestId: expect.stringMatching(/^req_/) });
  });

  it('reads autoFreezeAt: usd(0) back as null ("0 to disable"), on create and update', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10), autoFreezeAt: usd(0) });
    expect(card.autoFreezeAt).toBeNull();
    await issuer.cards.update(card.id, { autoFreezeAt: usd(3) });
    const updated = await issuer.cards.update(card.id, { autoFreezeAt: usd(0) });
    expect(updated.autoFreezeAt).toBeNull();
    expect((await issuer.cards.get(card.id)).autoFreezeAt).toBeNull();
  });

  it('answers lists and creations with the configured card fields, the rest with the whole card', async () => {
    const issuer = createMemoryIssuer({
      cardFields: { listed: ['status', 'balance'], created: ['status', 'balance', 'label'] },
    });
    const events: WebhookEvent[] = [];
    issuer.events.subscribe((event) => events.push(event));
    const card = await issuer.cards.create({ binId: '491653', amount: usd(10), label: 'L', spendingLimit: usd(50) });
    expect(card).toEqual({
      id: 'memory:card_000001',
      provider: 'memory',
      providerId: 'card_000001',
      status: 'active',
      balance: usd(10),
      label: 'L',
    });
    expect(events[0]?.data).toEqual(card);
    expect((await issuer.cards.list()).data).toEqual([
      { id: card.id, provider: 'memory', providerId: 'card_000001', status: 'active', balance: usd(10) },
    ]);
    expect((await issuer.cards.get(card.id)).spendingLimit).toEqual(usd(50));
    expect(issuer.snapshot().cards[0]?.spendingLimit).toEqual(usd(50));
  });

  it('counts empty paginated lists as 0 pages and unpaginated ones as one page of 0', async () => {
    const issuer = createMemoryIssuer();
    expect(await issuer.cards.list()).toMatchObject({ total: 0, totalPages: 0, hasMore: false, perPage: 25 });
    expect(await issuer.transactions.list()).toMatchObject({ total: 0, totalPages: 0, hasMore: false });
    expect(await issuer.bins.list()).toMatchObject({ total: 2, perPage: 2, totalPages: 1, hasMore: false });
    expect(await issuer.webhooks.list()).toMatchObject({ total: 0, perPage: 0, totalPages: 1, hasMore: false });
  });
});

describe('idempotency keys: one rule everywhere', () => {
  it('replays the same request whatever way the BIN was named (criteria, bare or qualified id)', async () => {
    const issuer = createMemoryIssuer({ provider: 'acme' });
    const options = { idempotencyKey: 'create-1' };
    const card = await issuer.cards.create({ binId: '491653', amount: usd(20) }, options);
    const byCriteria = await issuer.cards.create({ bin: { network: 'visa' }, amount: usd(20) }, options);
    const qualified = await issuer.cards.create({ binId: 'acme:491653', amount: usd(20) }, options);
    expect([byCriteria.id, qualified.id]).toEqual([card.id, card.id]);
    expect(issuer.snapshot().cards).toHaveLength(1);
    // Criteria choosing another BIN make another request: refused under the same key.
    const other = await failure(() =>
      issuer.cards.create({ bin: { network: 'mastercard' }, amount: usd(20) }, options),
    );
    expect(other).toMatchObject({ code: 'idempotency_key_reused', status: 400 });
  });

  it('takes metadata in any key order as the same parameters', async () => {
    const issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(20) });
    const options = { idempotencyKey: 'update-1' };
    await issuer.cards.update(card.id, { metadata: { a: 1, b: 2 } }, options);
    await expect(issuer.cards.update(card.id, { metadata: { b: 2, a: 1 } }, options)).resolves.toMatchObject({
      metadata: { a: 1, b: 2 },
    });
  });

  it('remembers a key for 24 hours on the issuer clock, then acts again', async () => {
    const issuer = createMemoryIssuer();
    const options = { idempotencyKey: 'create-24h' };
    const first = await issuer.cards.create({ binId: '491653', amount: usd(20) }, options);
    advance(issuer, idempotencyKeyRetentionMs);
    expect((await issuer.cards.create({ binId: '491653', amount: usd(20) }, options)).id).toBe(first.id);
    advance(issuer, 1);
    expect((await issuer.cards.create({ binId: '491653', amount: usd(20) }, options)).id).not.toBe(first.id);
  });
});

describe('quotas (the limits option)', () => {
  it('has none by default, and refuses bad rules with a ConfigError', async () => {
    const issuer = createMemoryIssuer();
    for (let index = 0; index < 60; index++) await issuer.cards.create({ binId: '491653', amount: usd(1) });
    expect(issuer.snapshot().cards).toHaveLength(60);
    expect(() => createMemoryIssuer({ limits: [{ name: 'x', limit: 0, windowMs: 1 }] })).toThrow(ConfigError);
  });

  it('refuses past the call deadline without touching the state, and counts only the rules that apply', async () => {
    const issuer = createMemoryIssuer({ limits: perMinute(2, ['cards.create']) });
    await issuer.cards.create({ binId: '491653', amount: usd(1) });
    await issuer.cards.create({ binId: '491653', amount: usd(1) });
    const before = issuer.snapshot();
    const error = await failure(() => issuer.cards.create({ binId: '491653', amount: usd(1) }));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryAfterMs: 60_100, retryable: true, status: undefined });
    expect(issuer.snapshot()).toEqual(before);
    await expect(issuer.wallet.balance()).resolves.toMatchObject({ activeCards: 2 });
    // Validation comes first, as in the adapter.
    expect(
      InvalidRequestError.isInstance(await failure(() => issuer.cards.create({ binId: '4', amount: usd(0) }))),
    ).toBe(true);
  });

  it('waits on a real clock for a slot within the deadline', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const issuer = createMemoryIssuer({ clock: systemClock, limits: perMinute(1) });
    await issuer.wallet.balance();
    vi.advanceTimersByTime(50_000);
    let settled = false;
    const waiting = issuer.wallet.balance().then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    await waiting;
    expect(settled).toBe(true);
  });
});
