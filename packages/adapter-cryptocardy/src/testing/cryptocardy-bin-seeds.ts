import type { BinSeed } from '@cardgw/adapter-memory';
import { usd } from '@cardgw/core';

/**
 * The two BINs of CryptoCardy's `GET /bins` example (https://cryptocardy.com/v1/api), as the in-memory issuer is seeded.
 */
export const cryptocardyBinSeeds: readonly BinSeed[] = Object.freeze([
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
