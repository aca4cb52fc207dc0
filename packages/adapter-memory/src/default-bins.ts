import { type Bin, usd } from '@cardgw/core';

/** A BIN as the issuer is seeded with it: the provider and qualified id are added from the issuer's `provider`. */
export type BinSeed = Omit<Bin, 'id' | 'provider'>;

/**
 * The BINs a generic in-memory issuer issues from, belonging to no provider: a Visa range, 491653 (kept: tests that
 * name it keep working), and a Mastercard range, 531993, both US-issued with 3-D Secure and wallets, of type
 * `standard`, suited to no particular use. A provider's profile (its adapter's `/testing` entry) brings its own BINs.
 */
export const defaultBinSeeds: readonly BinSeed[] = Object.freeze([
  Object.freeze({
    providerId: '491653',
    network: 'visa',
    type: 'standard',
    issuerCountry: 'US',
    threeDS: true,
    applePay: true,
    googlePay: true,
    maxTransaction: usd(5_000),
    maxMonthly: usd(50_000),
    acceptanceRate: 97.2,
    bestFor: Object.freeze([]),
  }),
  Object.freeze({
    providerId: '531993',
    network: 'mastercard',
    type: 'standard',
    issuerCountry: 'US',
    threeDS: true,
    applePay: true,
    googlePay: true,
    maxTransaction: usd(1_000),
    maxMonthly: usd(10_000),
    acceptanceRate: 95.8,
    bestFor: Object.freeze([]),
  }),
]);
