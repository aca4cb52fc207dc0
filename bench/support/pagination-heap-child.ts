import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { exposeGarbageCollector, type IterationHeap, measureIterationHeap } from './heap-growth.js';
import { type PaginationHeapJob, paginationHeapJobVariable } from './pagination-heap-job.js';
import { seedTransactions } from './seed-transactions.js';

// The P4 measurement, run in a child process of its own (`node --expose-gc --import tsx`, see pagination-heap-job.ts)
// so that its heap holds only the walking client: neither the other benchmarks' leftovers nor, for the adapter, the
// simulator serving it. Reads its job from the environment and prints one JSON line: the `IterationHeap`.

/** Walked first, so the code paths are loaded and compiled before the baseline: what follows is the walk's memory. */
const warmUpPages = 5;

async function run(job: PaginationHeapJob): Promise<IterationHeap> {
  const collectGarbage = exposeGarbageCollector();
  if (job.backend === 'memory') {
    const issuer = createMemoryIssuer({ defaultPerPage: { transactions: job.perPage } });
    const cardId = await seedTransactions(issuer, job.transactions);
    await issuer.transactions.list({ cardId, perPage: job.perPage }).toArray({ limit: warmUpPages * job.perPage });
    return measureIterationHeap(issuer.transactions.list({ cardId, perPage: job.perPage }), {
      pageSize: job.perPage,
      collectGarbage,
    });
  }
  // Imported only here, so the memory measurement runs even while the adapter does not load.
  const { createPrivCards } = await import('@cardgw/adapter-privcards');
  // PrivCards documents no per_page on transactions: the page size is the simulator's (set by the parent).
  const issuer = createPrivCards({
    apiKey: job.apiKey,
    baseUrl: job.baseUrl,
    limits: job.limits,
  });
  try {
    await issuer.transactions.list({ cardId: job.cardId }).toArray({ limit: warmUpPages * job.perPage });
    return await measureIterationHeap(issuer.transactions.list({ cardId: job.cardId }), {
      pageSize: job.perPage,
      collectGarbage,
    });
  } finally {
    await issuer.close();
  }
}

const job = JSON.parse(process.env[paginationHeapJobVariable] ?? 'null') as PaginationHeapJob | null;
if (job === null) throw new Error(`pagination-heap-child: set ${paginationHeapJobVariable}`);
process.stdout.write(`${JSON.stringify(await run(job))}\n`);
