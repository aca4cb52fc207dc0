import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Threads spinning on every core, started by `loadEveryCore`. */
export interface CoreLoad {
  readonly threads: number;
  stop(): Promise<void>;
}

/**
 * Keeps every core busy: one worker thread per core (`os.availableParallelism()`), each spinning in a loop that never
 * yields, so the bench's own event loops compete for CPU as on a loaded production host. `stop()` ends them.
 */
export function loadEveryCore(): CoreLoad {
  const threads = availableParallelism();
  const workers = Array.from(
    { length: threads },
    () => new Worker('let spin = 0; for (;;) spin = (spin + 1) % 1e9;', { eval: true }),
  );
  return {
    threads,
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
