import { describe, expect, it } from 'vitest';
import { privcardsLimits } from './privcards-limits.js';

describe('privcardsLimits', () => {
  it('holds the page\'s "Limité à 30 req/min" on details and the family quotas assumed for the rest', () => {
    expect(Object.values(privcardsLimits).map(({ name, limit, windowMs }) => [name, limit, windowMs])).toEqual([
      ['requests-per-minute', 1_000, 60_000],
      ['requests-per-hour', 10_000, 3_600_000],
      ['card-creates-per-minute', 50, 60_000],
      ['card-details-per-minute', 30, 60_000],
    ]);
    expect(privcardsLimits['card-details-per-minute'].operations).toEqual(['cards.details']);
  });
});
