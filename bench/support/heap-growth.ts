import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What walking a list did to the heap; bytes are V8's used heap size. */
export interface IterationHeap {
  /** Items walked. */
  readonly items: number;
  /** Pages seen (a sample is taken as each page's first item arrives). */
  readonly pages: number;
  /** Used heap after a full collection, before the walk. */
  readonly baselineBytes: number;
  /** Highest used heap sampled as each page arrived, garbage not yet collected included: an upper bound. */
  readonly peakBytes: number;
  /** Highest used heap after the full collections run every `fullCollectionEvery` pages: what the walk holds. */
  readonly retainedPeakBytes: number;
  /** Used heap after a full collection, once the walk is over. */
  readonly afterBytes: number;
  /** The walk's wall time, the sampling collections excluded. */
  readonly elapsedMs: number;
}

export interface IterationHeapOptions {
  /** Items per page of the list, to sample once per page. */
  readonly pageSize: number;
  /** A full garbage collection (`global.gc` under `--expose-gc`). */
  readonly collectGarbage: () => void;
  /** Run a full collection and sample what survives every this many pages (they are slow on a big heap). @default 100 */
  readonly fullCollectionEvery?: number | undefined;
}

const usedHeap = () => getHeapStatistics().used_heap_size;

/**
 * Walks `items` to the end, holding nothing of what it yields, and samples the heap: before (after a full
 * collection), as every page arrives, every `fullCollectionEvery` pages after a full collection, and after.
 */
export async function measureIterationHeap<Item>(
  items: AsyncIterable<Item>,
  options: IterationHeapOptions,
): Promise<IterationHeap> {
  const { pageSize, collectGarbage } = options;
  const fullCollectionEvery = options.fullCollectionEvery ?? 100;
  collectGarbage();
  const baselineBytes = usedHeap();
  let peakBytes = baselineBytes;
  let retainedPeakBytes = baselineBytes;
  let count = 0;
  let pages = 0;
  let collectingMs = 0;
  const started = performance.now();
  for await (const _item of items) {
    if (count % pageSize === 0) {
      pages++;
      peakBytes = Math.max(peakBytes, usedHeap());
      if (pages % fullCollectionEvery === 0) {
        const collectionStarted = performance.now();
        collectGarbage();
        retainedPeakBytes = Math.max(retainedPeakBytes, usedHeap());
        collectingMs += performance.now() - collectionStarted;
      }
    }
    count++;
  }
  const elapsedMs = performance.now() - started - collectingMs;
  collectGarbage();
  const afterBytes = usedHeap();
  return {
    items: count,
    pages,
    baselineBytes,
    peakBytes: Math.max(peakBytes, afterBytes),
    retainedPeakBytes: Math.max(retainedPeakBytes, afterBytes),
    afterBytes,
    elapsedMs,
  };
}

/** Peak minus baseline, in MB (10^6 bytes), never negative. */
export function growthMegabytes(heap: IterationHeap, peak: 'peak' | 'retained' = 'peak'): number {
  const top = peak === 'peak' ? heap.peakBytes : heap.retainedPeakBytes;
  return Math.max(0, top - heap.baselineBytes) / 1e6;
}

/**
 * `global.gc` when the process runs with `--expose-gc`; otherwise V8's flag is turned on at run time and the function
 * taken from a fresh context (the documented `v8.setFlagsFromString` escape hatch), so tests can call it too.
 */
export function exposeGarbageCollector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
