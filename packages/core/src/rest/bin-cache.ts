import type { Bin } from '../domain/bin.js';

export interface BinCache {
  /** The cached BINs, or a fresh `load()` once they are older than the TTL. Concurrent callers share one load. */
  get(): Promise<readonly Bin[]>;
  clear(): void;
}

export interface BinCacheOptions {
  readonly load: () => Promise<readonly Bin[]>;
  /** @default 300000 (5 minutes): BIN ranges change rarely; card creation by criteria should not list them each time. */
  readonly ttlMs?: number | undefined;
  /** @default Date.now */
  readonly now?: (() => number) | undefined;
}

export const defaultBinCacheTtlMs = 5 * 60_000;

/** Caches `GET /bins` for card creation by criteria. A failed load is not cached: the next call tries again. */
export function createBinCache(options: BinCacheOptions): BinCache {
  const ttlMs = options.ttlMs ?? defaultBinCacheTtlMs;
  const now = options.now ?? Date.now;
  let entry: { readonly bins: Promise<readonly Bin[]>; readonly loadedAt: number } | undefined;

  return {
    get() {
      if (entry && now() - entry.loadedAt < ttlMs) return entry.bins;
      const bins = options.load();
      const current = { bins, loadedAt: now() };
      entry = current;
      bins.catch(() => {
        if (entry === current) entry = undefined;
      });
      return bins;
    },
    clear() {
      entry = undefined;
    },
  };
}
