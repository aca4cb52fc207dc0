import {
  AuthenticationError,
  cents,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  ProviderResponseError,
  RateLimitError,
  UnsupportedOperationError,
  usd,
} from '@cardgw/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import binsList from './fixtures/bins-list.json' with { type: 'json' };
import createdCard from './fixtures/card-create.json' with { type: 'json' };
import createRequest from './fixtures/card-create-request.json' with { type: 'json' };
import insufficientFunds from './fixtures/error-insufficient-funds.json' with { type: 'json' };
import card from './fixtures/family-card.json' with { type: 'json' };
import cardDetails from './fixtures/family-card-details.json' with { type: 'json' };
import cardFreeze from './fixtures/family-card-freeze.json' with { type: 'json' };
import cardFund from './fixtures/family-card-fund.json' with { type: 'json' };
import cardTerminate from './fixtures/family-card-terminate.json' with { type: 'json' };
import cardsList from './fixtures/family-cards-list.json' with { type: 'json' };
import depositAddress from './fixtures/family-deposit-address.json' with { type: 'json' };
import transactionsList from './fixtures/family-transactions-list.json' with { type: 'json' };
import webhookCreate from './fixtures/family-webhook-create.json' with { type: 'json' };
import threeDSList from './fixtures/threeds-list.json' with { type: 'json' };
import walletBalance from './fixtures/wallet-balance.json' with { type: 'json' };
import { createPrivCards } from './privcards-adapter.js';

const origin = 'https://api.privcards.com';
const apiKey = 'sk_test_WIRETEST0123456789';
const cardId = 'privcards:card_8xK2m9Lp4q';

interface Captured {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
}

/** One expected request: answers `response` and records what was sent. */
function expectRequest(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  reply: { status?: number; body?: unknown; query?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const captured: Captured[] = [];
  let interceptor = nock(origin).intercept(`/v1${path}`, method);
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
  expect(captured.headers.authorization).toBe(`Bearer ${apiKey}`);
  if (method === 'GET') {
    expect(captured.headers['x-idempotency-key']).toBeUndefined();
  } else {
    expect(captured.headers['x-idempotency-key']).toEqual(expect.any(String));
    expect(String(captured.headers['x-idempotency-key']).length).toBeGreaterThan(8);
  }
  if (captured.body !== undefined && captured.body !== '') {
    expect(String(captured.headers['content-type'])).toMatch(/^application\/json/);
  }
}

const issuer = () => createPrivCards({ apiKey, maxRetries: 0, env: {} });

const expectedCreatedCard = {
  id: cardId,
  provider: 'privcards',
  providerId: 'card_8xK2m9Lp4q',
  status: 'active',
  network: 'visa',
  binId: '491653',
  last4: '2039',
  balance: cents(50_000),
  spendingLimit: cents(200_000),
  label: 'Meta Ads Campaign #12',
  allowedCategories: ['advertising'],
  autoFreezeAt: null,
  metadata: { campaign: 'spring_2026' },
  createdAt: '2026-04-15T12:00:00.000Z',
  expiresAt: '2029-04-15T23:59:59.000Z',
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('PrivCards wire format: cards', () => {
  it('creates a card with POST /cards and the documented body, mapping the example answer', async () => {
    const call = expectRequest('POST', '/cards', { status: 201, body: createdCard });
    const created = await issuer().cards.create({
      binId: '491653',
      amount: usd(500),
      label: 'Meta Ads Campaign #12',
      spendingLimit: usd(2000),
      allowedCategories: ['advertising'],
      metadata: { campaign: 'spring_2026' },
    });
    expect(call.request.body).toEqual(createRequest);
    expectHeaders(call.request, 'POST');
    expect(created).toEqual(expectedCreatedCard);
  });

  it('creates a card by BIN criteria: lists the BINs once, then sends the matching bin_id', async () => {
    const bins = expectRequest('GET', '/bins', { body: binsList });
    const first = expectRequest('POST', '/cards', { status: 201, body: createdCard });
    const privcards = issuer();
    await privcards.cards.create({ bin: { network: 'visa', bestFor: ['meta_ads'] }, amount: usd(500) });
    expect(first.request.body).toEqual({ bin_id: '491653', amount: 500 });
    expectHeaders(bins.request, 'GET');
    // The BIN list is cached: a second creation by criteria sends only the POST.
    const second = expectRequest('POST', '/cards', { status: 201, body: createdCard });
    await privcards.cards.create({ bin: { network: 'visa' }, amount: cents(999) });
    expect(second.request.body).toEqual({ bin_id: '491653', amount: 9.99 });
  });

  it('refuses criteria no BIN matches with NotFoundError, before any POST', async () => {
    expectRequest('GET', '/bins', { body: binsList });
    const post = nock(origin).post('/v1/cards').reply(201, createdCard);
    await expect(issuer().cards.create({ bin: { network: 'mastercard' }, amount: usd(5) })).rejects.toSatisfy(
      (error: unknown) => NotFoundError.isInstance(error) && /no privcards BIN matches/.test((error as Error).message),
    );
    expect(post.isDone()).toBe(false);
  });

  it('lists cards with status, bin_id, page and per_page, and walks the pages', async () => {
    const call = expectRequest('GET', '/cards', {
      query: { status: 'active', bin_id: '491653', page: '1', per_page: '25' },
      body: cardsList,
    });
    const page = await issuer().cards.list({ status: 'active', binId: '491653', perPage: 25 });
    expectHeaders(call.request, 'GET');
    expect(page).toMatchObject({ page: 1, perPage: 25, total: 142, totalPages: 6, hasMore: true });
    expect(page.data[0]).toMatchObject({ id: cardId, balance: cents(48_750), label: 'Meta Ads Campaign #12' });
  });

  it('gets a card summary', async () => {
    const call = expectRequest('GET', '/cards/card_8xK2m9Lp4q', { body: card });
    const got = await issuer().cards.get(cardId);
    expectHeaders(call.request, 'GET');
    expect(got).toMatchObject({ id: cardId, balance: cents(48_750), totalSpent: cents(1250), transactionCount: 3 });
  });

  it('gets the PAN, CVV and expiry, printing them redacted', async () => {
    const call = expectRequest('GET', '/cards/card_8xK2m9Lp4q/details', { body: cardDetails });
    const details = await issuer().cards.details(cardId);
    expectHeaders(call.request, 'GET');
    expect(details.pan).toBe('4916531288472039');
    expect(details.cvv).toBe('847');
    expect(details.expiry).toBe('04/29');
    expect(JSON.stringify(details)).not.toContain('4916531288472039');
  });

  it('updates a card with PATCH and snake_case fields, auto_freeze_at 0 to disable', async () => {
    const call = expectRequest('PATCH', '/cards/card_8xK2m9Lp4q', { body: createdCard });
    const updated = await issuer().cards.update(cardId, {
      label: 'Renamed',
      spendingLimit: usd(1500),
      allowedCategories: ['software'],
      autoFreezeAt: null,
      metadata: { team: 'growth' },
    });
    expect(call.request.body).toEqual({
      label: 'Renamed',
      spending_limit: 1500,
      allowed_categories: ['software'],
      auto_freeze_at: 0,
      metadata: { team: 'growth' },
    });
    expectHeaders(call.request, 'PATCH');
    expect(updated.id).toBe(cardId);
  });

  it('freezes with POST /freeze', async () => {
    const call = expectRequest('POST', '/cards/card_8xK2m9Lp4q/freeze', { body: cardFreeze });
    expect(await issuer().cards.freeze(cardId)).toEqual({
      cardId,
      status: 'frozen',
      frozenAt: '2026-04-15T15:00:00.000Z',
    });
    expectHeaders(call.request, 'POST');
  });

  it('unfreezes with POST /unfreeze, answering the card', async () => {
    const call = expectRequest('POST', '/cards/card_8xK2m9Lp4q/unfreeze', { body: createdCard });
    expect(await issuer().cards.unfreeze(cardId)).toEqual(expectedCreatedCard);
    expectHeaders(call.request, 'POST');
  });

  it('terminates with DELETE, refunding the exact balance', async () => {
    const call = expectRequest('DELETE', '/cards/card_8xK2m9Lp4q', { body: cardTerminate });
    expect(await issuer().cards.terminate(cardId)).toEqual({
      cardId,
      status: 'terminated',
      refundedAmount: cents(48_750),
      terminatedAt: '2026-04-15T16:00:00.000Z',
    });
    expectHeaders(call.request, 'DELETE');
  });

  it('funds with POST /fund { amount } in dollars', async () => {
    const call = expectRequest('POST', '/cards/card_8xK2m9Lp4q/fund', { body: cardFund });
    const funding = await issuer().cards.fund(cardId, { amount: usd(200) });
    expect(call.request.body).toEqual({ amount: 200 });
    expectHeaders(call.request, 'POST');
    expect(funding).toEqual({
      cardId,
      direction: 'fund',
      previousBalance: cents(48_750),
      amount: cents(20_000),
      newBalance: cents(68_750),
      walletBalance: cents(131_250),
    });
  });

  it('withdraws with POST /withdraw, reading withdrawn_amount', async () => {
    const call = expectRequest('POST', '/cards/card_8xK2m9Lp4q/withdraw', {
      body: {
        id: 'card_8xK2m9Lp4q',
        previous_balance: 687.5,
        withdrawn_amount: 200,
        new_balance: 487.5,
        wallet_balance: 1512.5,
      },
    });
    const funding = await issuer().cards.withdraw(cardId, { amount: cents(20_000) });
    expect(call.request.body).toEqual({ amount: 200 });
    expectHeaders(call.request, 'POST');
    expect(funding).toMatchObject({ direction: 'withdraw', amount: cents(20_000), newBalance: cents(48_750) });
  });
});

describe('PrivCards wire format: transactions, wallet, BINs, 3DS, webhooks', () => {
  it('lists transactions with card_id, type, from, to and page', async () => {
    const call = expectRequest('GET', '/transactions', {
      query: { card_id: 'card_8xK2m9Lp4q', type: 'settlement', from: '2026-04-01', to: '2026-04-30', page: '1' },
      body: transactionsList,
    });
    const page = await issuer().transactions.list({
      cardId,
      type: 'settlement',
      from: '2026-04-01',
      to: '2026-04-30',
    });
    expectHeaders(call.request, 'GET');
    expect(page.data[0]).toMatchObject({ id: 'privcards:txn_a1b2c3d4', cardId, amount: cents(-1250) });
    expect(page.hasMore).toBe(true);
  });

  it('gets one transaction', async () => {
    const call = expectRequest('GET', '/transactions/txn_a1b2c3d4', { body: transactionsList.data[0] });
    const transaction = await issuer().transactions.get('privcards:txn_a1b2c3d4');
    expectHeaders(call.request, 'GET');
    expect(transaction.merchant).toEqual({ name: 'FACEBK ADS', category: 'advertising', mcc: '7311', country: 'US' });
  });

  it('reads the wallet balance', async () => {
    const call = expectRequest('GET', '/wallet/balance', { body: walletBalance });
    expect(await issuer().wallet.balance()).toEqual({
      provider: 'privcards',
      balance: cents(131_250),
      pendingDeposits: cents(50_000),
      totalDeposited: cents(1_500_000),
      totalSpent: cents(1_368_750),
      activeCards: 8,
      cardsTotalBalance: cents(245_000),
    });
    expectHeaders(call.request, 'GET');
  });

  it('reads deposit addresses, one per asset, with currency as the asset filter', async () => {
    const call = expectRequest('GET', '/wallet/deposit-address', { query: { currency: 'btc' }, body: depositAddress });
    const addresses = await issuer().wallet.depositAddresses({ asset: 'btc' });
    expectHeaders(call.request, 'GET');
    expect(addresses.map((address) => address.asset)).toEqual(['btc', 'eth', 'sol', 'usdt']);
    expect(addresses.every((address) => address.provider === 'privcards')).toBe(true);
  });

  it('lists BINs (PrivCards’ example has no issuer_country)', async () => {
    expectRequest('GET', '/bins', { body: binsList });
    const page = await issuer().bins.list();
    expect(page.data).toEqual([
      {
        id: 'privcards:491653',
        provider: 'privcards',
        providerId: '491653',
        network: 'visa',
        type: 'advertising',
        threeDS: true,
        applePay: true,
        googlePay: true,
        maxTransaction: cents(500_000),
        maxMonthly: cents(5_000_000),
        acceptanceRate: 97.2,
        bestFor: ['meta_ads', 'google_ads', 'tiktok_ads'],
      },
    ]);
    expect(page.hasMore).toBe(false);
  });

  it('lists 3DS challenges with card_id and status, amounts in exact cents', async () => {
    const call = expectRequest('GET', '/3ds', {
      query: { card_id: 'card_8xK2m9Lp4q', status: 'pending' },
      body: threeDSList,
    });
    const page = await issuer().threeDS.list({ cardId, status: 'pending' });
    expectHeaders(call.request, 'GET');
    expect(page.data[0]).toMatchObject({ id: 'privcards:3ds_m4n5o6p7', amount: cents(999), merchant: 'SPOTIFY' });
    expect(page.data[0]?.otp).toBe('847291');
  });

  it('registers a webhook with url, events and secret, keeping the answer’s secret wrapped', async () => {
    const call = expectRequest('POST', '/webhooks', { status: 201, body: webhookCreate });
    const webhook = await issuer().webhooks.create({
      url: 'https://yourapp.com/webhooks/ctc',
      events: ['transaction.authorized', 'transaction.declined'],
      secret: 'whsec_custom_secret_0123456789',
    });
    expect(call.request.body).toEqual({
      url: 'https://yourapp.com/webhooks/ctc',
      events: ['transaction.authorized', 'transaction.declined'],
      secret: 'whsec_custom_secret_0123456789',
    });
    expectHeaders(call.request, 'POST');
    expect(webhook).toMatchObject({ id: 'privcards:wh_r5s6t7u8', active: true });
    expect(webhook.secret?.reveal()).toBe('whsec_a1b2c3d4e5f6...');
    expect(JSON.stringify(webhook)).not.toContain('whsec_a1b2');
  });

  it('lists webhooks from a data envelope or a bare array', async () => {
    const { secret: _secret, ...listed } = webhookCreate;
    expectRequest('GET', '/webhooks', { body: { data: [listed] } });
    expect((await issuer().webhooks.list()).data[0]?.id).toBe('privcards:wh_r5s6t7u8');
    expectRequest('GET', '/webhooks', { body: [listed] });
    expect((await issuer().webhooks.list()).data).toHaveLength(1);
  });

  it('deletes a webhook, accepting an empty answer', async () => {
    const call = expectRequest('DELETE', '/webhooks/wh_r5s6t7u8', { status: 204, body: '' });
    await expect(issuer().webhooks.delete('privcards:wh_r5s6t7u8')).resolves.toBeUndefined();
    expectHeaders(call.request, 'DELETE');
  });
});

describe('PrivCards wire format: errors', () => {
  it('maps insufficient_funds to InsufficientFundsError with the request id', async () => {
    expectRequest('POST', '/cards/card_8xK2m9Lp4q/fund', { status: 400, body: insufficientFunds });
    const error = await issuer()
      .cards.fund(cardId, { amount: usd(200) })
      .catch((caught: unknown) => caught);
    expect(InsufficientFundsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ requestId: 'req_7f8a9b2c3d4e', status: 400, provider: 'privcards' });
  });

  it('maps 401 to AuthenticationError, without the key in the error', async () => {
    expectRequest('GET', '/wallet/balance', {
      status: 401,
      body: { error: 'unauthorized', message: 'Missing or invalid API key.', code: 401, request_id: 'req_1' },
    });
    const error = await issuer()
      .wallet.balance()
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain(apiKey);
  });

  it('maps 404 to NotFoundError', async () => {
    expectRequest('GET', '/cards/card_missing', {
      status: 404,
      body: { error: 'not_found', message: 'Card not found.', code: 404, request_id: 'req_2' },
    });
    await expect(issuer().cards.get('privcards:card_missing')).rejects.toSatisfy(NotFoundError.isInstance);
  });

  it.each([
    ['a slash', 'card/8xK2'],
    ['nothing', ''],
    ['a colon', 'other:card_1'],
  ])('refuses an answer whose card id has %s with ProviderResponseError, rather than qualifying it', async (_, id) => {
    expectRequest('GET', '/cards/card_8xK2m9Lp4q', { body: { ...card, id }, headers: { 'X-Request-Id': 'req_9' } });
    const error = await issuer()
      .cards.get(cardId)
      .catch((caught: unknown) => caught);
    expect(ProviderResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'privcards', requestId: 'req_9' });
  });

  it('refuses a transaction whose card_id could not be qualified, with ProviderResponseError', async () => {
    const [transaction] = transactionsList.data;
    expectRequest('GET', '/transactions/txn_a1b2c3d4', { body: { ...transaction, card_id: 'card 8xK2' } });
    await expect(issuer().transactions.get('privcards:txn_a1b2c3d4')).rejects.toSatisfy(
      ProviderResponseError.isInstance,
    );
  });

  it('maps 429 to RateLimitError with Retry-After', async () => {
    expectRequest('GET', '/bins', {
      status: 429,
      body: { error: 'rate_limit_exceeded', message: 'Too many requests.', code: 429, request_id: 'req_3' },
      headers: { 'Retry-After': '120' },
    });
    const error = await issuer()
      .bins.list()
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
  });
});

describe('PrivCards capabilities: refused before any request', () => {
  const anyRequest = () => nock(origin).intercept(/.*/, 'GET').reply(200, {});

  it.each([
    ['wallet.deposits', () => issuer().wallet.deposits()],
    ['threeDS.get', () => issuer().threeDS.get('privcards:3ds_m4n5o6p7')],
    ['transactions.list:merchant', () => issuer().transactions.list({ merchant: 'FACEBK' })],
    ['transactions.list:minAmount', () => issuer().transactions.list({ minAmount: usd(1) })],
    ['transactions.list:perPage', () => issuer().transactions.list({ perPage: 10 })],
    ['cards.list:label', () => issuer().cards.list({ label: 'Meta' })],
    ['cards.list:sort', () => issuer().cards.list({ sort: 'balance' })],
    ['cards.list:order', () => issuer().cards.list({ order: 'asc' })],
  ])('refuses %s with UnsupportedOperationError', async (operation, call) => {
    const scope = anyRequest();
    const error = await Promise.resolve()
      .then(call as () => unknown)
      .catch((caught: unknown) => caught);
    expect(UnsupportedOperationError.isInstance(error)).toBe(true);
    expect((error as UnsupportedOperationError).operation).toBe(operation);
    expect(scope.isDone()).toBe(false);
  });

  it('refuses another provider’s card id with InvalidRequestError, naming both', async () => {
    const scope = anyRequest();
    const error = await issuer()
      .cards.get('cryptocardy:card_8xK2m9Lp4q')
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('belongs to cryptocardy, not privcards');
    expect(scope.isDone()).toBe(false);
  });

  it('refuses a bad amount with InvalidRequestError before any request', async () => {
    const post = nock(origin).post(/.*/).reply(200, {});
    await expect(issuer().cards.fund(cardId, { amount: cents(50) })).rejects.toSatisfy(InvalidRequestError.isInstance);
    expect(post.isDone()).toBe(false);
  });

  it('refuses an http:// webhook URL (PrivCards wants HTTPS)', async () => {
    await expect(issuer().webhooks.create({ url: 'http://yourapp.com/hooks', events: ['*'] })).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
  });
});
