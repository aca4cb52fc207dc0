import { ConfigError } from '../errors/config-error.js';
import { isDurationInRange, maxWindowMs } from '../validation/duration-range.js';
import type { RateLimitRule } from './types.js';

/**
 * Checks the rules of one call before anything waits on them: a rule with no name, a limit that is not a positive
 * integer or a window that is not 1 ms to 31 days (`maxWindowMs`) would otherwise wait forever or admit everything.
 */
export function validateRateLimitRules(rules: readonly RateLimitRule[]): void {
  if (!Array.isArray(rules)) throw new ConfigError('Rate-limit rules must be an array', { option: 'limits' });
  for (const rule of rules) validateRateLimitRule(rule);
}

export function validateRateLimitRule(rule: RateLimitRule): void {
  if (typeof rule !== 'object' || rule === null) {
    throw new ConfigError('Each rate-limit rule must be an object', { option: 'limits' });
  }
  if (typeof rule.name !== 'string' || rule.name.length === 0) {
    throw new ConfigError('A rate-limit rule needs a non-empty name', { option: 'limits' });
  }
  if (!Number.isSafeInteger(rule.limit) || rule.limit < 1) {
    throw new ConfigError(`Rate-limit rule "${rule.name}": limit must be a positive integer`, {
      option: `limits.${rule.name}.limit`,
    });
  }
  if (!isDurationInRange(rule.windowMs, maxWindowMs)) {
    throw new ConfigError(`Rate-limit rule "${rule.name}": windowMs must be a number of milliseconds up to 31 days`, {
      option: `limits.${rule.name}.windowMs`,
    });
  }
}
