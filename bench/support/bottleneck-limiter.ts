import type { RateLimiter } from '@cardgw/core';
import Bottleneck from 'bottleneck';

/**
 * bottleneck 2.19.5 at its best for a strict "limit per window" quota, as a `RateLimiter` the adapter can use: a
 * reservoir of `limit` refilled every window (never more than `limit` per fixed window) plus `minTime` pacing of
 * `windowMs / limit` (releases spread evenly, so no burst lands at a refill). It has no notion of a 429's pause.
 */
export function createBottleneckLimiter(
  limit: number,
  windowMs: number,
): RateLimiter & { readonly bottleneck: Bottleneck } {
  const bottleneck = new Bottleneck({
    reservoir: limit,
    reservoirRefreshAmount: limit,
    reservoirRefreshInterval: windowMs,
    minTime: windowMs / limit,
  });
  return {
    bottleneck,
    acquire: () => bottleneck.schedule(() => Promise.resolve({ waitedMs: 0, limitedBy: undefined })),
    pause: () => {},
    close: () => bottleneck.disconnect(),
  };
}

/** How the comparison names it. */
export function describeBottleneck(limit: number, windowMs: number): string {
  return `bottleneck 2.19.5 (reservoir ${limit} per ${windowMs / 1000} s + minTime ${windowMs / limit} ms)`;
}
