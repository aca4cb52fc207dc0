import { performance } from 'node:perf_hooks';
import type { MemoryIssuer } from '@cardgw/adapter-memory';

/**
 * The simulator's backend, recording when each `cards.get` executed (`performance.now()`): what the strict simulator
 * granted, timed on the provider's side. Refused requests (429) never reach the backend.
 */
export function recordCardGets(backend: MemoryIssuer): { readonly backend: MemoryIssuer; readonly grants: number[] } {
  const grants: number[] = [];
  const cards: MemoryIssuer['cards'] = {
    ...backend.cards,
    get: (cardId, options) => {
      grants.push(performance.now());
      return backend.cards.get(cardId, options);
    },
  };
  return { backend: { ...backend, cards }, grants };
}

/** Grants in the first `windows` windows after the first grant, as a share of the quota they allow. */
export function quotaShare(grants: readonly number[], limit: number, windowMs: number, windows: number): number {
  const sorted = [...grants].sort((left, right) => left - right);
  const first = sorted[0];
  if (first === undefined) return 0;
  const inSpan = sorted.filter((at) => at < first + windows * windowMs).length;
  return inSpan / (windows * limit);
}
