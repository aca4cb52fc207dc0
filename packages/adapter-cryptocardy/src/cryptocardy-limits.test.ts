import { describe, expect, it } from 'vitest';
import { cryptocardyLimits } from './cryptocardy-limits.js';

describe('cryptocardyLimits', () => {
  it('holds the page\'s "Rate Limits" and its "Rate limited to 30 req/min" on details', () => {
    expect(Object.values(cryptocardyLimits).map(({ name, limit, windowMs }) => [name, limit, windowMs])).toEqual([
      ['requests-per-minute', 1_000, 60_000],
      ['requests-per-hour', 10_000, 3_600_000],
      ['card-creates-per-minute', 50, 60_000],
      ['card-details-per-minute', 30, 60_000],
    ]);
    expect(cryptocardyLimits['card-creates-per-minute'].operations).toEqual(['cards.create']);
  });
});
