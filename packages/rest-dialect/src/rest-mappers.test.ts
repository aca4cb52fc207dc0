import { inspect } from 'node:util';
import { cents } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import {
  mapRestBin,
  mapRestCard,
  mapRestCardDetails,
  mapRestCardFreeze,
  mapRestCardFunding,
  mapRestCardTermination,
  mapRestDeposit,
  mapRestDepositAddresses,
  mapRestThreeDSChallenge,
  mapRestTransaction,
  mapRestWalletBalance,
  mapRestWebhook,
  normalizeTimestamp,
} from './rest-mappers.js';
import { mapRestPage } from './rest-pagination.js';
import {
  wireBinSchema,
  wireCardDetailsSchema,
  wireCardFreezeSchema,
  wireCardFundingSchema,
  wireCardSchema,
  wireCardTerminationSchema,
  wireDepositAddressesSchema,
  wireDepositSchema,
  wireListSchema,
  wireThreeDSChallengeSchema,
  wireTransactionSchema,
  wireWalletBalanceSchema,
  wireWebhookSchema,
} from './rest-wire-schemas.js';
import {
  binsListExample as binsList,
  cardExample as card,
  cardDetailsExample as cardDetails,
  cardFreezeExample as cardFreeze,
  cardFundExample as cardFund,
  cardsListExample as cardsList,
  cardTerminateExample as cardTerminate,
  createdCardExample as createdCard,
  depositAddressExample as depositAddress,
  depositsListExample as depositsList,
  sparseBinsListExample as sparseBins,
  sparseThreeDSListExample as sparseThreeDS,
  threeDSListExample as threeDSList,
  transactionsListExample as transactionsList,
  walletBalanceExample as walletBalance,
  webhookCreateExample as webhookCreate,
} from './test-support/dialect-wire-examples.js';

describe('REST dialect wire → domain, on the dialect’s examples', () => {
  it('maps the full card of GET /cards/{id} with exact cents and qualified ids', () => {
    expect(mapRestCard(wireCardSchema.parse(card), 'acme')).toEqual({
      id: 'acme:card_8xK2m9Lp4q',
      provider: 'acme',
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

  it('maps a created card, turning auto_freeze_at null into null (disabled)', () => {
    const mapped = mapRestCard(wireCardSchema.parse(createdCard), 'globex');
    expect(mapped).toMatchObject({
      id: 'globex:card_8xK2m9Lp4q',
      balance: cents(50_000),
      spendingLimit: cents(200_000),
      allowedCategories: ['advertising'],
      autoFreezeAt: null,
    });
    expect(mapped).not.toHaveProperty('lastUsedAt');
  });

  it('reads auto_freeze_at 0 as disabled and a positive one as Money', () => {
    const base = wireCardSchema.parse(createdCard);
    expect(mapRestCard({ ...base, auto_freeze_at: 0 }, 'globex').autoFreezeAt).toBeNull();
    expect(mapRestCard({ ...base, auto_freeze_at: 25.5 }, 'globex').autoFreezeAt).toEqual(cents(2550));
  });

  it('maps the pending_top_up state to pending', () => {
    const wire = wireCardSchema.parse({ ...card, status: 'pending_top_up' });
    expect(mapRestCard(wire, 'acme').status).toBe('pending');
  });

  it('normalizes +00:00 offsets and Z timestamps alike', () => {
    expect(normalizeTimestamp('2026-05-22T17:57:34+00:00')).toBe('2026-05-22T17:57:34.000Z');
    expect(normalizeTimestamp('2026-05-22T19:57:34+02:00')).toBe('2026-05-22T17:57:34.000Z');
  });

  it('maps the card list with its pagination', () => {
    const page = mapRestPage(wireListSchema(wireCardSchema).parse(cardsList), (item) => mapRestCard(item, 'acme'));
    expect(page).toMatchObject({ page: 1, perPage: 25, total: 142, totalPages: 6, hasMore: true });
    expect(page.data[0]?.balance).toEqual(cents(48_750));
    expect(page.data[0]).not.toHaveProperty('spendingLimit');
  });

  it('maps details to a CardDetails that prints redacted', () => {
    const details = mapRestCardDetails(wireCardDetailsSchema.parse(cardDetails), 'acme');
    expect(details.cardId).toBe('acme:card_8xK2m9Lp4q');
    expect(details.pan).toBe('4916531288472039');
    expect(details.cvv).toBe('847');
    expect(details.expiry).toBe('04/29');
    expect(details.billingAddress).toEqual({
      line1: '123 Privacy Street',
      city: 'Wilmington',
      state: 'DE',
      zip: '19801',
      country: 'US',
    });
    for (const printed of [JSON.stringify(details), inspect(details), String(details)]) {
      expect(printed).not.toContain('4916531288472039');
      expect(printed).not.toContain('847');
    }
  });

  it('maps freeze, terminate and fund answers', () => {
    expect(mapRestCardFreeze(wireCardFreezeSchema.parse(cardFreeze), 'acme')).toEqual({
      cardId: 'acme:card_8xK2m9Lp4q',
      status: 'frozen',
      frozenAt: '2026-04-15T15:00:00.000Z',
    });
    expect(mapRestCardTermination(wireCardTerminationSchema.parse(cardTerminate), 'acme')).toEqual({
      cardId: 'acme:card_8xK2m9Lp4q',
      status: 'terminated',
      refundedAmount: cents(48_750),
      terminatedAt: '2026-04-15T16:00:00.000Z',
    });
    expect(mapRestCardFunding(wireCardFundingSchema.parse(cardFund), 'acme', 'fund')).toEqual({
      cardId: 'acme:card_8xK2m9Lp4q',
      direction: 'fund',
      previousBalance: cents(48_750),
      amount: cents(20_000),
      newBalance: cents(68_750),
      walletBalance: cents(131_250),
    });
  });

  it('reads a withdrawal as withdrawn_amount, else amount, else the balance difference', () => {
    const base = { id: 'card_1', previous_balance: 687.5, new_balance: 487.5, wallet_balance: 1512.5 };
    const read = (extra: object) =>
      mapRestCardFunding(wireCardFundingSchema.parse({ ...base, ...extra }), 'globex', 'withdraw').amount;
    expect(read({ withdrawn_amount: 200 })).toEqual(cents(20_000));
    expect(read({ amount: 200 })).toEqual(cents(20_000));
    expect(read({})).toEqual(cents(20_000));
  });

  it('maps a transaction with a negative amount and a merchant object', () => {
    const list = wireListSchema(wireTransactionSchema).parse(transactionsList);
    const page = mapRestPage(list, (item) => mapRestTransaction(item, 'acme'));
    expect(page.data[0]).toEqual({
      id: 'acme:txn_a1b2c3d4',
      provider: 'acme',
      providerId: 'txn_a1b2c3d4',
      cardId: 'acme:card_8xK2m9Lp4q',
      type: 'settlement',
      amount: cents(-1250),
      merchant: { name: 'FACEBK ADS', category: 'advertising', mcc: '7311', country: 'US' },
      balanceAfter: cents(48_750),
      createdAt: '2026-04-15T14:32:00.000Z',
    });
    // Only `total` is given: 1 × 50 < 328, so more pages follow.
    expect(page).toMatchObject({ page: 1, perPage: 50, total: 328, totalPages: 7, hasMore: true });
  });

  it('maps the wallet balance', () => {
    expect(mapRestWalletBalance(wireWalletBalanceSchema.parse(walletBalance), 'acme')).toEqual({
      provider: 'acme',
      balance: cents(131_250),
      pendingDeposits: cents(50_000),
      totalDeposited: cents(1_500_000),
      totalSpent: cents(1_368_750),
      activeCards: 8,
      cardsTotalBalance: cents(245_000),
    });
  });

  it('turns the three deposit-address maps into one row per asset, naming the provider that owns the address', () => {
    const rows = mapRestDepositAddresses(wireDepositAddressesSchema.parse(depositAddress), 'acme');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      provider: 'acme',
      asset: 'btc',
      address: 'bc1qxy2kgdygjrsqtzq2n0yrf...',
      network: 'bitcoin',
      minimumDeposit: '0.0001',
    });
    expect(rows[3]).toEqual({
      provider: 'acme',
      asset: 'usdt',
      address: '0x742d35Cc6634C0532925a3b...',
      network: 'erc-20',
      minimumDeposit: '5.00',
    });
  });

  it('maps a deposit, keeping the crypto amount a decimal string', () => {
    const list = wireListSchema(wireDepositSchema).parse(depositsList);
    expect(mapRestDeposit(list.data[0]!, 'acme')).toEqual({
      id: 'acme:dep_x9y8z7w6',
      provider: 'acme',
      asset: 'btc',
      cryptoAmount: '0.0075',
      amount: cents(50_000),
      fee: cents(1000),
      credited: cents(49_000),
      status: 'confirmed',
      txHash: '3a1b2c3d4e5f...',
      confirmations: 6,
      createdAt: '2026-04-15T10:00:00.000Z',
      confirmedAt: '2026-04-15T10:42:00.000Z',
    });
    expect(mapRestPage(list, (item) => item).hasMore).toBe(false);
  });

  it('maps BINs with and without issuer_country', () => {
    const bins = wireListSchema(wireBinSchema)
      .parse(binsList)
      .data.map((bin) => mapRestBin(bin, 'acme'));
    expect(bins[1]).toEqual({
      id: 'acme:531993',
      provider: 'acme',
      providerId: '531993',
      network: 'mastercard',
      type: 'everyday',
      issuerCountry: 'US',
      threeDS: true,
      applePay: true,
      googlePay: true,
      maxTransaction: cents(100_000),
      maxMonthly: cents(1_000_000),
      acceptanceRate: 95.8,
      bestFor: ['subscriptions', 'saas', 'shopping'],
    });
    const sparse = wireListSchema(wireBinSchema)
      .parse(sparseBins)
      .data.map((bin) => mapRestBin(bin, 'globex'));
    expect(sparse[0]).not.toHaveProperty('issuerCountry');
    expect(sparse[0]?.maxTransaction).toEqual(cents(500_000));
  });

  it('maps 3DS challenges with exact cents, with or without created_at, printing the OTP redacted', () => {
    const [withCreatedAt] = wireListSchema(wireThreeDSChallengeSchema).parse(threeDSList).data;
    const challenge = mapRestThreeDSChallenge(withCreatedAt!, 'acme');
    expect(challenge).toMatchObject({
      id: 'acme:3ds_m4n5o6p7',
      cardId: 'acme:card_8xK2m9Lp4q',
      merchant: 'SPOTIFY',
      amount: cents(999),
      status: 'pending',
      expiresAt: '2026-04-15T15:05:00.000Z',
      createdAt: '2026-04-15T15:00:00.000Z',
    });
    expect(challenge.otp).toBe('847291');
    expect(JSON.stringify(challenge)).not.toContain('847291');
    const [withoutCreatedAt] = wireListSchema(wireThreeDSChallengeSchema).parse(sparseThreeDS).data;
    expect(mapRestThreeDSChallenge(withoutCreatedAt!, 'globex').createdAt).toBeUndefined();
  });

  it('maps a created webhook, wrapping its secret', () => {
    const webhook = mapRestWebhook(wireWebhookSchema.parse(webhookCreate), 'acme');
    expect(webhook).toMatchObject({
      id: 'acme:wh_r5s6t7u8',
      url: 'https://yourapp.com/webhooks/ctc',
      events: ['transaction.authorized', 'transaction.declined'],
      active: true,
      createdAt: '2026-04-15T12:00:00.000Z',
    });
    expect(webhook.secret?.reveal()).toBe('whsec_a1b2c3d4e5f6...');
    expect(JSON.stringify(webhook)).not.toContain('whsec_');
  });
});

describe('REST dialect wire schemas', () => {
  it('keep unknown fields and accept null for optional ones', () => {
    const parsed = wireCardSchema.parse({ ...card, label: null, brand_new_field: 1 });
    expect(parsed).toHaveProperty('brand_new_field', 1);
    expect(mapRestCard(parsed, 'acme')).not.toHaveProperty('label');
  });

  it('refuse a missing required field or an amount with a third decimal', () => {
    const { balance: _balance, ...withoutBalance } = card;
    expect(wireCardSchema.safeParse(withoutBalance).success).toBe(false);
    expect(wireCardSchema.safeParse({ ...card, balance: 1.005 }).success).toBe(false);
    expect(wireCardSchema.safeParse({ ...card, created_at: 'yesterday' }).success).toBe(false);
  });

  it('refuse a transaction in another currency rather than reading it as dollars', () => {
    const [transaction] = transactionsList.data;
    expect(wireTransactionSchema.safeParse({ ...transaction, currency: 'EUR' }).success).toBe(false);
  });

  it('never echo a malformed PAN in their messages', () => {
    const result = wireCardDetailsSchema.safeParse({ ...cardDetails, pan: '4916-5312-8847-2039' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain('4916');
  });

  it('accept a bare array where a list is expected', () => {
    const parsed = wireListSchema(wireWebhookSchema).parse([webhookCreate]);
    expect(parsed.data).toHaveLength(1);
    expect(mapRestPage(parsed, (item) => item)).toMatchObject({ page: 1, hasMore: false });
  });

  it.each([
    ['a card id with a slash', wireCardSchema, { ...card, id: 'card/../x' }],
    ['an empty card id', wireCardSchema, { ...card, id: '' }],
    ['a card whose bin_id has a colon', wireCardSchema, { ...card, bin_id: 'other:491653' }],
    [
      'a transaction whose card_id has a space',
      wireTransactionSchema,
      { ...transactionsList.data[0], card_id: 'card 1' },
    ],
    ['a 3DS challenge whose card_id is empty', wireThreeDSChallengeSchema, { ...threeDSList.data[0], card_id: '' }],
    ['a BIN id with a slash', wireBinSchema, { ...binsList.data[0], id: '4916/53' }],
    ['a webhook id with a question mark', wireWebhookSchema, { ...webhookCreate, id: 'wh?x' }],
    ['a deposit id with a colon', wireDepositSchema, { ...depositsList.data[0], id: 'dep:1' }],
    ['a freeze answer whose id is a number', wireCardFreezeSchema, { ...cardFreeze, id: 42 }],
  ] as const)('refuse %s: it could not be qualified into an id later calls accept', (_name, schema, wire) => {
    const result = (schema as { safeParse(input: unknown): { success: boolean } }).safeParse(wire);
    expect(result.success).toBe(false);
  });

  it('tolerate an unknown network and BIN type, strings that may grow', () => {
    const [bin] = binsList.data;
    expect(wireBinSchema.safeParse({ ...bin, network: 'unionpay', type: 'travel' }).success).toBe(true);
  });
});
