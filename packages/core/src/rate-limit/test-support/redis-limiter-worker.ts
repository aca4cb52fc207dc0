/**
 * One process of the two-process Redis limiter test: fires requests as fast as the shared limiter admits, from
 * START_AT for DURATION_MS, and prints the grant times (epoch ms) as JSON on stdout.
 * Run: node --import tsx redis-limiter-worker.ts (env: REDIS_URL, KEY_PREFIX, LIMIT, WINDOW_MS, START_AT,
 * DURATION_MS, CONCURRENCY).
 */
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
const startAt = Number(environment('START_AT'));
const endAt = startAt + Number(environment('DURATION_MS'));
const concurrency = Number(environment('CONCURRENCY'));

const redis = new Redis(environment('REDIS_URL'), { maxRetriesPerRequest: 1 });
redis.on('error', () => {});
const limiter = createRedisRateLimiter({ redis, keyPrefix: environment('KEY_PREFIX'), onRedisError: 'fail-closed' });

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
