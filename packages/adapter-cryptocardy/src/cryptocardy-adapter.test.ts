import {
  AuthenticationError,
  cents,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  usd,
} from '@cardgw/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCryptoCardy } from './cryptocardy-adapter.js';
import binsList from './fixtures/bins-list.json' with { type: 'json' };
import card from './fixtures/card.json' with { type: 'json' };
import cardDetails from './fixtures/card-details.json' with { type: 'json' };
import cardFreeze from './fixtures/card-freeze.json' with { type: 'json' };
import cardFund from './fixtures/card-fund.json' with { type: 'json' };
import cardTerminate from './fixtures/card-terminate.json' with { type: 'json' };
import cardsList from './fixtures/cards-list.json' with { type: 'json' };
import depositAddress from './fixtures/deposit-address.json' with { type: 'json' };
import depositsList from './fixtures/deposits-list.json' with { type: 'json' };
import insufficientFunds from './fixtures/error-insufficient-funds.json' with { type: 'json' };
import threeDSList from './fixtures/threeds-list.json' with { type: 'json' };
import transactionsList from './fixtures/transactions-list.json' with { type: 'json' };
import walletBalance from './fixtures/wallet-balance.json' with { type: 'json' };
import webhookCreate from './fixtures/webhook-create.json' with { type: 'json' };

const origin = 'https://cryptocardy.com';
const seed = 'c4f4-6e88-036c-761c';
const cardId = 'cryptocardy:card_8xK2m9Lp4q';

interface Captured {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
}

/** One expected request: answers `reply.body` and records what was sent. */
function expectRequest(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  reply: { status?: number; body?: unknown; query?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const captured: Captured[] = [];
  let interceptor = nock(origin).intercept(`/v1/api${path}`, method);
  if (reply.query) interceptor = interceptor.query(reply.query);
  const scope = interceptor.reply(function (_uri, body) {
    captured.push({ headers: this.req.headers, body: typeof body === 'string' && body ? JSON.parse(body) : body });
    return [reply.status ?? 200, reply.body ?? {}, reply.headers ?? {}];
  });
  return {
    scope,
    get request(): Captured {
      expect(captured, `${method} ${path} was not called`).toHaveLength(1);
      return captured[0]!;
    },
  };
}

function expectHeaders(captured: Captured, method: string): void {
  expect(captured.headers['x-seed']).toBe(seed);
  expect(captured.headers.authorization).toBeUndefined();
  if (method === 'GET') {
    expect(captured.headers['x-idempotency-key']).toBeUndefined();
  } else {
    expect(String(captured.headers['x-idempotency-key'] ?? '').length).toBeGreaterThan(8);
  }
  if (captured.body !== undefined && captured.body !== '') {
    expect(String(captured.headers['content-type'])).toMatch(/^application\/json/);
  }
}

const issuer = () => createCryptoCardy({ seed, maxRetries: 0, env: {} });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('CryptoCardy wire format: cards', () => {
  it('creates a card with POST /cards and PrivCards’ body (same family)', async () => {
    const call = expectRequest('POST', '/cards', { status: 201, body: card });
    const created = await issuer().cards.create({ binId: '491653', amount: usd(500), label: 'Ad Spend' });
    expect(call.request.body).toEqual({ bin_id: '491653', amount: 500, label: 'Ad Spend' });
    expectHeaders(call.request, 'POST');
    expect(created).toEqual({
      id: cardId,
      provider: 'cryptocardy',
      providerId: 'card_8xK2m9Lp4q',
      status: 'active',
      network: 'visa',
      binId: '491653',
      last4: '2039',
      balance: cents(48_750),
      spendingLimit: cents(200_000),
      totalSpent: cents(1250),
      transactionCount: 3,
      label: 'Meta Ads Campaign #12',
      metadata: { campaign: 'spring_2026' },
      createdAt: '2026-04-15T12:00:00.000Z',
      expiresAt: '2029-04-15T23:59:59.000Z',
      lastUsedAt: '2026-04-15T14:32:00.000Z',
    });
  });

  it('creates a card by criteria from its BIN list', async () => {
    expectRequest('GET', '/bins', { body: binsList });
    const call = expectRequest('POST', '/cards', { status: 201, body: card });
    await issuer().cards.create({ bin: { network: 'mastercard', bestFor: ['saas'] }, amount: usd(20) });
    expect(call.request.body).toEqual({ bin_id: '531993', amount: 20 });
  });

  it('lists cards with every documented filter in snake_case', async () => {
    const call = expectRequest('GET', '/cards', {
      query: {
        status: 'frozen',
        bin_id: '491653',
        label: 'Meta',
        sort: 'last_used',
        order: 'asc',
        page: '2',
        per_page: '10',
      },
      body: { ...cardsList, pagination: { page: 2, per_page: 10, total: 11, total_pages: 2 } },
    });
    const page = await issuer().cards.list({
      status: 'frozen',
      binId: '491653',
      label: 'Meta',
      sort: 'lastUsed',
      order: 'asc',
      page: 2,
      perPage: 10,
    });
    expectHeaders(call.request, 'GET');
    expect(page).toMatchObject({ page: 2, perPage: 10, total: 11, hasMore: false });
    expect(page.data[0]?.balance).toEqual(cents(48_750));
  });

  it('walks every page lazily with for await', async () => {
    const second = { ...cardsList.data[0], id: 'card_second' };
    expectRequest('GET', '/cards', {
      query: { page: '1', per_page: '1' },
      body: { data: cardsList.data, pagination: { page: 1, per_page: 1, total: 2, total_pages: 2 } },
    });
    expectRequest('GET', '/cards', {
      query: { page: '2', per_page: '1' },
      body: { data: [second], pagination: { page: 2, per_page: 1, total: 2, total_pages: 2 } },
    });
    const ids: string[] = [];
    for await (const listed of issuer().cards.list({ perPage: 1 })) ids.push(listed.id);
    expect(ids).toEqual([cardId, 'cryptocardy:card_second']);
  });

  it('gets a card, its details, and updates it', async () => {
    const get = expectRequest('GET', '/cards/card_8xK2m9Lp4q', { body: card });
    const details = expectRequest('GET', '/cards/card_8xK2m9Lp4q/details', { body: cardDetails });
    const update = expectRequest('PATCH', '/cards/card_8xK2m9Lp4q', { body: { ...card, auto_freeze_at: 50 } });
    const cryptocardy = issuer();
    expect((await cryptocardy.cards.get(cardId)).lastUsedAt).toBe('2026-04-15T14:32:00.000Z');
    const pan = await cryptocardy.cards.details(cardId);
    expect(pan.pan).toBe('4916531288472039');
    expect(pan.holderName).toBe('ANONYMOUS');
    const updated = await cryptocardy.cards.update(cardId, { autoFreezeAt: usd(50), metadata: { campaign: 'fall' } });
    expect(update.request.body).toEqual({ auto_freeze_at: 50, metadata: { campaign: 'fall' } });
    expect(updated.autoFreezeAt).toEqual(cents(5000));
    expectHeaders(get.request, 'GET');
    expectHeaders(details.request, 'GET');
    expectHeaders(update.request, 'PATCH');
  });

  it('freezes, unfreezes and terminates', async () => {
    const freeze = expectRequest('POST', '/cards/card_8xK2m9Lp4q/freeze', { body: cardFreeze });
    const unfreeze = expectRequest('POST', '/cards/card_8xK2m9Lp4q/unfreeze', { body: card });
    const terminate = expectRequest('DELETE', '/cards/card_8xK2m9Lp4q', { body: cardTerminate });
    const cryptocardy = issuer();
    expect((await cryptocardy.cards.freeze(cardId)).frozenAt).toBe('2026-04-15T15:00:00.000Z');
    expect((await cryptocardy.cards.unfreeze(cardId)).status).toBe('active');
    expect((await cryptocardy.cards.terminate(cardId)).refundedAmount).toEqual(cents(48_750));
    expectHeaders(freeze.request, 'POST');
    expectHeaders(unfreeze.request, 'POST');
    expectHeaders(terminate.request, 'DELETE');
  });

  it('funds and withdraws in dollars, tolerating a withdrawal answer with a plain amount', async () => {
    const fund = expectRequest('POST', '/cards/card_8xK2m9Lp4q/fund', { body: cardFund });
    const withdraw = expectRequest('POST', '/cards/card_8xK2m9Lp4q/withdraw', {
      body: {
        id: 'card_8xK2m9Lp4q',
        previous_balance: 687.5,
        amount: 0.29,
        new_balance: 687.21,
        wallet_balance: 1312.79,
      },
    });
    const cryptocardy = issuer();
    expect((await cryptocardy.cards.fund(cardId, { amount: cents(20_000) })).newBalance).toEqual(cents(68_750));
    const withdrawal = await cryptocardy.cards.withdraw(cardId, { amount: cents(29) });
    expect(fund.request.body).toEqual({ amount: 200 });
    expect(withdraw.request.body).toEqual({ amount: 0.29 });
    expect(withdrawal).toMatchObject({ amount: cents(29), newBalance: cents(68_721), walletBalance: cents(131_279) });
    expectHeaders(fund.request, 'POST');
    expectHeaders(withdraw.request, 'POST');
  });
});

describe('CryptoCardy wire format: transactions, wallet, BINs, 3DS, webhooks', () => {
  it('lists transactions with every documented filter', async () => {
    const call = expectRequest('GET', '/transactions', {
      query: {
        card_id: 'card_8xK2m9Lp4q',
        type: 'settlement',
        from: '2026-04-01T00:00:00Z',
        to: '2026-04-30',
        merchant: 'FACEBK',
        min_amount: '9.99',
        max_amount: '487.5',
        page: '1',
        per_page: '50',
      },
      body: transactionsList,
    });
    const page = await issuer().transactions.list({
      cardId,
      type: 'settlement',
      from: '2026-04-01T00:00:00Z',
      to: '2026-04-30',
      merchant: 'FACEBK',
      minAmount: cents(999),
      maxAmount: cents(48_750),
      perPage: 50,
    });
    expectHeaders(call.request, 'GET');
    expect(page.data[0]).toMatchObject({ amount: cents(-1250), balanceAfter: cents(48_750) });
    expect(page).toMatchObject({ total: 328, hasMore: true });
  });

  it('gets one transaction', async () => {
    expectRequest('GET', '/transactions/txn_a1b2c3d4', {
      body: { ...transactionsList.data[0], three_ds_status: 'authenticated' },
    });
    const transaction = await issuer().transactions.get('cryptocardy:txn_a1b2c3d4');
    expect(transaction).toMatchObject({ id: 'cryptocardy:txn_a1b2c3d4', threeDSStatus: 'authenticated' });
  });

  it('reads the wallet balance and the deposit addresses, each naming its provider', async () => {
    expectRequest('GET', '/wallet/balance', { body: walletBalance });
    const addresses = expectRequest('GET', '/wallet/deposit-address', { body: depositAddress });
    const cryptocardy = issuer();
    expect((await cryptocardy.wallet.balance()).balance).toEqual(cents(131_250));
    const rows = await cryptocardy.wallet.depositAddresses();
    expect(rows[2]).toEqual({
      provider: 'cryptocardy',
      asset: 'sol',
      address: '7xKXtg2CW87d97TXJSDpbD5j...',
      network: 'solana',
      minimumDeposit: '0.1',
    });
    expectHeaders(addresses.request, 'GET');
  });

  it('lists deposits with status and the asset as currency', async () => {
    const call = expectRequest('GET', '/wallet/deposits', {
      query: { status: 'confirmed', currency: 'btc' },
      body: depositsList,
    });
    const page = await issuer().wallet.deposits({ status: 'confirmed', asset: 'btc' });
    expectHeaders(call.request, 'GET');
    expect(page.data[0]).toMatchObject({
      id: 'cryptocardy:dep_x9y8z7w6',
      cryptoAmount: '0.0075',
      amount: cents(50_000),
      fee: cents(1000),
      credited: cents(49_000),
    });
  });

  it('lists BINs', async () => {
    expectRequest('GET', '/bins', { body: binsList });
    const page = await issuer().bins.list();
    expect(page.data.map((bin) => bin.id)).toEqual(['cryptocardy:491653', 'cryptocardy:531993']);
    expect(page.data[0]?.issuerCountry).toBe('US');
  });

  it('lists 3DS challenges and gets one by id', async () => {
    const list = expectRequest('GET', '/3ds', {
      query: { card_id: 'card_8xK2m9Lp4q', status: 'pending' },
      body: threeDSList,
    });
    const get = expectRequest('GET', '/3ds/3ds_m4n5o6p7', { body: threeDSList.data[0] });
    const cryptocardy = issuer();
    const page = await cryptocardy.threeDS.list({ cardId, status: 'pending' });
    expect(page.data[0]).toMatchObject({ amount: cents(999), createdAt: '2026-04-15T15:00:00.000Z' });
    const challenge = await cryptocardy.threeDS.get('cryptocardy:3ds_m4n5o6p7');
    expect(challenge.otp).toBe('847291');
    expect(JSON.stringify(challenge)).not.toContain('847291');
    expectHeaders(list.request, 'GET');
    expectHeaders(get.request, 'GET');
  });

  it('creates, lists and deletes webhooks', async () => {
    const create = expectRequest('POST', '/webhooks', { status: 201, body: webhookCreate });
    const { secret: _secret, ...listed } = webhookCreate;
    expectRequest('GET', '/webhooks', { body: { data: [listed] } });
    const remove = expectRequest('DELETE', '/webhooks/wh_r5s6t7u8', { body: { id: 'wh_r5s6t7u8', deleted: true } });
    const cryptocardy = issuer();
    const webhook = await cryptocardy.webhooks.create({ url: 'https://yourapp.com/hooks', events: ['*'] });
    expect(create.request.body).toEqual({ url: 'https://yourapp.com/hooks', events: ['*'] });
    expect(webhook.secret?.reveal()).toBe('whsec_a1b2c3d4e5f6...');
    expect((await cryptocardy.webhooks.list()).data[0]).not.toHaveProperty('secret');
    await cryptocardy.webhooks.delete(webhook.id);
    expectHeaders(create.request, 'POST');
    expectHeaders(remove.request, 'DELETE');
  });
});

describe('CryptoCardy wire format: errors', () => {
  it('maps insufficient_funds to InsufficientFundsError with the request id', async () => {
    expectRequest('POST', '/cards', { status: 400, body: insufficientFunds });
    const error = await issuer()
      .cards.create({ binId: '491653', amount: usd(500) })
      .catch((caught: unknown) => caught);
    expect(InsufficientFundsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ requestId: 'req_7f8a9b2c3d4e', provider: 'cryptocardy' });
  });

  it('maps 401 to AuthenticationError without the seed anywhere', async () => {
    expectRequest('GET', '/cards/card_8xK2m9Lp4q', {
      status: 401,
      body: { error: 'unauthorized', message: 'Missing or invalid seed', code: 401, request_id: 'req_a' },
    });
    const error = await issuer()
      .cards.get(cardId)
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain(seed);
  });

  it('maps 404 to NotFoundError and 429 to RateLimitError', async () => {
    expectRequest('GET', '/3ds/3ds_missing', {
      status: 404,
      body: { error: 'not_found', message: 'Not found', code: 404, request_id: 'req_b' },
    });
    expectRequest('GET', '/wallet/balance', {
      status: 429,
      body: { error: 'rate_limit_exceeded', message: 'Slow down', code: 429, request_id: 'req_c' },
      headers: { 'Retry-After': '90' },
    });
    const cryptocardy = issuer();
    await expect(cryptocardy.threeDS.get('cryptocardy:3ds_missing')).rejects.toSatisfy(NotFoundError.isInstance);
    const limited = await cryptocardy.wallet.balance().catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(limited)).toBe(true);
  });

  it('refuses another provider’s id and bad input before any request', async () => {
    const scope = nock(origin).intercept(/.*/, 'GET').reply(200, {});
    const cryptocardy = issuer();
    await expect(cryptocardy.cards.get('privcards:card_1')).rejects.toThrow('belongs to privcards, not cryptocardy');
    await expect(cryptocardy.cards.list({ perPage: 500 })).rejects.toSatisfy(InvalidRequestError.isInstance);
    await expect(cryptocardy.wallet.deposits({ status: 'lost' as never })).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
    expect(scope.isDone()).toBe(false);
  });
});
