import { describe, expect, it } from 'vitest';
import type { Bin } from '../domain/bin.js';
import { usd } from '../domain/money.js';
import { defaultBinSeeds } from './default-bins.js';
import { binsFromSeeds } from './memory-bins.js';
import { describeCriteria, selectBin } from './select-bin.js';

const bins = binsFromSeeds('memory', defaultBinSeeds);
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

  it('returns undefined for an empty list and describes criteria for error messages', () => {
    expect(selectBin([], {})).toBeUndefined();
    expect(describeCriteria({ network: 'visa', bestFor: ['meta_ads'], minMaxTransaction: usd(10) })).toBe(
      'network: visa, bestFor: meta_ads, minMaxTransaction: 1000 cents',
    );
    expect(describeCriteria({})).toBe('no criteria');
  });
});
