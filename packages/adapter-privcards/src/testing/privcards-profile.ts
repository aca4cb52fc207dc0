import type { MemoryIssuerProfile } from '@cardgw/adapter-memory';
import { restCardFields } from '@cardgw/rest-dialect';
import { privcardsCapabilities } from '../privcards-capabilities.js';
import { privcardsLimits } from '../privcards-limits.js';
import { privcardsBinSeeds } from './privcards-bin-seeds.js';

/**
 * What makes `createMemoryIssuer` behave as PrivCards, for an application's unit tests:
 * `createMemoryIssuer(privcardsProfile)`, or `createMemoryIssuer({ ...privcardsProfile, walletBalance: usd(1_000) })`.
 *
 * - Capabilities and filters: `privcardsCapabilities`, exactly what the adapter declares. Like the adapter, it throws
 *   `UnsupportedOperationError` for what PrivCards' page leaves out: `wallet.deposits`, `threeDS.get`, the card list's
 *   `label`, `sort`, `order`, the transaction list's `merchant`, `minAmount`, `maxAmount`, `perPage`.
 * - Webhooks: HTTPS only ("HTTPS endpoint URL to receive events"); `http://` is an `InvalidRequestError`.
 * - Limits: the adapter's (30/minute on PAN/CVV details, published; 1,000 requests/minute, 10,000/hour and 50 card
 *   creates/minute, assumed from CryptoCardy's page), on by default: the manual clock stands still, so a test's loop of
 *   calls is a burst, and a burst the adapter would refuse (the 31st `cards.details` in a minute) is refused here too.
 *   Turn them off with `{ ...privcardsProfile, limits: false }`, or move `issuer.clock` forward between bursts.
 * - Answer shapes: `cards.create` answers the fields of the page's `POST /cards` example (no `totalSpent`,
 *   `transactionCount`, `lastUsedAt`); a `cards.list` item has only the family's list summary (CryptoCardy's page:
 *   id, BIN, network, last4, status, balance, label, created_at; PrivCards' page shows no list answer);
 *   `cards.get`, `update`, `unfreeze` answer the whole card.
 * - BINs: 491653 (visa, advertising; the page's example) and 531993 (mastercard, everyday; assumed from the family).
 *
 * Errors the provider would answer carry `status` and a `requestId`, as through the adapter; idempotency keys are kept
 * 24 hours on the issuer's clock. Page-silent choices are listed in the package README under "Assumptions".
 */
export const privcardsProfile: MemoryIssuerProfile = Object.freeze({
  provider: 'privcards',
  capabilities: privcardsCapabilities,
  limits: Object.freeze(Object.values(privcardsLimits)),
  // The dialect's answer shapes: the family's `GET /cards` item, the `POST /cards` example's fields.
  cardFields: restCardFields,
  bins: privcardsBinSeeds,
  // The billing address of the family's `GET /cards/{id}/details` example (CryptoCardy's page; PrivCards' shows none).
  // The assets, networks and minimums of the family's `GET /wallet/deposit-address` (CryptoCardy's page).
  depositAssets: Object.freeze([
    { asset: 'btc', network: 'bitcoin', minimumDeposit: '0.0001', addressFormat: 'bech32' },
    { asset: 'eth', network: 'ethereum', minimumDeposit: '0.005', addressFormat: 'hex' },
    { asset: 'sol', network: 'solana', minimumDeposit: '0.1', addressFormat: 'base58' },
    { asset: 'usdt', network: 'erc-20', minimumDeposit: '5.00', addressFormat: { sameAs: 'eth' } },
  ] as const),
  billingAddress: Object.freeze({
    line1: '123 Privacy Street',
    city: 'Wilmington',
    state: 'DE',
    zip: '19801',
    country: 'US',
  }),
});
