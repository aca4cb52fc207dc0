import {
  describeSharedRun,
  runSharedRedis,
  sharedLimit,
  sharedProcesses,
  sharedWindows,
} from './support/shared-redis-run.js';
import type { Bench, BenchResult } from './types.js';

// P3: four processes, each a PrivCards adapter whose limiter is the Redis-backed one under one key prefix (one
// shared quota), hammering `cards.get` against one strict simulator (100 requests per 2 s, sliding window, 429
// beyond it) in a process of its own, which counts what it executed and refused. Targets: ≥ 95% of the quota used
// together over three windows, no 429. The same under load and network jitter: bench/p3-under-load-shared-redis.ts.

const windowMs = 2_000;

const bench: Bench = async () => {
  const outcome = await runSharedRedis({ windowMs });
  const result: BenchResult = {
    name: `P3 ${sharedProcesses} processes sharing one Redis limit through the PrivCards adapter (${sharedLimit} per ${windowMs / 1000} s, ${sharedWindows} windows)`,
    value: describeSharedRun(outcome),
    target: '≥ 95% of quota, 0 × 429',
    pass: outcome.share >= 0.95 && outcome.tooMany === 0 && outcome.failed === 0,
  };
  return [result];
};

export default bench;
