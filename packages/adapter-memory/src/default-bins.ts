import type { Bin } from '@cardgw/core';
import { usd } from '@cardgw/core';

/** A BIN as the issuer is seeded with it: the provider and qualified id are added from the issuer's `provider`. */
export type BinSeed = Omit<Bin, 'id' | 'provider'>;

/** The two BINs of CryptoCardy's `GET /bins` example (PrivCards' page shows the first). */
export const defaultBinSeeds: readonly BinSeed[] = Object.freeze([
  Object.freeze({
    providerId: '491653',
    network: 'visa',
    type: 'advertising',
    issuerCountry: 'US',
    threeDS: true,
    applePay: true,
    googlePay: true,
    maxTransaction: usd(5_000),
    maxMonthly: usd(50_000),
    acceptanceRate: 97.2,
    bestFor: Object.freeze(['meta_ads', 'google_ads', 'tiktok_ads']),
  }),
  Object.freeze({
    providerId: '531993',
    network: 'mastercard',
    type: 'everyday',
    issuerCountry: 'US',
    threeDS: true,
    applePay: true,
    googlePay: true,
    maxTransaction: usd(1_000),
    maxMonthly: usd(10_000),
    acceptanceRate: 95.8,
    bestFor: Object.freeze(['subscriptions', 'saas', 'shopping']),
  }),
]);
