import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { describe, expect, it } from 'vitest';
import {
  exposeGarbageCollector,
  growthMegabytes,
  type IterationHeap,
  measureIterationHeap,
} from './support/heap-growth.js';
import { runPaginationHeapChild } from './support/pagination-heap-job.js';
import { seedTransactions } from './support/seed-transactions.js';
import { runTypicalUserTest } from './support/typical-user-test.js';

// Exercises the P4/P5 bench helpers on small sizes, so CI catches a broken bench. No timing is asserted here.

describe('seedTransactions', () => {
  it('records one pending authorization per purchase on one card', async () => {
    const issuer = createMemoryIssuer();
    const cardId = await seedTransactions(issuer, 500);
    const transactions = await issuer.transactions.list({ cardId }).toArray();
    expect(transactions).toHaveLength(500);
    expect(transactions.every((transaction) => transaction.type === 'authorization')).toBe(true);
    expect(issuer.snapshot().transactions).toBe(500);
  });

  it('refuses a count the card could not pay for', async () => {
    await expect(seedTransactions(createMemoryIssuer(), 500_001)).rejects.toThrow(RangeError);
  });
});

describe('measureIterationHeap', () => {
  it('walks every page of a paginated list and samples the heap once per page', async () => {
    const issuer = createMemoryIssuer();
    const cardId = await seedTransactions(issuer, 500);
    const heap = await measureIterationHeap(issuer.transactions.list({ cardId, perPage: 100 }), {
      pageSize: 100,
      collectGarbage: exposeGarbageCollector(),
      fullCollectionEvery: 2,
    });
    expect(heap.items).toBe(500);
    expect(heap.pages).toBe(5);
    expect(heap.baselineBytes).toBeGreaterThan(0);
    expect(heap.peakBytes).toBeGreaterThanOrEqual(heap.afterBytes);
    expect(heap.retainedPeakBytes).toBeGreaterThanOrEqual(heap.afterBytes);
  });
});

describe('growthMegabytes', () => {
  const heap: IterationHeap = {
    items: 1,
    pages: 1,
    baselineBytes: 10_000_000,
    peakBytes: 17_200_000,
    retainedPeakBytes: 10_500_000,
    afterBytes: 9_000_000,
    elapsedMs: 1,
  };

  it('is the sampled peak minus the baseline, in MB', () => {
    expect(growthMegabytes(heap)).toBeCloseTo(7.2);
    expect(growthMegabytes(heap, 'retained')).toBeCloseTo(0.5);
  });

  it('is never negative', () => {
    expect(growthMegabytes({ ...heap, peakBytes: 9_000_000 })).toBe(0);
  });
});

describe('runPaginationHeapChild', () => {
  it('measures a walk of the in-memory issuer in a child process and returns its figures', async () => {
    const heap = await runPaginationHeapChild({ backend: 'memory', transactions: 500, perPage: 100 });
    expect(heap.items).toBe(500);
    expect(heap.pages).toBe(5);
    expect(heap.afterBytes).toBeGreaterThan(0);
  });
});

describe('runTypicalUserTest', () => {
  it('lists the authorization and settlement of each of its three purchases', async () => {
    await expect(runTypicalUserTest()).resolves.toBe(6);
  });
});
