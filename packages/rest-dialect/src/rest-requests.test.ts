import { cents, Secret, usd } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import {
  buildCardListQuery,
  buildCreateCardBody,
  buildCreateWebhookBody,
  buildDepositAddressQuery,
  buildDepositListQuery,
  buildFundingBody,
  buildThreeDSListQuery,
  buildTransactionListQuery,
  buildUpdateCardBody,
} from './rest-requests.js';
import { createCardRequestExample as createRequest } from './test-support/dialect-wire-examples.js';

describe('REST dialect domain → wire requests', () => {
  it('builds the card-create body of the dialect’s example', () => {
    const body = buildCreateCardBody({
      binId: '491653',
      amount: usd(500),
      label: 'Meta Ads Campaign #12',
      spendingLimit: usd(2000),
      allowedCategories: ['advertising'],
      metadata: { campaign: 'spring_2026' },
    });
    expect(body).toEqual(createRequest);
    expect(JSON.stringify(body)).toBe(JSON.stringify(createRequest));
  });

  it('sends cents as exact dollar numbers', () => {
    expect(buildFundingBody(cents(999))).toEqual({ amount: 9.99 });
    expect(buildFundingBody(cents(29))).toEqual({ amount: 0.29 });
    expect(JSON.stringify(buildFundingBody(cents(48_750)))).toBe('{"amount":487.5}');
  });

  it('sends auto_freeze_at 0 to disable auto-freeze, and only the fields given', () => {
    expect(buildUpdateCardBody({ autoFreezeAt: null })).toEqual({ auto_freeze_at: 0 });
    expect(buildUpdateCardBody({ label: 'x', spendingLimit: usd(100), autoFreezeAt: usd(5) })).toEqual({
      label: 'x',
      spending_limit: 100,
      auto_freeze_at: 5,
    });
  });

  it('builds snake_case list queries, always with the page', () => {
    expect(
      buildCardListQuery({ status: 'active', binId: '491653', sort: 'lastUsed', order: 'asc', perPage: 10 }, 2),
    ).toEqual({ status: 'active', bin_id: '491653', sort: 'last_used', order: 'asc', page: 2, per_page: 10 });
    expect(buildCardListQuery({}, 1)).toEqual({ page: 1 });
    expect(
      buildTransactionListQuery(
        { cardId: 'card_1', type: 'settlement', from: '2026-04-01', minAmount: usd(1), maxAmount: cents(999) },
        1,
      ),
    ).toEqual({ card_id: 'card_1', type: 'settlement', from: '2026-04-01', min_amount: 1, max_amount: 9.99, page: 1 });
    expect(buildThreeDSListQuery({ cardId: 'card_1', status: 'pending' })).toEqual({
      card_id: 'card_1',
      status: 'pending',
    });
  });

  it('sends the deposit asset as currency', () => {
    expect(buildDepositListQuery({ status: 'confirmed', asset: 'btc' })).toEqual({
      status: 'confirmed',
      currency: 'btc',
    });
    expect(buildDepositAddressQuery({ asset: 'eth' })).toEqual({ currency: 'eth' });
    expect(buildDepositAddressQuery({})).toEqual({});
  });

  it('reveals a webhook secret only into the request body', () => {
    const body = buildCreateWebhookBody({
      url: 'https://app.example/hooks',
      events: ['*'],
      secret: new Secret('whsec_0123456789abcdef'),
    });
    expect(body).toEqual({ url: 'https://app.example/hooks', events: ['*'], secret: 'whsec_0123456789abcdef' });
    expect(buildCreateWebhookBody({ url: 'https://app.example/hooks', events: ['*'] })).not.toHaveProperty('secret');
  });
});
