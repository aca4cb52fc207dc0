/*
 * The malformed-response corpus (issue 8): what a provider, a proxy in front of it or a broken deploy may answer, on
 * the endpoints of both adapters (nock). A 2xx we cannot read is a `ProviderResponseError`, and on a mutating call an
 * `AmbiguousOutcomeError` caused by one (the provider acted; only the idempotency key can tell how); an error status
 * is the typed error of that status; never a TypeError, SyntaxError or RangeError. The error names the provider and carries
 * the request id when the response gave one, and nothing it prints holds the PAN, CVV, OTP, key, seed or webhook
 * secret that a malformed body carried (the excerpt is redacted).
 */
import { inspect } from 'node:util';
import { createCryptoCardy } from '@cardgw/adapter-cryptocardy';
import { createPrivCards } from '@cardgw/adapter-privcards';
import {
  AmbiguousOutcomeError,
  AuthenticationError,
  type CardGatewayError,
  CardGatewayError as CardGatewayErrorClass,
  type CardIssuer,
  IncompleteListError,
  InvalidRequestError,
  NotFoundError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  usd,
} from '@cardgw/core';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForLeaks } from '../leakage-audit/scan-for-leaks.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** An endpoint of the port, a call that reaches it, and a body it accepts (the base the corpus breaks). */
interface Endpoint {
  readonly method: Method;
  readonly call: (issuer: CardIssuer) => Promise<unknown>;
  readonly valid: unknown;
  /** Declared by CryptoCardy only. */
  readonly cryptocardyOnly?: boolean | undefined;
}

const card = {
  id: 'card_8xK2m9Lp4q',
  bin_id: '491653',
  network: 'visa',
  last4: '2039',
  status: 'active',
  balance: 487.5,
  spending_limit: 2000,
  total_spent: 12.5,
  transaction_count: 3,
  label: 'Meta Ads Campaign #12',
  metadata: { campaign: 'spring_2026' },
  created_at: '2026-04-15T12:00:00Z',
  expires_at: '2029-04-15T23:59:59Z',
  last_used_at: '2026-04-15T14:32:00Z',
};
// Sentinels a malformed body may carry: the corpus checks that none reaches an error.
const pan = '4916531288472039';
const luhnPan = '4111111111111111';
const otp = '847291';
const webhookSecret = 'whsec_a1b2c3d4e5f60718293a4b5c';
const details = {
  id: 'card_8xK2m9Lp4q',
  pan,
  cvv: '847',
  exp_month: 4,
  exp_year: 2029,
  holder_name: 'ANONYMOUS',
  billing_address: { line1: '123 Privacy Street', city: 'Wilmington', state: 'DE', zip: '19801', country: 'US' },
};
const transaction = {
  id: 'txn_a1b2c3d4',
  card_id: 'card_8xK2m9Lp4q',
  type: 'settlement',
  amount: -12.5,
  currency: 'USD',
  merchant: { name: 'FACEBK ADS', category: 'advertising', mcc: '7311', country: 'US' },
  balance_after: 487.5,
  created_at: '2026-04-15T14:32:00Z',
};
const challenge = {
  id: '3ds_m4n5o6p7',
  card_id: 'card_8xK2m9Lp4q',
  merchant: 'SPOTIFY',
  amount: 9.99,
  otp,
  status: 'pending',
  expires_at: '2026-04-15T15:05:00Z',
  created_at: '2026-04-15T15:00:00Z',
};
const bin = {
  id: '491653',
  network: 'visa',
  type: 'advertising',
  issuer_country: 'US',
  '3ds': true,
  apple_pay: true,
  google_pay: true,
  max_transaction: 5000,
  max_monthly: 50000,
  acceptance_rate: 97.2,
  best_for: ['meta_ads'],
};
const deposit = {
  id: 'dep_x9y8z7w6',
  currency: 'btc',
  amount_crypto: '0.0075',
  amount_usd: 500,
  fee_usd: 10,
  credited_usd: 490,
  status: 'confirmed',
  tx_hash: '3a1b2c3d4e5f',
  confirmations: 6,
  created_at: '2026-04-15T10:00:00Z',
  confirmed_at: '2026-04-15T10:42:00Z',
};
const wallet = {
  balance: 1312.5,
  currency: 'USD',
  pending_deposits: 500,
  total_deposited: 15000,
  total_spent: 13687.5,
  cards_active: 8,
  cards_total_balance: 2450,
};
const webhook = {
  id: 'wh_r5s6t7u8',
  url: 'https://yourapp.com/webhooks/ctc',
  events: ['transaction.authorized'],
  secret: webhookSecret,
  active: true,
  created_at: '2026-04-15T12:00:00Z',
};
const list = (data: unknown, pagination: unknown = { page: 1, per_page: 25, total: 1, total_pages: 1 }) => ({
  data,
  pagination,
});

const cardId = (provider: string) => `${provider}:card_8xK2m9Lp4q`;
const endpoints: Record<string, Endpoint> = {
  'cards.get': { method: 'GET', call: (issuer) => issuer.cards.get(cardId(issuer.provider)), valid: card },
  'cards.create': {
    method: 'POST',
    call: (issuer) => issuer.cards.create({ binId: '491653', amount: usd(10) }),
    valid: card,
  },
  'cards.list': { method: 'GET', call: async (issuer) => issuer.cards.list(), valid: list([card]) },
  'cards.details': {
    method: 'GET',
    call: (issuer) => issuer.cards.details(cardId(issuer.provider)),
    valid: details,
  },
  'cards.freeze': {
    method: 'POST',
    call: (issuer) => issuer.cards.freeze(cardId(issuer.provider)),
    valid: { id: 'card_8xK2m9Lp4q', status: 'frozen', frozen_at: '2026-04-15T15:00:00Z' },
  },
  'cards.terminate': {
    method: 'DELETE',
    call: (issuer) => issuer.cards.terminate(cardId(issuer.provider)),
    valid: {
      id: 'card_8xK2m9Lp4q',
      status: 'terminated',
      refunded_amount: 487.5,
      terminated_at: '2026-04-15T16:00:00Z',
    },
  },
  'cards.fund': {
    method: 'POST',
    call: (issuer) => issuer.cards.fund(cardId(issuer.provider), { amount: usd(200) }),
    valid: {
      id: 'card_8xK2m9Lp4q',
      previous_balance: 487.5,
      funded_amount: 200,
      new_balance: 687.5,
      wallet_balance: 1312.5,
    },
  },
  'transactions.list': {
    method: 'GET',
    call: async (issuer) => issuer.transactions.list(),
    valid: list([transaction], { page: 1, per_page: 50, total: 1 }),
  },
  'transactions.get': {
    method: 'GET',
    call: (issuer) => issuer.transactions.get(`${issuer.provider}:txn_a1b2c3d4`),
    valid: transaction,
  },
  'wallet.balance': { method: 'GET', call: (issuer) => issuer.wallet.balance(), valid: wallet },
  'wallet.depositAddresses': {
    method: 'GET',
    call: (issuer) => issuer.wallet.depositAddresses(),
    valid: {
      addresses: { btc: 'bc1qxy2kgdygjrsqtzq2n0yrf' },
      networks: { btc: 'bitcoin' },
      min_deposit: { btc: '0.0001' },
    },
  },
  'wallet.deposits': {
    method: 'GET',
    call: async (issuer) => issuer.wallet.deposits(),
    valid: list([deposit]),
    cryptocardyOnly: true,
  },
  'cards.list (walked)': {
    method: 'GET',
    call: (issuer) => issuer.cards.list().toArray(),
    valid: list([card]),
  },
  'transactions.list (walked)': {
    method: 'GET',
    call: (issuer) => issuer.transactions.list().toArray(),
    valid: list([transaction], { page: 1, per_page: 50, total: 1 }),
  },
  'bins.list': { method: 'GET', call: async (issuer) => issuer.bins.list(), valid: { data: [bin] } },
  'threeDS.list': { method: 'GET', call: async (issuer) => issuer.threeDS.list(), valid: { data: [challenge] } },
  'threeDS.get': {
    method: 'GET',
    call: (issuer) => issuer.threeDS.get(`${issuer.provider}:3ds_m4n5o6p7`),
    valid: challenge,
    cryptocardyOnly: true,
  },
  'webhooks.create': {
    method: 'POST',
    call: (issuer) => issuer.webhooks.create({ url: 'https://yourapp.com/webhooks/ctc', events: ['*'] }),
    valid: webhook,
  },
};

type Expected =
  | 'response'
  | 'authentication'
  | 'not-found'
  | 'rate-limit'
  | 'unavailable'
  | 'ambiguous'
  | 'invalid'
  | 'incomplete';

interface BadResponse {
  readonly operation: keyof typeof endpoints;
  readonly why: string;
  readonly status: number;
  readonly body: string | Buffer;
  readonly contentType?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly expected: Expected;
  /**
   * The request id the error must carry: the body's `request_id`, `[redacted]` for one holding a credential, `null`
   * for none (an error of the walk, not of one response). Default: the `X-Request-Id` header sent.
   */
  readonly requestId?: string | null | undefined;
  /** Text that must appear in no printed form of the error (what the leak scanner cannot recognise alone). */
  readonly forbidden?: readonly string[] | undefined;
  /** Run on this adapter only (a credential echoed in another form is the configured one's). */
  readonly onlyFor?: 'privcards' | 'cryptocardy' | undefined;
}

const corpus: BadResponse[] = [];
const json = (value: unknown) => JSON.stringify(value);
const bad = (operation: keyof typeof endpoints, why: string, body: string | Buffer, extra: Partial<BadResponse> = {}) =>
  corpus.push({
    operation,
    why,
    status: 200,
    body,
    expected: endpoints[operation]?.method === 'GET' ? 'response' : 'ambiguous',
    ...extra,
  });
/** The endpoint's valid body with `patch` applied (`undefined` removes a field). */
const patched = (operation: keyof typeof endpoints, patch: Record<string, unknown>) => {
  const base = { ...(endpoints[operation]?.valid as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return json(base);
};
const listOf = (item: unknown) => json({ data: [item] });

// ── Bodies no endpoint can read ───────────────────────────────────────────────────────────────────────────────────
const htmlPage =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
for (const [operation, endpoint] of Object.entries(endpoints)) {
  const valid = json(endpoint.valid);
  const isList = Array.isArray((endpoint.valid as { data?: unknown }).data);
  bad(operation, 'truncated JSON', valid.slice(0, Math.floor(valid.length / 2)));
  bad(operation, 'an empty body', '');
  bad(operation, 'JSON null', 'null');
  bad(operation, isList ? 'an array of garbage' : 'an array instead of an object', isList ? '[1,"two",null]' : '[]');
  bad(operation, 'an HTML page with 200', htmlPage, { contentType: 'text/html' });
  bad(operation, 'a JSON string', '"ok"');
  bad(operation, 'trailing garbage after the JSON', `${valid}}}<!-- cache -->`);
}
for (const operation of ['cards.get', 'cards.create', 'cards.details', 'wallet.balance', 'threeDS.list'] as const) {
  bad(operation, 'a bare number', '42');
  bad(operation, 'JSON with a comment', `/* v2 */ ${json(endpoints[operation]?.valid)}`);
  bad(operation, 'NaN and Infinity literals', '{"balance": NaN, "amount": Infinity}');
  bad(operation, 'single-quoted JSON', "{'id': 'card_8xK2m9Lp4q'}");
  bad(operation, 'whitespace only', '   \n\t  ');
}
bad('cards.create', 'an empty body with 201', '', { status: 201 });
bad('cards.fund', 'an empty body with 201', '', { status: 201 });
bad('cards.get', 'no content (204) where a card is expected', '', { status: 204 });
bad('cards.get', 'plain text', 'OK', { contentType: 'text/plain' });
bad('cards.get', 'XML', '<card><id>card_8xK2m9Lp4q</id></card>', { contentType: 'application/xml' });
bad('wallet.balance', 'CSV', 'balance,currency\n1312.50,USD\n', { contentType: 'text/csv' });
bad('bins.list', 'binary garbage', Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x22, 0x80, 0x81, 0x0a]), {
  contentType: 'application/octet-stream',
});
bad('cards.list', 'a gzip magic number, not decoded', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00]), {
  contentType: 'application/json',
});

// ── Big and deep ────────────────────────────────────────────────────────────────────────────────────────────────
const fiveMegabytes = 5 * 1024 * 1024;
bad(
  'cards.get',
  '5 MB of JSON (an array of junk records)',
  json(Array.from({ length: fiveMegabytes / 50 }, (_, index) => ({ junk: index, pad: 'x'.repeat(30) }))),
);
bad('cards.list', '5 MB of garbage text', 'garbage '.repeat(fiveMegabytes / 8), { contentType: 'text/plain' });
bad(
  'transactions.list',
  '5 MB of JSON with a PAN and a CVV in every record',
  json({ data: Array.from({ length: fiveMegabytes / 60 }, () => ({ pan, cvv: '123' })) }),
);
bad('cards.get', 'arrays nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
bad('cards.get', 'objects nested 20,000 deep', `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`);
bad('cards.list', 'an item nested 20,000 deep', `{"data":[${'{"id":'.repeat(20_000)}1${'}'.repeat(20_000)}]}`);

// ── Wrong fields, per endpoint ──────────────────────────────────────────────────────────────────────────────────
for (const [why, patch] of [
  ['id missing', { id: undefined }],
  ['id as a number', { id: 8 }],
  ['status unknown', { status: 'deleted' }],
  ['status null', { status: null }],
  ['balance as words', { balance: 'four hundred' }],
  ['balance with 3 decimals', { balance: 487.505 }],
  ['balance as a 3-decimal string', { balance: '487.505' }],
  ['balance as "NaN"', { balance: 'NaN' }],
  ['balance as "Infinity"', { balance: 'Infinity' }],
  ['balance with a currency sign', { balance: '$487.50' }],
  ['balance with a thousands separator', { balance: '1,487.50' }],
  ['balance in exponent notation', { balance: '4.875e2' }],
  ['balance beyond a safe integer of cents', { balance: 1e20 }],
  ['balance null', { balance: null }],
  ['balance as an object', { balance: { amount: 487.5 } }],
  ['created_at as words', { created_at: 'yesterday' }],
  ['created_at as a number', { created_at: 1_767_225_600 }],
  ['last4 as a number', { last4: 2039 }],
  ['metadata as an array', { metadata: ['spring'] }],
  ['metadata with a nested object', { metadata: { campaign: { name: 'spring' } } }],
  ['transaction_count fractional', { transaction_count: 1.5 }],
  ['transaction_count as a string', { transaction_count: '3' }],
  ['spending_limit as an object', { spending_limit: {} }],
  ['allowed_categories as a string', { allowed_categories: 'advertising' }],
] as const) {
  bad('cards.get', why, patched('cards.get', patch));
}
for (const [why, patch] of [
  ['id missing', { id: undefined }],
  ['network missing', { network: undefined }],
  ['status unknown', { status: 'issued' }],
  ['balance with 3 decimals', { balance: 10.001 }],
] as const) {
  bad('cards.create', why, patched('cards.create', patch));
}
for (const [why, patch] of [
  ['the PAN as a number', { pan: Number(pan) }],
  ['the PAN too short, with the CVV', { pan: '4916531', cvv: '847' }],
  ['the PAN with spaces', { pan: '4916 5312 8847 2039' }],
  ['the CVV with a letter', { cvv: '84a' }],
  ['the CVV as a number', { cvv: 847 }],
  ['exp_month 13', { exp_month: 13 }],
  ['exp_month as a string', { exp_month: '4' }],
  ['exp_year in the past century', { exp_year: 1999 }],
  ['holder_name null', { holder_name: null }],
  ['billing_address as a string', { billing_address: '123 Privacy Street' }],
  ['billing_address without a city', { billing_address: { line1: '123 Privacy Street', zip: '19801', country: 'US' } }],
  ['the PAN under an unexpected key', { pan: undefined, number: luhnPan }],
] as const) {
  bad('cards.details', why, patched('cards.details', patch));
}
bad('cards.details', 'a PAN and CVV in truncated JSON', `{"id":"card_8xK2m9Lp4q","pan":"${pan}","cvv":"847","exp_mo`);
bad('cards.details', 'a card number in an HTML page', `<html><body>card ${luhnPan} cvv=123</body></html>`, {
  contentType: 'text/html',
});
for (const [why, patch] of [
  ['status not frozen', { status: 'active' }],
  ['frozen_at null', { frozen_at: null }],
  ['frozen_at out of range', { frozen_at: '+275760-09-13T00:00:00.001Z' }],
] as const) {
  bad('cards.freeze', why, patched('cards.freeze', patch));
}
for (const [why, patch] of [
  ['new_balance missing', { new_balance: undefined }],
  ['previous_balance with a currency sign', { previous_balance: '$487.50' }],
  ['wallet_balance as a boolean', { wallet_balance: true }],
] as const) {
  bad('cards.fund', why, patched('cards.fund', patch));
}
for (const [why, patch] of [
  ['status not terminated', { status: 'frozen' }],
  ['refunded_amount as NaN-like text', { refunded_amount: 'nan' }],
] as const) {
  bad('cards.terminate', why, patched('cards.terminate', patch));
}
for (const [why, patch] of [
  ['cards_active as a string', { cards_active: '8' }],
  ['balance with a thousands separator', { balance: '1,312.50' }],
  ['total_spent overflowing to Infinity', { total_spent: '1e400' }],
  ['currency EUR', { currency: 'EUR' }],
  ['pending_deposits missing', { pending_deposits: undefined }],
] as const) {
  bad('wallet.balance', why, patched('wallet.balance', patch));
}
bad(
  'wallet.balance',
  'a number overflowing to Infinity',
  '{"balance":1e400,"pending_deposits":0,"total_deposited":0,"total_spent":0,"cards_active":0,"cards_total_balance":0}',
);
for (const [why, item] of [
  ['type unknown', { ...transaction, type: 'chargeback' }],
  ['merchant null', { ...transaction, merchant: null }],
  ['amount with 3 decimals', { ...transaction, amount: '-12.505' }],
  ['currency EUR', { ...transaction, currency: 'EUR' }],
  ['card_id missing', { ...transaction, card_id: undefined }],
  ['an item null', null],
] as const) {
  bad('transactions.list', why, listOf(item));
}
bad('transactions.list', 'data as an object', json({ data: { 0: transaction } }));
bad('transactions.list', 'pagination page 0', json(list([transaction], { page: 0, per_page: 50 })));
bad('transactions.list', 'pagination page as a string', json(list([transaction], { page: '1', per_page: 50 })));
bad('transactions.get', 'amount as an array', patched('transactions.get', { amount: [12.5] }));
for (const [why, item] of [
  ['the OTP as a number', { ...challenge, otp: Number(otp) }],
  ['status unknown, with the OTP', { ...challenge, status: 'approved' }],
  ['expires_at as a number, with the OTP', { ...challenge, expires_at: 123 }],
  ['amount as "NaN", with the OTP', { ...challenge, amount: 'NaN' }],
] as const) {
  bad('threeDS.list', why, listOf(item));
}
bad('threeDS.get', 'the OTP as an object', patched('threeDS.get', { otp: { code: otp } }));
for (const [why, patch] of [
  ['events as a string, with the secret', { events: 'all' }],
  ['id missing, with the secret', { id: undefined }],
  ['the secret as a number', { secret: 123_456 }],
  [
    'the secret under an unexpected key, and created_at missing',
    { secret: undefined, signing_key: webhookSecret, created_at: undefined },
  ],
] as const) {
  bad('webhooks.create', why, patched('webhooks.create', patch));
}
for (const [why, item] of [
  ['3ds as a string', { ...bin, '3ds': 'yes' }],
  ['acceptance_rate as a string', { ...bin, acceptance_rate: '97.2' }],
  ['max_transaction with a thousands separator', { ...bin, max_transaction: '5,000' }],
] as const) {
  bad('bins.list', why, listOf(item));
}
for (const [why, item] of [
  ['status unknown', { ...deposit, status: 'done' }],
  ['amount_usd as "NaN"', { ...deposit, amount_usd: 'NaN' }],
  ['confirmations fractional and negative', { ...deposit, confirmations: -1.5 }],
] as const) {
  bad('wallet.deposits', why, listOf(item));
}
bad('wallet.depositAddresses', 'addresses as an array', json({ addresses: ['bc1q'] }));
bad('wallet.depositAddresses', 'an address as a number', json({ addresses: { btc: 1 } }));

// ── Error statuses with bodies that are not the documented error ────────────────────────────────────────────────
const status = (
  operation: keyof typeof endpoints,
  why: string,
  code: number,
  body: string | Buffer,
  expected: Expected,
  extra: Partial<BadResponse> = {},
) => corpus.push({ operation, why, status: code, body, expected, ...extra });
status('cards.get', 'an HTML page with 500', 500, htmlPage, 'unavailable', { contentType: 'text/html' });
status('cards.get', 'an HTML page with 502', 502, htmlPage, 'unavailable', { contentType: 'text/html' });
status('wallet.balance', 'an empty body with 503', 503, '', 'unavailable');
status('bins.list', 'plain text with 504', 504, 'upstream request timeout', 'unavailable', {
  contentType: 'text/plain',
});
status('cards.list', 'truncated JSON with 500', 500, '{"error":"internal', 'unavailable');
status('cards.freeze', 'an HTML page with 502 on a mutating call', 502, htmlPage, 'ambiguous', {
  contentType: 'text/html',
});
status('cards.fund', 'an empty body with 500 on a mutating call', 500, '', 'ambiguous');
status(
  'cards.create',
  'an HTML page with 503 on a mutating call (a proxy may answer it after the commit)',
  503,
  htmlPage,
  'ambiguous',
  {
    contentType: 'text/html',
  },
);
status('cards.get', 'an HTML page with 401', 401, '<html>Unauthorized</html>', 'authentication', {
  contentType: 'text/html',
});
status('wallet.balance', 'a JSON array with 403', 403, '[1,2,3]', 'authentication');
status('cards.get', 'an empty body with 404', 404, '', 'not-found');
status('transactions.get', 'an HTML page with 404', 404, '<h1>Not Found</h1>', 'not-found', {
  contentType: 'text/html',
});
status('cards.list', 'an HTML page with 429 and no Retry-After', 429, htmlPage, 'rate-limit', {
  contentType: 'text/html',
});
status('cards.get', 'a 429 with a Retry-After that is not a number or a date', 429, '', 'rate-limit', {
  headers: { 'Retry-After': 'soon' },
});
status('cards.get', 'truncated JSON with 400', 400, '{"error":"invalid_req', 'invalid');
// Not the provider's documented error body: an intermediary may have answered after the provider acted.
status('cards.fund', 'truncated JSON with 400 on a mutating call', 400, '{"error":"invalid_req', 'ambiguous');
status(
  'cards.create',
  'an error body with wrong types, a PAN in the message object',
  400,
  json({ error: 42, message: { pan }, request_id: 7 }),
  'ambiguous',
);
status(
  'cards.fund',
  'an error message quoting a PAN, a CVV and an OTP',
  422,
  json({
    error: 'invalid_request',
    message: `card ${luhnPan} rejected: cvv=123 otp=${otp}`,
    request_id: 'req_body_422',
  }),
  'ambiguous',
  { requestId: 'req_body_422' },
);
status(
  'webhooks.create',
  'an error message quoting the webhook secret and the key',
  400,
  json({
    error: 'invalid_request',
    message: `secret: ${webhookSecret} for key sk_live_ABCDEF123456`,
    code: 400,
    request_id: 'req_body_400',
  }),
  'invalid',
  { requestId: 'req_body_400' },
);
status('cards.freeze', 'an empty body with 409', 409, '', 'ambiguous');
status('cards.get', "a 418 teapot's HTML", 418, "<html>I'm a teapot</html>", 'invalid', { contentType: 'text/html' });
status('cards.get', 'a redirect (not followed: it would carry the key elsewhere)', 302, '', 'response', {
  headers: { Location: 'https://evil.example/steal' },
});
status(
  'cards.details',
  'a 500 whose body echoes the card details',
  500,
  json({ error: 'internal', message: `failed for {"pan":"${pan}","cvv":"847"}`, request_id: 'req_body_500' }),
  'unavailable',
  { requestId: 'req_body_500' },
);

// ── Issue 15: hostile providers ────────────────────────────────────────────────────────────────────────────────
// Sensitive fields under other names (point 3): the excerpt and the message must mask the whole family.
const otherNames = { card_cvv: '847', cvv2: '847', security_code: '8472', otp_code: '551203', card_pin: '9931' };
bad(
  'cards.details',
  'card_cvv, cvv2, security_code, otp_code and card_pin beside a PAN cut short',
  json({ ...otherNames, id: 1 }),
  {
    forbidden: ['847', '551203', '9931'],
  },
);
bad(
  'threeDS.list',
  'a challenge whose code is under otp_code and verification_code',
  listOf({ ...challenge, otp: undefined, otp_code: otp, verification_code: otp }),
  {
    forbidden: [otp],
  },
);
bad(
  'cards.get',
  'a CSC and a PIN in camelCase in an HTML page',
  `<html>{ securityCode: '8472', cardPin: '9931' }</html>`,
  {
    contentType: 'text/html',
    forbidden: ['8472', '9931'],
  },
);
status(
  'cards.fund',
  'an error message quoting card_cvv, cvv2, security_code and otp_code',
  422,
  json({
    error: 'invalid_request',
    message: `rejected ${Object.entries(otherNames)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')}`,
    request_id: 'req_names_422',
  }),
  // A mutating call answered with a status or body the pages do not document proves nothing: ambiguous (money safety).
  'ambiguous',
  { requestId: 'req_names_422', forbidden: ['847', '551203', '9931'] },
);
// Redact first, then cut (point 4): a secret straddling the old 1,200-character window.
const straddling = `token=${'A'.repeat(1181)} ${luhnPan}`;
bad('cards.get', 'a body whose PAN straddles the redaction window', straddling, {
  contentType: 'text/plain',
  forbidden: [luhnPan.slice(0, 12), luhnPan.slice(0, 8)],
});
status(
  'cards.fund',
  'an error message whose PAN straddles the redaction window',
  400,
  json({ error: 'invalid_request', message: straddling }),
  'ambiguous',
  {
    forbidden: [luhnPan.slice(0, 12), luhnPan.slice(0, 8)],
  },
);
for (const padding of [1177, 1180, 1183, 1199]) {
  bad(
    'cards.details',
    `a body whose grouped PAN straddles the window (padding ${padding})`,
    `secret=${'B'.repeat(padding)} 4111 1111 1111 1111`,
    {
      contentType: 'text/plain',
      forbidden: ['4111 1111 1111', '4111 1111'],
    },
  );
}
// Request ids and codes (point 5): a credential or a PAN there never becomes a field of the error.
for (const [why, fields] of [
  ['the seed as the error code', { error: 'c4f4-6e88-036c-761c', message: 'bad' }],
  ['an API key as the error code', { error: 'sk_live_ABCDEF1234567890', message: 'bad' }],
  ['the seed as the request id', { error: 'invalid_request', message: 'bad', request_id: 'a1b2-c3d4-e5f6-7890' }],
  ['a PAN as the request id', { error: 'invalid_request', message: 'bad', request_id: luhnPan }],
  ['a key as the request id', { error: 'invalid_request', message: 'bad', request_id: 'sk_live_ABCDEF1234567890' }],
] as const) {
  status('cards.fund', why, 400, json(fields), 'ambiguous', {
    requestId: 'request_id' in fields ? '[redacted]' : undefined,
    forbidden: ['c4f4-6e88', 'a1b2-c3d4', 'ABCDEF1234567890', luhnPan],
  });
}
status('cards.get', 'a seed as the X-Request-Id header', 500, '', 'unavailable', {
  headers: { 'X-Request-Id': 'a1b2-c3d4-e5f6-7890' },
  requestId: '[redacted]',
  forbidden: ['a1b2-c3d4'],
});
// The configured credential echoed in another form (point 6).
const keyToken = 'RESPONSES0123456789';
for (const [why, echoed] of [
  ['the key without its sk_test_ prefix', keyToken],
  ['the key in lower case without its prefix', keyToken.toLowerCase()],
  ['the key with dashes for underscores', `sk-test-${keyToken}`],
] as const) {
  status(
    'cards.get',
    `an error message echoing ${why}`,
    401,
    json({ error: 'unauthorized', message: `unknown key ${echoed}` }),
    'authentication',
    {
      onlyFor: 'privcards',
      forbidden: [echoed, keyToken.slice(0, 12)],
    },
  );
}
for (const [why, echoed] of [
  ['the seed without dashes', 'c4f46e88036c761c'],
  ['the seed grouped by spaces', 'c4f4 6e88 036c 761c'],
  ['the seed in upper case', 'C4F4-6E88-036C-761C'],
  ['the seed in upper case without dashes', 'C4F46E88036C761C'],
] as const) {
  status(
    'cards.get',
    `an error message echoing ${why}`,
    401,
    json({ error: 'unauthorized', message: `unknown seed ${echoed}` }),
    'authentication',
    {
      onlyFor: 'cryptocardy',
      forbidden: [echoed, 'c4f46e88', 'C4F46E88'],
    },
  );
}
// A list walked over a provider that lost pages (point 10): never a silent truncation.
for (const operation of ['cards.list (walked)', 'transactions.list (walked)'] as const) {
  const item = operation.startsWith('cards') ? card : transaction;
  bad(
    operation,
    'an empty first page announcing 2 pages of 50',
    json(list([], { page: 1, per_page: 25, total: 50, total_pages: 2 })),
    {
      expected: 'incomplete',
      requestId: null,
    },
  );
  bad(
    operation,
    'a page of 1 item announcing 50 items on 2 pages',
    json(list([item], { page: 1, per_page: 25, total: 50, total_pages: 2 })),
    {
      expected: 'incomplete',
      requestId: null,
    },
  );
  bad(
    operation,
    'the last page ending at 1 item of 50 reported',
    json(list([item], { page: 1, per_page: 25, total: 50, total_pages: 1 })),
    {
      expected: 'incomplete',
      requestId: null,
    },
  );
}

// ── Running a case ──────────────────────────────────────────────────────────────────────────────────────────────

const errorTypes: Record<Expected, { isInstance(value: unknown): boolean }> = {
  response: ProviderResponseError,
  authentication: AuthenticationError,
  'not-found': NotFoundError,
  'rate-limit': RateLimitError,
  unavailable: ProviderUnavailableError,
  ambiguous: AmbiguousOutcomeError,
  invalid: InvalidRequestError,
  incomplete: IncompleteListError,
};

/** Every way the error prints, with its excerpt and its cause's, for the sentinel check. */
function printed(error: CardGatewayError): string[] {
  const texts = [
    error.message,
    JSON.stringify(error),
    inspect(error, { depth: Number.POSITIVE_INFINITY }),
    String(error),
  ];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    texts.push(current.message, String((current as { excerpt?: unknown }).excerpt ?? ''));
  }
  return texts;
}

// The corpus sends more than the published 30 card-detail reads a minute: the limiter is not what it tests.
const limits = { 'card-details-per-minute': { limit: 1_000 } };
const adapters = [
  {
    name: 'privcards',
    origin: 'https://api.privcards.com',
    create: () => createPrivCards({ apiKey: 'sk_test_RESPONSES0123456789', maxRetries: 0, env: {}, limits }),
  },
  {
    name: 'cryptocardy',
    origin: 'https://cryptocardy.com',
    create: () => createCryptoCardy({ seed: 'c4f4-6e88-036c-761c', maxRetries: 0, env: {}, limits }),
  },
] as const;

describe('the malformed-response corpus', () => {
  it('holds at least 100 malformed responses, on every endpoint', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    expect(new Set(corpus.map((entry) => entry.operation))).toEqual(new Set(Object.keys(endpoints)));
    if (process.env.CARDGW_CORPUS_TALLY) {
      const statuses = corpus.filter((entry) => entry.status >= 300).length;
      process.stdout.write(`bad-responses corpus: ${corpus.length} responses (${statuses} error statuses)\n`);
    }
  });
});

describe.each(adapters)('$name: every malformed response is a typed error', ({ name, origin, create }) => {
  let issuer: CardIssuer;
  beforeAll(() => {
    nock.disableNetConnect();
    issuer = create();
  });
  afterAll(async () => {
    await issuer.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const cases = corpus
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => name === 'cryptocardy' || !endpoints[entry.operation]?.cryptocardyOnly)
    .filter(({ entry }) => entry.onlyFor === undefined || entry.onlyFor === name)
    .map(({ entry, index }) => [entry.operation, entry.status, entry.why, entry, index] as const);

  it.each(cases)('%s answered %i: %s', async (operation, code, _why, entry, index) => {
    const endpoint = endpoints[operation] as Endpoint;
    const headerRequestId = `req_corpus_${index}`;
    const scope = nock(origin)
      .intercept(() => true, endpoint.method)
      .reply(code, entry.body, {
        'Content-Type': entry.contentType ?? 'application/json',
        'X-Request-Id': headerRequestId,
        ...entry.headers,
      });

    let error: unknown;
    try {
      await endpoint.call(issuer);
    } catch (caught) {
      error = caught;
    }
    expect(scope.isDone(), 'the request reached the provider').toBe(true);
    expect(CardGatewayErrorClass.isInstance(error), `not a CardGatewayError: ${String(error)}`).toBe(true);
    const typed = error as CardGatewayError;
    for (const untyped of [TypeError, SyntaxError, RangeError]) expect(typed).not.toBeInstanceOf(untyped);
    expect(errorTypes[entry.expected].isInstance(typed), `${typed.name}: ${typed.message}`).toBe(true);
    if (entry.expected === 'ambiguous' && code < 300) expect(ProviderResponseError.isInstance(typed.cause)).toBe(true);
    expect(typed.provider).toBe(name);
    expect(typed.requestId).toBe(entry.requestId === null ? undefined : (entry.requestId ?? headerRequestId));
    const texts = printed(typed);
    const leaks = scanForLeaks(texts.map((text) => ({ origin: 'the error', test: entry.why, text })));
    expect(leaks, JSON.stringify(leaks)).toEqual([]);
    for (const value of entry.forbidden ?? []) {
      expect(texts.filter((text) => text.includes(value)).length, `"${value}" printed`).toBe(0);
    }
  });
});
