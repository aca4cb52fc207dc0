/**
 * One receiver process of the two-process Redis webhook store test: a createWebhookHandler server on a free port with
 * a Redis store. Each processed event increments `<KEY_PREFIX>:processed:<event id>` in Redis (after ONEVENT_DELAY_MS,
 * so two processes overlap). Prints `{ "port": N }` on stdout once listening; runs until SIGTERM.
 * Run: node --import tsx redis-webhook-worker.ts (env: REDIS_URL, KEY_PREFIX, ONEVENT_DELAY_MS).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createWebhookHandler } from '../node-webhook-handler.js';
import { createRedisWebhookEventStore } from '../redis-webhook-event-store.js';
import { createTestWebhookDataMapper, testWebhookSecret } from './test-webhook-data-mapper.js';

const environment = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const keyPrefix = environment('KEY_PREFIX');
const delayMs = Number(environment('ONEVENT_DELAY_MS'));
const redis = new Redis(environment('REDIS_URL'), { maxRetriesPerRequest: 1 });
redis.on('error', () => {});

const handler = createWebhookHandler({
  secret: testWebhookSecret,
  mapper: createTestWebhookDataMapper(),
  store: createRedisWebhookEventStore({ redis, keyPrefix }),
  onEvent: async (event) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await redis.incr(`${keyPrefix}:processed:${event.id}`);
  },
});
const server = createServer((request, response) => void handler(request, response));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    redis.disconnect();
    process.exit(0);
  });
});
