import {
  InvalidRequestError,
  type IssuerCapabilities,
  type Operation,
  UnsupportedOperationError,
  usd,
} from '@cardgw/core';
import { type HttpClient, type HttpRequest, isMutating } from '@cardgw/core/provider-utils';
import { describe, expect, it } from 'vitest';
import { createRestCardIssuer } from './rest-card-issuer.js';
import { restEndpoints } from './rest-endpoints.js';

const operations = Object.keys(restEndpoints) as Operation[];

const everything: IssuerCapabilities = {
  operations,
  cardListFilters: ['status', 'binId', 'label', 'sort', 'order', 'perPage'],
  transactionListFilters: ['cardId', 'type', 'from', 'to', 'merchant', 'minAmount', 'maxAmount', 'perPage'],
  threeDSListFilters: ['cardId', 'status'],
  depositListFilters: ['status', 'asset'],
  allowsInsecureWebhookUrls: false,
};

/** The request each call sends, recorded; no answer comes back (the sentinel stops the call there). */
function recordingIssuer(capabilities: IssuerCapabilities = everything) {
  const requests: HttpRequest<unknown>[] = [];
  const sentinel = new Error('recorded');
  const http: HttpClient = {
    provider: 'testpay',
    async request(request) {
      requests.push(request as HttpRequest<unknown>);
      throw sentinel;
    },
    close: async () => {},
  };
  const issuer = createRestCardIssuer({ provider: 'testpay', capabilities, http });
  /** The one request `run` sent, without its schema and options. */
  async function sent(run: () => PromiseLike<unknown>) {
    requests.length = 0;
    await expect(Promise.resolve().then(run)).rejects.toBe(sentinel);
    expect(requests).toHaveLength(1);
    const { schema: _schema, options: _options, ...request } = requests[0] as HttpRequest<unknown>;
    return request;
  }
  return { issuer, requests, sent };
}

describe('restEndpoints: the table', () => {
  it('has one row for every operation of the port', () => {
    expect(operations).toHaveLength(21);
    expect(new Set(operations).size).toBe(21);
  });

  it.each(operations)('%s: its mutating column agrees with the pipeline’s idempotency rule', (operation) => {
    const endpoint = restEndpoints[operation];
    expect(endpoint.mutating).toBe(isMutating(endpoint.method));
    expect(endpoint.path).toMatch(/^\/[a-z0-9/-]*(\{[A-Za-z]+\}[a-z/-]*)?$/);
  });
});

describe('createRestCardIssuer: each row sends the request the dialect documents', () => {
  const card = 'testpay:card_8xK2m9Lp4q';

  it('fills a path’s id from the qualified id and sends the validated body in wire form', async () => {
    const { issuer, sent } = recordingIssuer();
    expect(await sent(() => issuer.cards.get(card))).toEqual({
      operation: 'cards.get',
      method: 'GET',
      path: '/cards/card_8xK2m9Lp4q',
    });
    expect(await sent(() => issuer.cards.fund(card, { amount: usd(12.5) }))).toEqual({
      operation: 'cards.fund',
      method: 'POST',
      path: '/cards/card_8xK2m9Lp4q/fund',
      body: { amount: 12.5 },
    });
    expect(await sent(() => issuer.cards.update(card, { autoFreezeAt: null }))).toEqual({
      operation: 'cards.update',
      method: 'PATCH',
      path: '/cards/card_8xK2m9Lp4q',
      body: { auto_freeze_at: 0 },
    });
    expect(await sent(() => issuer.threeDS.get('testpay:3ds_a1'))).toMatchObject({ path: '/3ds/3ds_a1' });
    expect(await sent(() => issuer.webhooks.delete('testpay:wh_1'))).toMatchObject({
      method: 'DELETE',
      path: '/webhooks/wh_1',
    });
    expect(await sent(() => issuer.wallet.depositAddresses({ asset: 'btc' }))).toEqual({
      operation: 'wallet.depositAddresses',
      method: 'GET',
      path: '/wallet/deposit-address',
      query: { currency: 'btc' },
    });
  });

  it('resolves a list’s id filters and asks paged lists for the caller’s page', async () => {
    const { issuer, sent } = recordingIssuer();
    expect(await sent(() => issuer.transactions.list({ cardId: card, page: 3 }))).toEqual({
      operation: 'transactions.list',
      method: 'GET',
      path: '/transactions',
      query: { card_id: 'card_8xK2m9Lp4q', page: 3 },
    });
    expect(await sent(() => issuer.threeDS.list({ cardId: card }))).toMatchObject({
      path: '/3ds',
      query: { card_id: 'card_8xK2m9Lp4q' },
    });
    expect(await sent(() => issuer.bins.list())).toEqual({ operation: 'bins.list', method: 'GET', path: '/bins' });
  });

  it('refuses, before any request, an id of another provider, bad input, or an undeclared operation or filter', async () => {
    const full = recordingIssuer();
    const narrow = recordingIssuer({ ...everything, operations: ['cards.get', 'cards.list'], cardListFilters: [] });
    const invalid: (() => PromiseLike<unknown>)[] = [
      () => full.issuer.cards.get('otherpay:card_1'),
      () => full.issuer.cards.get('not qualified'),
      () => full.issuer.cards.fund(card, { amount: usd(0.5) }),
      () => full.issuer.webhooks.create({ url: 'http://example.com/hook', events: ['*'] }),
      () => full.issuer.transactions.list({ cardId: 'otherpay:card_1' }),
    ];
    const unsupported: (() => PromiseLike<unknown>)[] = [
      () => narrow.issuer.cards.freeze(card),
      () => narrow.issuer.cards.list({ label: 'x' }),
    ];
    for (const failure of invalid) {
      const error = await Promise.resolve()
        .then(failure)
        .catch((caught: unknown) => caught);
      expect(InvalidRequestError.isInstance(error)).toBe(true);
    }
    for (const failure of unsupported) {
      const error = await Promise.resolve()
        .then(failure)
        .catch((caught: unknown) => caught);
      expect(UnsupportedOperationError.isInstance(error)).toBe(true);
    }
    expect([...full.requests, ...narrow.requests]).toEqual([]);
  });
});
