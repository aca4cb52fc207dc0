/*
 * Wire examples of the REST dialect: core's own test data for the dialect's schemas, mappers and request builders.
 * They show the dialect's shapes, field by field, without belonging to any provider: each provider's documented
 * examples are its adapter's fixtures (one copy, in the adapter package), checked there against its page.
 */

/** `GET /cards/{id}`: a full card. */
export const cardExample = {
  id: 'card_8xK2m9Lp4q',
  bin_id: '491653',
  network: 'visa',
  last4: '2039',
  status: 'active',
  balance: 487.5,
  spending_limit: 2000.0,
  total_spent: 12.5,
  transaction_count: 3,
  label: 'Meta Ads Campaign #12',
  metadata: {
    campaign: 'spring_2026',
  },
  created_at: '2026-04-15T12:00:00Z',
  expires_at: '2029-04-15T23:59:59Z',
  last_used_at: '2026-04-15T14:32:00Z',
};

/** `GET /cards`: a page of card summaries with its pagination. */
export const cardsListExample = {
  data: [
    {
      id: 'card_8xK2m9Lp4q',
      bin_id: '491653',
      network: 'visa',
      last4: '2039',
      status: 'active',
      balance: 487.5,
      label: 'Meta Ads Campaign #12',
      created_at: '2026-04-15T12:00:00Z',
    },
  ],
  pagination: {
    page: 1,
    per_page: 25,
    total: 142,
    total_pages: 6,
  },
};

/** `GET /cards/{id}/details`: PAN, CVV, expiry, billing address. */
export const cardDetailsExample = {
  id: 'card_8xK2m9Lp4q',
  pan: '4916531288472039',
  cvv: '847',
  exp_month: 4,
  exp_year: 2029,
  holder_name: 'ANONYMOUS',
  billing_address: {
    line1: '123 Privacy Street',
    city: 'Wilmington',
    state: 'DE',
    zip: '19801',
    country: 'US',
  },
};

/** `POST /cards/{id}/freeze`. */
export const cardFreezeExample = {
  id: 'card_8xK2m9Lp4q',
  status: 'frozen',
  frozen_at: '2026-04-15T15:00:00Z',
};

/** `DELETE /cards/{id}`: the termination answer with the refund. */
export const cardTerminateExample = {
  id: 'card_8xK2m9Lp4q',
  status: 'terminated',
  refunded_amount: 487.5,
  terminated_at: '2026-04-15T16:00:00Z',
};

/** `POST /cards/{id}/fund`. */
export const cardFundExample = {
  id: 'card_8xK2m9Lp4q',
  previous_balance: 487.5,
  funded_amount: 200.0,
  new_balance: 687.5,
  wallet_balance: 1312.5,
};

/** `GET /transactions`. */
export const transactionsListExample = {
  data: [
    {
      id: 'txn_a1b2c3d4',
      card_id: 'card_8xK2m9Lp4q',
      type: 'settlement',
      amount: -12.5,
      currency: 'USD',
      merchant: {
        name: 'FACEBK ADS',
        category: 'advertising',
        mcc: '7311',
        country: 'US',
      },
      balance_after: 487.5,
      created_at: '2026-04-15T14:32:00Z',
    },
  ],
  pagination: {
    page: 1,
    per_page: 50,
    total: 328,
  },
};

/** `GET /wallet/balance`. */
export const walletBalanceExample = {
  balance: 1312.5,
  currency: 'USD',
  pending_deposits: 500.0,
  total_deposited: 15000.0,
  total_spent: 13687.5,
  cards_active: 8,
  cards_total_balance: 2450.0,
};

/** `GET /wallet/deposit-address`: the three maps (addresses, networks, minimums). */
export const depositAddressExample = {
  addresses: {
    btc: 'bc1qxy2kgdygjrsqtzq2n0yrf...',
    eth: '0x742d35Cc6634C0532925a3b...',
    sol: '7xKXtg2CW87d97TXJSDpbD5j...',
    usdt: '0x742d35Cc6634C0532925a3b...',
  },
  networks: {
    btc: 'bitcoin',
    eth: 'ethereum',
    sol: 'solana',
    usdt: 'erc-20',
  },
  min_deposit: {
    btc: '0.0001',
    eth: '0.005',
    sol: '0.1',
    usdt: '5.00',
  },
};

/** `GET /wallet/deposits`. */
export const depositsListExample = {
  data: [
    {
      id: 'dep_x9y8z7w6',
      currency: 'btc',
      amount_crypto: '0.0075',
      amount_usd: 500.0,
      fee_usd: 10.0,
      credited_usd: 490.0,
      status: 'confirmed',
      tx_hash: '3a1b2c3d4e5f...',
      confirmations: 6,
      created_at: '2026-04-15T10:00:00Z',
      confirmed_at: '2026-04-15T10:42:00Z',
    },
  ],
};

/** `GET /bins`, with `issuer_country`. */
export const binsListExample = {
  data: [
    {
      id: '491653',
      network: 'visa',
      type: 'advertising',
      issuer_country: 'US',
      '3ds': true,
      apple_pay: true,
      google_pay: true,
      max_transaction: 5000.0,
      max_monthly: 50000.0,
      acceptance_rate: 97.2,
      best_for: ['meta_ads', 'google_ads', 'tiktok_ads'],
    },
    {
      id: '531993',
      network: 'mastercard',
      type: 'everyday',
      issuer_country: 'US',
      '3ds': true,
      apple_pay: true,
      google_pay: true,
      max_transaction: 1000.0,
      max_monthly: 10000.0,
      acceptance_rate: 95.8,
      best_for: ['subscriptions', 'saas', 'shopping'],
    },
  ],
};

/** `GET /3ds`, with `created_at`. */
export const threeDSListExample = {
  data: [
    {
      id: '3ds_m4n5o6p7',
      card_id: 'card_8xK2m9Lp4q',
      merchant: 'SPOTIFY',
      amount: 9.99,
      otp: '847291',
      status: 'pending',
      expires_at: '2026-04-15T15:05:00Z',
      created_at: '2026-04-15T15:00:00Z',
    },
  ],
};

/** `POST /webhooks`: the endpoint with its signing secret. */
export const webhookCreateExample = {
  id: 'wh_r5s6t7u8',
  url: 'https://yourapp.com/webhooks/ctc',
  events: ['transaction.authorized', 'transaction.declined'],
  secret: 'whsec_a1b2c3d4e5f6...',
  active: true,
  created_at: '2026-04-15T12:00:00Z',
};

/** `POST /cards` answer: no `total_spent`, `transaction_count`, `last_used_at`; `auto_freeze_at` null. */
export const createdCardExample = {
  id: 'card_8xK2m9Lp4q',
  bin_id: '491653',
  network: 'visa',
  last4: '2039',
  status: 'active',
  balance: 500.0,
  spending_limit: 2000.0,
  label: 'Meta Ads Campaign #12',
  allowed_categories: ['advertising'],
  auto_freeze_at: null,
  metadata: {
    campaign: 'spring_2026',
  },
  created_at: '2026-04-15T12:00:00Z',
  expires_at: '2029-04-15T23:59:59Z',
};

/** `POST /cards` body: dollars as numbers, snake_case names, in this key order. */
export const createCardRequestExample = {
  bin_id: '491653',
  amount: 500,
  label: 'Meta Ads Campaign #12',
  spending_limit: 2000,
  allowed_categories: ['advertising'],
  metadata: {
    campaign: 'spring_2026',
  },
};

/** `GET /bins` without `issuer_country`. */
export const sparseBinsListExample = {
  data: [
    {
      id: '491653',
      network: 'visa',
      type: 'advertising',
      '3ds': true,
      apple_pay: true,
      google_pay: true,
      max_transaction: 5000.0,
      max_monthly: 50000.0,
      acceptance_rate: 97.2,
      best_for: ['meta_ads', 'google_ads', 'tiktok_ads'],
    },
  ],
};

/** `GET /3ds` without `created_at`. */
export const sparseThreeDSListExample = {
  data: [
    {
      id: '3ds_m4n5o6p7',
      card_id: 'card_8xK2m9Lp4q',
      merchant: 'SPOTIFY',
      amount: 9.99,
      otp: '847291',
      status: 'pending',
      expires_at: '2026-04-15T15:05:00Z',
    },
  ],
};
