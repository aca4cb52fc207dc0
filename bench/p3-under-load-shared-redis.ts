import { loadEveryCore } from './support/busy-cores.js';
import {
  describeSharedRun,
  runSharedRedis,
  sharedLimit,
  sharedProcesses,
  sharedWindows,
} from './support/shared-redis-run.js';
import type { Bench, BenchResult } from './types.js';

// P3 as production meets it: the run of bench/p3-shared-redis-limit.ts while the bench keeps every core busy (one
// spinning thread per core, on top of whatever else the machine runs) and a proxy in front of the simulator delays
// each request by a uniform 0–300 ms (new connections included). Target as P3: ≥ 95% of the quota, no 429. The
// window is 10 s, as in P2 under load (why: see bench/p2-under-load-adapter-burst.ts).

const jitterMs = 300;
const windowMs = 10_000;

const bench: Bench = async () => {
  const load = loadEveryCore();
  try {
    const outcome = await runSharedRedis({ windowMs, jitterMs });
    const result: BenchResult = {
      name: `P3 under load: ${sharedProcesses} processes sharing one Redis limit (${sharedLimit} per ${windowMs / 1000} s, ${sharedWindows} windows; ${load.threads} spinning threads (one per core) + 0–${jitterMs} ms jitter per request)`,
      value: describeSharedRun(outcome),
      target: '≥ 95% of quota, 0 × 429',
      pass: outcome.share >= 0.95 && outcome.tooMany === 0 && outcome.failed === 0,
    };
    return [result];
  } finally {
    await load.stop();
  }
};

export default bench;
