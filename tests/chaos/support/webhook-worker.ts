/**
 * One webhook receiver process of the chaos suite (tests/chaos/support/webhook-receivers.ts starts two): the library's
 * `createWebhookHandler` with PrivCards' mapper and `createRedisWebhookEventStore` on the chaos world's Redis, on a free
 * port of 127.0.0.1. Its `onEvent` reports each event it processes to the parent over IPC before returning (the
 * count the chaos checks read), so the record survives whatever Redis goes through.
 * IPC in: `{ stall: eventId, ms }`: this process's next processing of that event hangs `ms` then fails (a receiver
 * that hung mid-processing past its lease); `{ sync: n }`: answered `{ synced: n }` after every earlier message.
 * IPC out: `{ port }` once listening, `{ processed: eventId }`, `{ completionLost: eventId }` (processed, but the store
 * could not record it: the handler answered 200 and reported the error), `{ synced: n }`.
 * Run: node --import tsx webhook-worker.ts (env: REDIS_URL, KEY_PREFIX, LEASE_MS, COMMAND_TIMEOUT_MS, WEBHOOK_SECRET).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { privcardsWebhookMapper } from '@cardgw/adapter-privcards';
import { CardGatewayError, createRedisWebhookEventStore, createWebhookHandler } from '@cardgw/core';
import { Redis } from 'ioredis';

/** What the parent sends this process. */
export type WebhookWorkerCommand = { readonly stall: string; readonly ms: number } | { readonly sync: number };
/** What this process tells the parent. */
export type WebhookWorkerReport =
  | { readonly port: number }
  | { readonly processed: string }
  | { readonly completionLost: string }
  | { readonly synced: number };

const environment = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

const send = (report: WebhookWorkerReport) =>
  new Promise<void>((resolve, reject) =>
    process.send?.(report, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );

// An application's client: ioredis' defaults (commands queued while disconnected), reconnecting every 20 ms so a
// restarted Redis is found again at once rather than after ioredis' growing back-off.
// maxLoadingRetryTime: connected while a restarted Redis still loads its append-only file, it looks again soon.
const redis = new Redis(environment('REDIS_URL'), { retryStrategy: () => 20, maxLoadingRetryTime: 20 });
redis.on('error', () => {});
/** Events whose next processing here hangs this long (milliseconds) and then fails. */
const stalls = new Map<string, number>();

const handler = createWebhookHandler({
  secret: environment('WEBHOOK_SECRET'),
  mapper: privcardsWebhookMapper,
  store: createRedisWebhookEventStore({
    redis,
    keyPrefix: environment('KEY_PREFIX'),
    leaseMs: Number(environment('LEASE_MS')),
    commandTimeoutMs: Number(environment('COMMAND_TIMEOUT_MS')),
  }),
  onEvent: async (event) => {
    const stallMs = stalls.get(event.id);
    if (stallMs !== undefined) {
      stalls.delete(event.id);
      await sleep(stallMs);
      throw new Error('the receiver hung past its lease and gave up');
    }
    await send({ processed: event.id });
  },
  onError: (error, result) => {
    // A 200 that carries an error: processed, but the store's `complete` failed (Redis went away meanwhile).
    if (result.status === 200 && result.event && CardGatewayError.isInstance(error)) {
      void send({ completionLost: result.event.id }).catch(() => undefined);
    }
  },
});

process.on('message', (command: WebhookWorkerCommand) => {
  if ('stall' in command) stalls.set(command.stall, command.ms);
  else void send({ synced: command.sync });
});
const server = createServer((request, response) => void handler(request, response));
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => void send({ port: (server.address() as AddressInfo).port }));
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    redis.disconnect();
    process.exit(0);
  });
});
// The parent went away (a killed test run): do not outlive it.
process.once('disconnect', () => process.exit(0));
