/**
 * One process of the two-process Redis limiter test: prints `ready` once connected, then fires requests as fast as
 * the shared limiter admits from the epoch ms of the `go <ms>` line on stdin, for DURATION_MS, and prints the grant
 * times (epoch ms) as JSON on stdout. A slow start-up on a loaded machine never eats into the run.
 * Run: node --import tsx redis-limiter-worker.ts (env: REDIS_URL, KEY_PREFIX, LIMIT, WINDOW_MS, DURATION_MS,
 * CONCURRENCY).
 */
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { createRedisRateLimiter } from '../redis-rate-limiter.js';
import type { RateLimitRule } from '../types.js';

const environment = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const rule: RateLimitRule = {
  name: 'requests-per-window',
  limit: Number(environment('LIMIT')),
  windowMs: Number(environment('WINDOW_MS')),
};
const durationMs = Number(environment('DURATION_MS'));
const concurrency = Number(environment('CONCURRENCY'));

const redis = new Redis(environment('REDIS_URL'), { maxRetriesPerRequest: 1 });
redis.on('error', () => {});
const limiter = createRedisRateLimiter({ redis, keyPrefix: environment('KEY_PREFIX'), onRedisError: 'fail-closed' });

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
const grants: number[] = [];
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (Date.now() < endAt) {
      try {
        await limiter.acquire([rule], { deadline: endAt });
      } catch {
        break;
      }
      grants.push(Date.now());
    }
  }),
);
await limiter.close();
redis.disconnect();
process.stdout.write(JSON.stringify({ grants }));
