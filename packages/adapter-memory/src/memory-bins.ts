import type { Bin } from '@cardgw/core';
import type { BinsResource } from '@cardgw/core/provider-utils';
import type { BinSeed } from './default-bins.js';
import type { MemoryContext } from './memory-context.js';
import { listFromMemory, selectionOf } from './memory-list.js';

/** The issuer's BINs, qualified with its provider name. */
export function binsFromSeeds(provider: string, seeds: readonly BinSeed[]): readonly Bin[] {
  return Object.freeze(
    seeds.map((seed) =>
      Object.freeze({
        ...seed,
        id: `${provider}:${seed.providerId}`,
        provider,
        bestFor: Object.freeze([...seed.bestFor]),
      }),
    ),
  );
}

export function createMemoryBins(context: MemoryContext): BinsResource {
  return {
    list(options) {
      return listFromMemory(context, 'bins.list', options, () => ({
        page: 1,
        perPage: 'all',
        select: () => selectionOf(context.bins),
      }));
    },
  };
}
