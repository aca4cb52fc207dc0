import type { BinSeed } from '@cardgw/adapter-memory';
import { usd } from '@cardgw/core';

/**
 * PrivCards' BINs for the in-memory issuer: 491653 is the `GET /bins` example of its page (https://api.privcards.com/v1);
 * 531993 is assumed from CryptoCardy's page, the same API family (README, "Assumptions").
 */
export const privcardsBinSeeds: readonly BinSeed[] = Object.freeze([
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
