import type { RateLimitRule } from '../rate-limit/types.js';

/**
 * The rules a request counts against: every rule without `operations` (global quotas such as requests per minute),
 * plus those that name the request's operation (`cards.create` per minute, `cards.details` per minute).
 */
export function rulesForOperation(limits: readonly RateLimitRule[], operation: string): readonly RateLimitRule[] {
  return limits.filter((rule) => rule.operations === undefined || rule.operations.includes(operation));
}
