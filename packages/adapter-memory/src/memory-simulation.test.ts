import { type Card, InvalidRequestError, NotFoundError, usd } from '@cardgw/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from './manual-clock.js';
import { createMemoryIssuer, type MemoryIssuer } from './memory-issuer.js';

const ads = { name: 'FACEBK ADS', category: 'advertising', mcc: '7311', country: 'US' };

describe('in-memory issuer simulation', () => {
  let clock: ManualClock;
  let issuer: MemoryIssuer;
  let card: Card;

  beforeEach(async () => {
    clock = createManualClock('2026-04-15T12:00:00.000Z');
    issuer = createMemoryIssuer({ clock });
    card = await issuer.cards.create({ binId: '491653', amount: usd(100) });
  });

  const balance = async (id = card.id) => (await issuer.cards.get(id)).balance.amount;

  describe('purchase', () => {
    it('authorizes then settles, debiting the card and marking it used', async () => {
      clock.advance(60_000);
      const result = await issuer.simulate.purchase(card.id, { amount: usd(12.5), merchant: ads });
      expect(result.approved).toBe(true);
      expect(result.declineReason).toBeUndefined();
      const [authorization, settlement] = result.transactions;
      expect(authorization).toMatchObject({
        type: 'authorization',
        amount: usd(-12.5),
        balanceAfter: usd(100),
        merchant: ads,
      });
      expect(settlement).toMatchObject({ type: 'settlement', amount: usd(-12.5), balanceAfter: usd(87.5) });
      const fetched = await issuer.cards.get(card.id);
      expect(fetched).toMatchObject({
        balance: usd(87.5),
        totalSpent: usd(12.5),
        transactionCount: 2,
        lastUsedAt: '2026-04-15T12:01:00.000Z',
      });
      expect((await issuer.wallet.balance()).totalSpent).toEqual(usd(12.5));
    });

    it('holds an unsettled authorization against the balance until it settles', async () => {
      const result = await issuer.simulate.purchase(card.id, { amount: usd(80), merchant: ads, settle: false });
      expect(result.transactions.map((transaction) => transaction.type)).toEqual(['authorization']);
      expect(await balance()).toBe(10_000);
      const second = await issuer.simulate.purchase(card.id, { amount: usd(30), merchant: ads });
      expect(second.declineReason).toBe('insufficient_card_balance');
      await expect(issuer.cards.withdraw(card.id, { amount: usd(30) })).rejects.toMatchObject({
        code: 'insufficient_funds',
      });
      const settlement = await issuer.simulate.settle(result.transactions[0]!.id);
      expect(settlement).toMatchObject({ type: 'settlement', balanceAfter: usd(20) });
      expect(await balance()).toBe(2_000);
      await expect(issuer.simulate.settle(result.transactions[0]!.id)).rejects.toMatchObject({
        code: 'authorization_not_pending',
      });
      await expect(issuer.simulate.settle(settlement.id)).rejects.toMatchObject({ code: 'not_an_authorization' });
    });

    it.each([
      ['card_frozen', async (id: string) => void (await issuer.cards.freeze(id))],
      ['card_terminated', async (id: string) => void (await issuer.cards.terminate(id))],
    ])('declines with %s and moves no money', async (reason, prepare) => {
      await prepare(card.id);
      const before = issuer.snapshot();
      const result = await issuer.simulate.purchase(card.id, { amount: usd(5), merchant: ads });
      expect(result).toMatchObject({ approved: false, declineReason: reason });
      expect(result.transactions[0]).toMatchObject({ type: 'decline', declineReason: reason, amount: usd(-5) });
      expect(issuer.snapshot().walletBalance).toEqual(before.walletBalance);
      expect(issuer.snapshot().transactions).toBe(before.transactions + 1);
    });

    it('declines beyond the monthly spending limit, and the limit renews with the month', async () => {
      await issuer.cards.update(card.id, { spendingLimit: usd(50) });
      await issuer.simulate.purchase(card.id, { amount: usd(40), merchant: ads });
      const over = await issuer.simulate.purchase(card.id, { amount: usd(10.01), merchant: ads });
      expect(over.declineReason).toBe('spending_limit_exceeded');
      clock.set(Date.parse('2026-05-01T00:00:00.000Z'));
      expect((await issuer.simulate.purchase(card.id, { amount: usd(45), merchant: ads })).approved).toBe(true);
    });

    it('declines merchants outside the allowed categories (none given counts as outside)', async () => {
      await issuer.cards.update(card.id, { allowedCategories: ['advertising'] });
      const software = await issuer.simulate.purchase(card.id, {
        amount: usd(5),
        merchant: { name: 'GITHUB', category: 'software' },
      });
      expect(software.declineReason).toBe('category_not_allowed');
      const unknown = await issuer.simulate.purchase(card.id, { amount: usd(5), merchant: { name: 'SHOP' } });
      expect(unknown.declineReason).toBe('category_not_allowed');
      expect((await issuer.simulate.purchase(card.id, { amount: usd(5), merchant: ads })).approved).toBe(true);
    });

    it("declines an amount over the BIN's per-transaction maximum", async () => {
      const mastercard = await issuer.cards.create({ binId: '531993', amount: usd(5_000) });
      await issuer.cards.fund(mastercard.id, { amount: usd(1_000) });
      const result = await issuer.simulate.purchase(mastercard.id, { amount: usd(1_000.01), merchant: ads });
      expect(result.declineReason).toBe('over_bin_max_transaction');
      expect(await balance(mastercard.id)).toBe(600_000);
    });

    it('emits transaction.declined for a decline', async () => {
      await issuer.cards.freeze(card.id);
      await issuer.simulate.purchase(card.id, { amount: usd(5), merchant: ads });
      expect(issuer.events.history.at(-1)).toMatchObject({
        type: 'transaction.declined',
        data: { declineReason: 'card_frozen' },
      });
    });

    it('auto-freezes the card when a settlement takes it below autoFreezeAt', async () => {
      await issuer.cards.update(card.id, { autoFreezeAt: usd(50) });
      await issuer.simulate.purchase(card.id, { amount: usd(40), merchant: ads });
      expect((await issuer.cards.get(card.id)).status).toBe('active');
      await issuer.simulate.purchase(card.id, { amount: usd(20), merchant: ads });
      expect((await issuer.cards.get(card.id)).status).toBe('frozen');
      expect(issuer.events.history.slice(-2).map((event) => event.type)).toEqual([
        'transaction.settled',
        'card.frozen',
      ]);
      expect((await issuer.simulate.purchase(card.id, { amount: usd(1), merchant: ads })).declineReason).toBe(
        'card_frozen',
      );
    });

    it('never auto-freezes once autoFreezeAt is disabled with null', async () => {
      await issuer.cards.update(card.id, { autoFreezeAt: usd(50) });
      await issuer.cards.update(card.id, { autoFreezeAt: null });
      await issuer.simulate.purchase(card.id, { amount: usd(90), merchant: ads });
      expect((await issuer.cards.get(card.id)).status).toBe('active');
    });

    it('refuses malformed purchases and unknown cards with typed errors', async () => {
      await expect(issuer.simulate.purchase(card.id, { amount: usd(0), merchant: ads })).rejects.toThrow(
        InvalidRequestError,
      );
      await expect(issuer.simulate.purchase(card.id, { amount: usd(1), merchant: { name: '' } })).rejects.toThrow(
        InvalidRequestError,
      );
      await expect(issuer.simulate.purchase('memory:card_999999', { amount: usd(1), merchant: ads })).rejects.toThrow(
        NotFoundError,
      );
      expect(issuer.snapshot().transactions).toBe(0);
    });
  });

  describe('refund', () => {
    it('refunds part then the rest of a settlement, crediting the card', async () => {
      const { transactions } = await issuer.simulate.purchase(card.id, { amount: usd(40), merchant: ads });
      const settlement = transactions[1]!;
      expect((await issuer.simulate.refund(settlement.id, { amount: usd(15) })).amount).toEqual(usd(15));
      expect((await issuer.simulate.refund(settlement.id)).amount).toEqual(usd(25));
      expect(await balance()).toBe(10_000);
      expect((await issuer.cards.get(card.id)).totalSpent).toEqual(usd(0));
      await expect(issuer.simulate.refund(settlement.id)).rejects.toMatchObject({ code: 'refund_exceeds_settlement' });
      expect(issuer.events.history.at(-1)?.type).toBe('transaction.refunded');
    });

    it('refuses to refund more than was settled, or something that is not a settlement', async () => {
      const { transactions } = await issuer.simulate.purchase(card.id, { amount: usd(10), merchant: ads });
      await expect(issuer.simulate.refund(transactions[1]!.id, { amount: usd(10.01) })).rejects.toMatchObject({
        code: 'refund_exceeds_settlement',
      });
      await expect(issuer.simulate.refund(transactions[0]!.id)).rejects.toMatchObject({ code: 'not_a_settlement' });
      expect(await balance()).toBe(9_000);
    });

    it('credits the wallet when the card was terminated since', async () => {
      const { transactions } = await issuer.simulate.purchase(card.id, { amount: usd(10), merchant: ads });
      await issuer.cards.terminate(card.id);
      const wallet = (await issuer.wallet.balance()).balance.amount;
      await issuer.simulate.refund(transactions[1]!.id);
      expect((await issuer.wallet.balance()).balance.amount).toBe(wallet + 1_000);
      expect(await balance()).toBe(0);
    });
  });

  describe('3-D Secure', () => {
    it('issues a pending challenge with a 6-digit OTP that expires 5 minutes later', async () => {
      const challenge = await issuer.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
      expect(challenge).toMatchObject({
        id: 'memory:3ds_000001',
        cardId: card.id,
        status: 'pending',
        createdAt: '2026-04-15T12:00:00.000Z',
        expiresAt: '2026-04-15T12:05:00.000Z',
      });
      expect(challenge.otp).toMatch(/^\d{6}$/);
      expect(issuer.events.history.at(-1)).toMatchObject({ type: '3ds.challenge', data: { id: challenge.id } });
      clock.advance(5 * 60_000);
      expect((await issuer.threeDS.get(challenge.id)).status).toBe('pending');
      clock.advance(1);
      expect((await issuer.threeDS.get(challenge.id)).status).toBe('expired');
    });

    it('completes with the right OTP only, once', async () => {
      const challenge = await issuer.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
      const wrong = challenge.otp === '000000' ? '111111' : '000000';
      const failure = await issuer.simulate.completeThreeDS(challenge.id, wrong).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'invalid_otp' });
      expect(String((failure as Error).message)).not.toContain(challenge.otp);
      expect((await issuer.simulate.completeThreeDS(challenge.id, challenge.otp)).status).toBe('completed');
      await expect(issuer.simulate.completeThreeDS(challenge.id, challenge.otp)).rejects.toMatchObject({
        code: 'challenge_not_pending',
      });
    });

    it('refuses an expired challenge', async () => {
      const challenge = await issuer.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
      clock.advance(5 * 60_000 + 1);
      await expect(issuer.simulate.completeThreeDS(challenge.id, challenge.otp)).rejects.toMatchObject({
        code: 'challenge_expired',
      });
    });

    it('refuses a challenge on a terminated card', async () => {
      await issuer.cards.terminate(card.id);
      await expect(
        issuer.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(1) }),
      ).rejects.toMatchObject({ code: 'card_terminated' });
    });
  });

  describe('deposits', () => {
    it('charges a 2% fee by default and credits amount minus fee on confirmation', async () => {
      const wallet = (await issuer.wallet.balance()).balance.amount;
      const deposit = await issuer.simulate.deposit({ asset: 'btc', cryptoAmount: '0.0075', amount: usd(500) });
      expect(deposit).toMatchObject({
        id: 'memory:dep_000001',
        status: 'pending',
        fee: usd(10),
        credited: usd(490),
        confirmations: 0,
      });
      expect(deposit.txHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await issuer.wallet.balance()).pendingDeposits).toEqual(usd(500));
      clock.advance(42 * 60_000);
      const confirmed = await issuer.simulate.confirmDeposit(deposit.id);
      expect(confirmed).toMatchObject({
        status: 'confirmed',
        confirmations: 6,
        confirmedAt: '2026-04-15T12:42:00.000Z',
      });
      const balance = await issuer.wallet.balance();
      expect(balance.balance.amount).toBe(wallet + 49_000);
      expect(balance.totalDeposited).toEqual(usd(490));
      expect(balance.pendingDeposits).toEqual(usd(0));
      expect(issuer.events.history.slice(-2).map((event) => event.type)).toEqual([
        'deposit.pending',
        'deposit.confirmed',
      ]);
    });

    it('rounds the default fee to the cent', async () => {
      const deposit = await issuer.simulate.deposit({ asset: 'eth', cryptoAmount: '0.01', amount: usd(12.37) });
      expect(deposit.fee).toEqual(usd(0.25));
    });

    it('expires a pending deposit without crediting, and confirms nothing twice', async () => {
      const wallet = (await issuer.wallet.balance()).balance.amount;
      const deposit = await issuer.simulate.deposit({ asset: 'sol', cryptoAmount: '3', amount: usd(400), fee: usd(0) });
      expect((await issuer.simulate.expireDeposit(deposit.id)).status).toBe('expired');
      await expect(issuer.simulate.confirmDeposit(deposit.id)).rejects.toMatchObject({ code: 'deposit_not_pending' });
      expect((await issuer.wallet.balance()).balance.amount).toBe(wallet);
    });

    it('refuses a fee above the amount and a malformed crypto amount', async () => {
      await expect(
        issuer.simulate.deposit({ asset: 'btc', cryptoAmount: '1', amount: usd(10), fee: usd(11) }),
      ).rejects.toThrow(InvalidRequestError);
      await expect(issuer.simulate.deposit({ asset: 'btc', cryptoAmount: '1e3', amount: usd(10) })).rejects.toThrow(
        InvalidRequestError,
      );
      expect(issuer.snapshot().deposits).toBe(0);
    });
  });

  describe('pending cards', () => {
    it('provisions a pending card that funding activates', async () => {
      const pending = await issuer.simulate.provisionPendingCard({ network: 'mastercard' });
      expect(pending).toMatchObject({ status: 'pending', network: 'mastercard', binId: '531993', balance: usd(0) });
      await expect(issuer.cards.freeze(pending.id)).rejects.toMatchObject({ code: 'card_not_active' });
      expect((await issuer.simulate.purchase(pending.id, { amount: usd(1), merchant: ads })).declineReason).toBe(
        'card_not_active',
      );
      await issuer.cards.fund(pending.id, { amount: usd(25) });
      expect(await issuer.cards.get(pending.id)).toMatchObject({ status: 'active', balance: usd(25) });
    });

    it('provisions from the best BIN when no network is asked, and refuses an unknown network', async () => {
      expect((await issuer.simulate.provisionPendingCard()).binId).toBe('491653');
      await expect(issuer.simulate.provisionPendingCard({ network: 'amex' })).rejects.toThrow(NotFoundError);
    });
  });

  describe('garbage input', () => {
    /** What an untyped caller might pass anywhere. */
    const garbage: readonly unknown[] = [
      undefined,
      null,
      -42,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      'x',
      [],
      {},
      Symbol('s'),
      () => 1,
      Object.create(null),
      { amount: usd(1), merchant: ads, extra: true },
    ];
    /** No input (absent or an empty object): valid where the argument is optional. */
    const isNoInput = (value: unknown) =>
      value === undefined ||
      value === null ||
      (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
    /** The garbage that is valid input for some calls: optional arguments left out. */
    const validFor: Readonly<Record<string, (value: unknown) => boolean>> = {
      'refund input': isNoInput,
      'refund amount': (value) => value === undefined,
      'deposit fee': (value) => value === undefined,
      'provisionPendingCard input': isNoInput,
    };
    type Call = (value: never) => Promise<unknown>;

    /** The ledger and the last event: a refused call must change neither. */
    const stateOf = () => JSON.stringify({ ledger: issuer.snapshot(), event: issuer.events.history.at(-1)?.id });

    it('refuses garbage in every simulate call with InvalidRequestError, never a TypeError, changing nothing', async () => {
      const { transactions } = await issuer.simulate.purchase(card.id, { amount: usd(5), merchant: ads });
      const settlement = transactions[1]!.id;
      const challenge = await issuer.simulate.threeDSChallenge(card.id, { merchant: 'M', amount: usd(1) });
      const deposit = await issuer.simulate.deposit({ asset: 'btc', cryptoAmount: '0.01', amount: usd(10) });
      const simulate = issuer.simulate as unknown as Record<string, (...values: unknown[]) => Promise<unknown>>;
      const calls: Record<string, Call> = {
        'purchase id': (value) => simulate.purchase!(value, { amount: usd(1), merchant: ads }),
        'purchase input': (value) => simulate.purchase!(card.id, value),
        'purchase amount': (value) => simulate.purchase!(card.id, { amount: value, merchant: ads }),
        'purchase cents': (value) =>
          simulate.purchase!(card.id, { amount: { amount: value, currency: 'USD' }, merchant: ads }),
        'purchase merchant': (value) => simulate.purchase!(card.id, { amount: usd(1), merchant: value }),
        'settle id': (value) => simulate.settle!(value),
        'refund id': (value) => simulate.refund!(value),
        'refund input': (value) => simulate.refund!(settlement, value),
        'refund amount': (value) => simulate.refund!(settlement, { amount: value }),
        'threeDSChallenge id': (value) => simulate.threeDSChallenge!(value, { merchant: 'M', amount: usd(1) }),
        'threeDSChallenge input': (value) => simulate.threeDSChallenge!(card.id, value),
        'completeThreeDS id': (value) => simulate.completeThreeDS!(value, '123456'),
        'completeThreeDS otp': (value) => simulate.completeThreeDS!(challenge.id, value),
        'deposit input': (value) => simulate.deposit!(value),
        'deposit amount': (value) => simulate.deposit!({ asset: 'btc', cryptoAmount: '1', amount: value }),
        'deposit fee': (value) => simulate.deposit!({ asset: 'btc', cryptoAmount: '1', amount: usd(10), fee: value }),
        'confirmDeposit id': (value) => simulate.confirmDeposit!(value),
        'expireDeposit id': (value) => simulate.expireDeposit!(value),
        'provisionPendingCard input': (value) => simulate.provisionPendingCard!(value),
      };
      const before = stateOf();
      for (const [name, call] of Object.entries(calls)) {
        for (const value of garbage) {
          if (validFor[name]?.(value)) continue;
          const failure = await call(value as never).then(
            () => undefined,
            (error: unknown) => error,
          );
          expect(failure, `${name} with ${describeValue(value)}`).toBeInstanceOf(InvalidRequestError);
        }
      }
      expect(stateOf()).toBe(before);
      expect((await issuer.simulate.confirmDeposit(deposit.id)).status).toBe('confirmed');
    });

    it('refuses amounts over $1,000,000,000.00, which a cents ledger could no longer keep exact', async () => {
      const huge = { amount: 100_000_000_001, currency: 'USD' as const };
      const before = stateOf();
      await expect(issuer.simulate.purchase(card.id, { amount: huge, merchant: ads })).rejects.toThrow(
        'simulate.purchase: amount.amount must be at most $1,000,000,000.00',
      );
      await expect(issuer.simulate.deposit({ asset: 'btc', cryptoAmount: '1', amount: huge })).rejects.toThrow(
        InvalidRequestError,
      );
      await expect(issuer.simulate.threeDSChallenge(card.id, { merchant: 'M', amount: huge })).rejects.toThrow(
        InvalidRequestError,
      );
      expect(stateOf()).toBe(before);
      const largest = { amount: 100_000_000_000, currency: 'USD' as const };
      expect((await issuer.simulate.deposit({ asset: 'btc', cryptoAmount: '1', amount: largest })).amount).toEqual(
        largest,
      );
    });
  });
});

function describeValue(value: unknown): string {
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return 'a function';
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
