import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { growthMegabytes, type IterationHeap } from './support/heap-growth.js';
import { runPaginationHeapChild } from './support/pagination-heap-job.js';
import { seedTransactions } from './support/seed-transactions.js';
import type { Bench, BenchResult } from './types.js';

// P4: walking 100,000 transactions with `for await (const t of issuer.transactions.list({ cardId }))` must hold one
// page at a time: heap growth < 20 MB, through the PrivCards adapter talking to its simulator over HTTP and through the
// in-memory issuer. Each walk runs in a child process with `--expose-gc` (a clean heap holding only the client; the
// simulator stays in this process). Growth = the highest used heap sampled as each page arrived (uncollected garbage
// included, so an upper bound) minus the used heap after a full collection before the walk. Report-only: what is
// still held after full collections (every 100 pages and at the end), and items/s (the collections excluded).
// Measured on Node 20: the sampled peak is mostly garbage waiting for the young generation to fill (with
// `--max-semi-space-size=4` it falls from ~16 MB to ~7 MB), while what is held after a full collection stays under
// 1 MB. On the in-memory issuer the items are the issuer's own stored objects, so only copies would show up.

const transactions = 100_000;
const perPage = 100;
const targetMegabytes = 20;
/** Far above what the walk sends (1,001 requests), on both sides: the bench measures memory, not the quota. */
const raisedLimits = {
  'requests-per-minute': { limit: 1_000_000 },
  'requests-per-hour': { limit: 1_000_000 },
} as const;

async function walkThroughAdapter(): Promise<IterationHeap> {
  // Imported here: while the adapter does not load, the in-memory figure is still measured.
  const { startPrivCardsSimulator } = await import('@cardgw/adapter-privcards/simulator');
  // PrivCards' transaction list takes no per_page: the simulator's page size is its backend's default.
  const backend = createMemoryIssuer({ provider: 'privcards', defaultPerPage: { transactions: perPage } });
  const cardId = await seedTransactions(backend, transactions);
  const simulator = await startPrivCardsSimulator({ backend, limits: raisedLimits });
  try {
    return await runPaginationHeapChild({
      backend: 'adapter',
      baseUrl: simulator.url,
      apiKey: simulator.apiKey,
      cardId,
      perPage,
      limits: raisedLimits,
    });
  } finally {
    await simulator.close();
  }
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');
const megabytes = (value: number) => `${value.toFixed(1)} MB`;

function growthLine(label: string, heap: IterationHeap): BenchResult {
  const growth = growthMegabytes(heap);
  const complete = heap.items === transactions;
  return {
    name: `P4 heap growth over ${count(transactions)} transactions (${label})`,
    value: complete ? megabytes(growth) : `${megabytes(growth)}, but ${count(heap.items)} items walked`,
    target: `< ${targetMegabytes} MB`,
    pass: complete && growth < targetMegabytes,
  };
}

const detail = (label: string, heap: IterationHeap) =>
  `${label}: ${megabytes(growthMegabytes(heap, 'retained'))} held after full GC, ` +
  `${count(heap.items / (heap.elapsedMs / 1000))} items/s`;

const bench: Bench = async () => {
  const results: BenchResult[] = [];
  const details: string[] = [];

  let adapter: IterationHeap | undefined;
  try {
    adapter = await walkThroughAdapter();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    results.push({
      name: `P4 heap growth over ${count(transactions)} transactions (adapter + simulator)`,
      value: `not measured: ${reason}`,
      target: `< ${targetMegabytes} MB`,
      pass: false,
    });
  }
  if (adapter !== undefined) {
    results.push(growthLine('adapter + simulator', adapter));
    details.push(detail('adapter', adapter));
  }

  const memory = await runPaginationHeapChild({ backend: 'memory', transactions, perPage });
  results.push(growthLine('in-memory issuer', memory));
  details.push(detail('in-memory', memory));

  results.push({ name: 'P4 walk detail', value: details.join('; '), target: 'report only' });
  return results;
};

export default bench;
