import type { Bin, RequestOptions } from '@cardgw/core';

/** What a BIN lookup takes from the call that needs it: everything but the idempotency key (`GET /bins` is a read). */
export type BinLookupOptions = Pick<RequestOptions, 'signal' | 'timeoutMs' | 'maxRetries'>;

/** A cache of a provider's BIN list, for card creation by criteria. */
export interface BinCache {
  /**
   * The cached BINs, or a fresh `load(options)` once they are older than the TTL. Concurrent callers without options
   * of their own share one load; a caller with a signal, a deadline or a retry count loads under its own terms.
   */
  get(options?: BinLookupOptions): Promise<readonly Bin[]>;
  /** Forgets the cached BINs: the next call lists them again. */
  clear(): void;
}

/** Options of `createBinCache`: how to list the BINs and for how long to keep them. */
export interface BinCacheOptions {
  /** Lists the BINs under the calling request's signal, deadline and retries (undefined: the issuer's defaults). */
  readonly load: (options: BinLookupOptions | undefined) => Promise<readonly Bin[]>;
  /** @default 300000 (5 minutes): BIN ranges change rarely; card creation by criteria should not list them each time. */
  readonly ttlMs?: number | undefined;
  /** @default Date.now */
  readonly now?: (() => number) | undefined;
}

/** How long BINs are cached by default, in milliseconds: 5 minutes. */
export const defaultBinCacheTtlMs = 5 * 60_000;

/** Caches `GET /bins` for card creation by criteria. A failed load is not cached: the next call tries again. */
export function createBinCache(options: BinCacheOptions): BinCache {
  const ttlMs = options.ttlMs ?? defaultBinCacheTtlMs;
  const now = options.now ?? Date.now;
  let cached: { readonly bins: readonly Bin[]; readonly loadedAt: number } | undefined;
  // Shared only by callers with default terms: one caller's abort or short deadline must not fail another's lookup.
  let shared: Promise<readonly Bin[]> | undefined;
  let generation = 0;

  const load = (lookup: BinLookupOptions | undefined): Promise<readonly Bin[]> => {
    const startedAt = now();
    const startedIn = generation;
    return options.load(lookup).then((bins) => {
      if (startedIn === generation) cached = { bins, loadedAt: startedAt };
      return bins;
    });
  };

  return {
    async get(lookup) {
      if (cached && now() - cached.loadedAt < ttlMs) return cached.bins;
      if (!hasOwnTerms(lookup)) {
        if (!shared) {
          const loading = load(undefined).finally(() => {
            if (shared === loading) shared = undefined;
          });
          shared = loading;
        }
        return shared;
      }
      return load(lookup);
    },
    clear() {
      generation += 1;
      cached = undefined;
      shared = undefined;
    },
  };
}

function hasOwnTerms(lookup: BinLookupOptions | undefined): boolean {
  return lookup?.signal !== undefined || lookup?.timeoutMs !== undefined || lookup?.maxRetries !== undefined;
}
