import {
  burstLimit,
  burstSize,
  burstWindowMs,
  burstWindows,
  describeBurst,
  runAdapterBurst,
} from './support/adapter-burst.js';
import type { Bench, BenchResult } from './types.js';

// P2 through the real stack, with nothing else added by the bench (the machine's own load aside): the PrivCards
// simulator enforcing a strict sliding window scaled down to 100 requests per 2 s, the PrivCards adapter with the same
// limits, an oversubscribed burst of 350 concurrent `cards.get`. Targets: ≥ 99% of the quota used over the first three
// windows (counted where the simulator executed the requests) and no 429 answered. The same under load and network
// jitter: bench/p2-adapter-burst-under-load.ts.

const bench: Bench = async () => {
  const outcome = await runAdapterBurst();
  const result: BenchResult = {
    name: `P2 adapter burst through the PrivCards simulator (${burstSize} × cards.get, ${burstLimit} per ${burstWindowMs / 1000} s, ${burstWindows} windows)`,
    value: describeBurst(outcome),
    target: '≥ 99% of quota, 0 × 429',
    pass: outcome.share >= 0.99 && outcome.tooMany === 0 && outcome.failed === 0,
  };
  return [result];
};

export default bench;
