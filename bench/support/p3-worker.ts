/**
 * One of P3's processes (bench/p3-shared-redis-limit.ts): a PrivCards adapter whose limiter is the Redis-backed one
 * shared by every worker, hammering `cards.get` for DURATION_MS with CONCURRENCY calls in flight. Prints `ready` once
 * connected, starts at the epoch ms of the `go <ms>` line on stdin (so a slow start-up never eats into the run), and
 * prints `{ "succeeded": n, "failed": n, "failures": { code: n } }` on stdout at the end.
 * Run: node --import tsx bench/support/p3-worker.ts (env: BASE_URL, API_KEY, CARD_ID, REDIS_URL, KEY_PREFIX, LIMIT,
 * WINDOW_MS, EXPECTED_PROCESSES, DURATION_MS, CONCURRENCY).
 */
import { createInterface } from 'node:readline';
import { createPrivCards } from '@cardgw/adapter-privcards';
import { CardGatewayError, createRedisRateLimiter } from '@cardgw/core';
import { Redis } from 'ioredis';

const environment = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

const limit = Number(environment('LIMIT'));
const windowMs = Number(environment('WINDOW_MS'));
const durationMs = Number(environment('DURATION_MS'));
const concurrency = Number(environment('CONCURRENCY'));
const cardId = environment('CARD_ID');

/** How often the limiter switched to each state (`fallback` when Redis did not answer in time). */
const stateChanges: Record<string, number> = {};
const redis = new Redis(environment('REDIS_URL'), { maxRetriesPerRequest: 1 });
redis.on('error', () => {}); // the limiter reports Redis trouble itself
const limiter = createRedisRateLimiter({
  redis,
  keyPrefix: environment('KEY_PREFIX'),
  expectedProcesses: Number(environment('EXPECTED_PROCESSES')),
  onStateChange: (state) => {
    stateChanges[state] = (stateChanges[state] ?? 0) + 1;
  },
});
const issuer = createPrivCards({
  apiKey: environment('API_KEY'),
  baseUrl: environment('BASE_URL'),
  limits: { 'requests-per-minute': { limit, windowMs } },
  limiter,
  timeoutMs: 60_000,
});

// Calls still waiting for the shared limiter at the end are abandoned: the measured span is over.
const stop = new AbortController();
await redis.ping();
process.stdout.write('ready\n');
let startAt = Date.now();
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.startsWith('go ')) continue;
  startAt = Number(line.slice(3));
  break;
}
const endAt = startAt + durationMs;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const stopTimer = setTimeout(() => stop.abort(), Math.max(0, endAt - Date.now()));
let succeeded = 0;
const failures: Record<string, number> = {};
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (!stop.signal.aborted) {
      try {
        await issuer.cards.get(cardId, { signal: stop.signal });
        succeeded++;
      } catch (error) {
        const code = CardGatewayError.isInstance(error) ? error.code : 'foreign';
        if (code !== 'aborted') failures[code] = (failures[code] ?? 0) + 1;
      }
    }
  }),
);
clearTimeout(stopTimer);
await issuer.close();
await limiter.close();
redis.disconnect();
const failed = Object.values(failures).reduce((sum, count) => sum + count, 0);
process.stdout.write(JSON.stringify({ succeeded, failed, failures, stateChanges }));
