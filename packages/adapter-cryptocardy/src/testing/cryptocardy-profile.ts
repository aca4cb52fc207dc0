import type { MemoryIssuerProfile } from '@cardgw/adapter-memory';
import { restCardFields } from '@cardgw/rest-dialect';
import { cryptocardyCapabilities } from '../cryptocardy-capabilities.js';
import { cryptocardyLimits } from '../cryptocardy-limits.js';
import { cryptocardyBinSeeds } from './cryptocardy-bin-seeds.js';

/**
 * What makes `createMemoryIssuer` behave as CryptoCardy, for an application's unit tests:
 * `createMemoryIssuer(cryptocardyProfile)`, or `createMemoryIssuer({ ...cryptocardyProfile, walletBalance: usd(1_000) })`.
 *
 * - Capabilities and filters: `cryptocardyCapabilities`, exactly what the adapter declares (everything the port has).
 * - Webhooks: HTTPS only ("HTTPS endpoint URL to receive events"); `http://` is an `InvalidRequestError`.
 * - Limits: CryptoCardy's published quotas (1,000 requests/minute, 10,000/hour, 50 card creates/minute, 30/minute on
 *   PAN/CVV details), on by default: the manual clock stands still, so a test's loop of calls is a burst, and a burst
 *   the adapter would refuse (the 51st card in a minute) is refused here too. Turn them off with
 *   `{ ...cryptocardyProfile, limits: false }`, or move `issuer.clock` forward between bursts.
 * - Answer shapes: a `cards.list` item has only the fields of the page's `GET /cards` example (id, BIN, network,
 *   last4, status, balance, label, created_at); `cards.create` answers the fields of the family's `POST /cards` example
 *   (no `totalSpent`, `transactionCount`, `lastUsedAt`); `cards.get`, `update`, `unfreeze` answer the whole card.
 * - BINs: the page's two, 491653 (visa, advertising) and 531993 (mastercard, everyday).
 *
 * Errors the provider would answer carry `status` and a `requestId`, as through the adapter; idempotency keys are kept
 * 24 hours on the issuer's clock. Page-silent choices are listed in the package README under "Assumptions".
 */
export const cryptocardyProfile: MemoryIssuerProfile = Object.freeze({
  provider: 'cryptocardy',
  capabilities: cryptocardyCapabilities,
  limits: Object.freeze(Object.values(cryptocardyLimits)),
  // The dialect's answer shapes: the family's `GET /cards` item, the `POST /cards` example's fields.
  cardFields: restCardFields,
  bins: cryptocardyBinSeeds,
  // The billing address of the page's `GET /cards/{id}/details` example.
  // The assets, networks and minimums of the page's `GET /wallet/deposit-address` (USDT on ERC-20 at the ETH address).
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
