import type { RateLimitRule } from '@cardgw/core';

/**
 * LedgerLane's published quotas (ledgerlane-api.md, "Limits"): 300 requests per minute per token, 20 card issues per
 * minute, 10 reads of card secrets per minute. Rule names are prefixed with `ledgerlane:` by the pipeline, so a
 * limiter shared with other providers keeps the quotas apart.
 */
export const ledgerlaneLimits: readonly RateLimitRule[] = Object.freeze([
  { name: 'requests-per-minute', limit: 300, windowMs: 60_000 },
  { name: 'card-issues-per-minute', limit: 20, windowMs: 60_000, operations: ['cards.create'] },
  { name: 'card-secrets-per-minute', limit: 10, windowMs: 60_000, operations: ['cards.details'] },
]);
