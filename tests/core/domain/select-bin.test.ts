import * as memory from '@cardgw/adapter-memory';
import * as core from '@cardgw/core/provider-utils';
import { describe, expect, it } from 'vitest';
import type { Bin } from '../../../packages/core/src/domain/bin.js';
import { usd } from '../../../packages/core/src/domain/money.js';
import { describeCriteria, matchesCriteria, selectBin } from '../../../packages/core/src/domain/select-bin.js';

// Two BINs as a provider's `GET /bins` example could list them.
const common = { issuerCountry: 'US', threeDS: true, applePay: true, googlePay: true, provider: 'memory' } as const;
const bins: readonly Bin[] = [
  {
    ...common,
    id: 'memory:491653',
    providerId: '491653',
    network: 'visa',
    type: 'advertising',
    maxTransaction: usd(5_000),
    maxMonthly: usd(50_000),
    acceptanceRate: 97.2,
    bestFor: ['meta_ads', 'google_ads', 'tiktok_ads'],
  },
  {
    ...common,
    id: 'memory:531993',
    providerId: '531993',
    network: 'mastercard',
    type: 'everyday',
    maxTransaction: usd(1_000),
    maxMonthly: usd(10_000),
    acceptanceRate: 95.8,
    bestFor: ['subscriptions', 'saas', 'shopping'],
  },
];
const extra: Bin = {
  ...bins[0]!,
  id: 'memory:400000',
  providerId: '400000',
  acceptanceRate: 98.9,
  threeDS: false,
  bestFor: ['meta_ads'],
};

describe('selectBin', () => {
  it('picks the BIN of the asked network', () => {
    expect(selectBin(bins, { network: 'mastercard' })?.providerId).toBe('531993');
    expect(selectBin(bins, { network: 'visa' })?.providerId).toBe('491653');
  });

  it('requires every listed use in bestFor, case-insensitively', () => {
    expect(selectBin(bins, { bestFor: ['meta_ads', 'google_ads'] })?.providerId).toBe('491653');
    expect(selectBin(bins, { bestFor: ['SaaS'] })?.providerId).toBe('531993');
    expect(selectBin(bins, { bestFor: ['meta_ads', 'saas'] })).toBeUndefined();
  });

  it('prefers the highest acceptance rate among the matches', () => {
    expect(selectBin([...bins, extra], { network: 'visa' })?.providerId).toBe('400000');
    expect(selectBin([...bins, extra], {})?.providerId).toBe('400000');
  });

  it('keeps the first listed BIN on an acceptance-rate tie', () => {
    const twin = { ...bins[0]!, id: 'memory:491654', providerId: '491654' };
    expect(selectBin([bins[0]!, twin], {})?.providerId).toBe('491653');
  });

  it('filters on 3DS, wallets, type and the per-transaction maximum', () => {
    const all = [...bins, extra];
    expect(selectBin(all, { network: 'visa', threeDS: true })?.providerId).toBe('491653');
    expect(selectBin(all, { type: 'everyday', applePay: true, googlePay: true })?.providerId).toBe('531993');
    expect(selectBin(all, { minMaxTransaction: usd(2_000) })?.providerId).toBe('400000');
    expect(selectBin(all, { minMaxTransaction: usd(5_000.01) })).toBeUndefined();
    expect(selectBin(all, { applePay: false })).toBeUndefined();
  });

  it('tells whether one BIN matches, comparing names case-insensitively', () => {
    expect(matchesCriteria(bins[0]!, { network: 'visa', type: 'Advertising', bestFor: ['META_ADS'] })).toBe(true);
    expect(matchesCriteria(bins[0]!, { network: 'mastercard' })).toBe(false);
    expect(matchesCriteria(bins[1]!, {})).toBe(true);
  });

  it('returns undefined for an empty list and describes criteria for error messages', () => {
    expect(selectBin([], {})).toBeUndefined();
    expect(describeCriteria({ network: 'visa', bestFor: ['meta_ads'], minMaxTransaction: usd(10) })).toBe(
      'network: visa, bestFor: meta_ads, minMaxTransaction: 1000 cents',
    );
    expect(describeCriteria({})).toBe('no criteria');
  });
});

describe('BIN selection exports', () => {
  it('is domain logic of @cardgw/core (its provider-utils entry), still exported by @cardgw/adapter-memory for compatibility', () => {
    expect(core.selectBin).toBe(selectBin);
    expect(core.matchesCriteria).toBe(matchesCriteria);
    expect(core.describeCriteria).toBe(describeCriteria);
    expect(memory.selectBin).toBe(selectBin);
    expect(memory.matchesCriteria).toBe(matchesCriteria);
  });
});
