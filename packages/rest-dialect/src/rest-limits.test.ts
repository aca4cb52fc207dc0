import { ConfigError } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { resolveRestLimits, restLimitNames, restLimitRules } from './rest-limits.js';

// Made-up quotas: the dialect holds the machinery, each adapter the numbers its provider publishes.
const quotas = {
  'requests-per-minute': { limit: 7, windowMs: 60_000 },
  'requests-per-hour': { limit: 70, windowMs: 3_600_000 },
  'card-creates-per-minute': { limit: 3, windowMs: 60_000 },
  'card-details-per-minute': { limit: 2, windowMs: 60_000 },
} as const;

describe('restLimitRules', () => {
  it('names each rule and scopes the create and details quotas to their operations', () => {
    expect(restLimitRules(quotas)).toEqual({
      'requests-per-minute': { name: 'requests-per-minute', limit: 7, windowMs: 60_000 },
      'requests-per-hour': { name: 'requests-per-hour', limit: 70, windowMs: 3_600_000 },
      'card-creates-per-minute': {
        name: 'card-creates-per-minute',
        limit: 3,
        windowMs: 60_000,
        operations: ['cards.create'],
      },
      'card-details-per-minute': {
        name: 'card-details-per-minute',
        limit: 2,
        windowMs: 60_000,
        operations: ['cards.details'],
      },
    });
    expect(restLimitNames).toEqual(Object.keys(quotas));
  });

  it('applies overrides over the given defaults and refuses an unknown rule name', () => {
    const rules = resolveRestLimits('acme', restLimitRules(quotas), { 'requests-per-minute': { limit: 5 } });
    expect(rules.find((rule) => rule.name === 'requests-per-minute')).toMatchObject({ limit: 5, windowMs: 60_000 });
    expect(() => resolveRestLimits('acme', restLimitRules(quotas), { 'per-day': { limit: 1 } })).toThrow(ConfigError);
  });
});
