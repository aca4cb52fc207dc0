import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultRetryOptions, parseRetryAfter, resolveRetryOptions } from './retry-policy.js';

describe('backoffDelay', () => {
  const options = { minDelayMs: 100, maxDelayMs: 1000 };

  it('doubles the ceiling per retry, up to maxDelayMs', () => {
    const ceiling = (retry: number) => backoffDelay(retry, options, () => 1);
    expect([0, 1, 2, 3, 4, 10].map(ceiling)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('draws uniformly between zero and the ceiling (full jitter)', () => {
    expect(backoffDelay(2, options, () => 0)).toBe(0);
    expect(backoffDelay(2, options, () => 0.5)).toBe(200);
    for (let index = 0; index < 200; index++) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(800);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');

  it('reads delta-seconds, fractional ones too', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  it('reads an HTTP-date relative to now, a past date as zero', () => {
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable value', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('resolveRetryOptions', () => {
  it('fills the documented defaults and keeps what is given', () => {
    expect(resolveRetryOptions(undefined)).toEqual({
      maxRetries: 2,
      minDelayMs: 250,
      maxDelayMs: 8000,
      maxRetryAfterMs: 60_000,
    });
    expect(resolveRetryOptions({ maxRetries: 0, minDelayMs: 1 })).toEqual({
      ...defaultRetryOptions,
      maxRetries: 0,
      minDelayMs: 1,
    });
  });
});
