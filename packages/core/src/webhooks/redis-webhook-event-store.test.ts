import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { type RedisServerHandle, startRedisServer } from '../rate-limit/test-support/redis-server.js';
import { createWebhookHandler, type WebhookHandlerOptions } from './node-webhook-handler.js';
import { createRedisWebhookEventStore, type RedisWebhookEventStoreOptions } from './redis-webhook-event-store.js';
import {
  createTestWebhookDataMapper,
  testDelivery,
  testWebhookSecret,
} from './test-support/test-webhook-data-mapper.js';
import { signWebhookPayload } from './webhook-signature.js';

/*
 * Issue 13 point 4, against real redis-server processes: a delivery is processed once across receivers sharing one
 * Redis (two processes), across a restart, again after a crashed receiver's lease lapses, and never while Redis is down.
 */

const eventually = { timeout: 10_000, interval: 25 };

let server: RedisServerHandle | undefined;
let serverError: unknown;
const clients: Redis[] = [];
const httpServers: Server[] = [];
const children: ChildProcess[] = [];
let prefixCount = 0;

beforeAll(async () => {
  try {
    server = await startRedisServer();
  } catch (error) {
    serverError = error;
  }
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }
  await Promise.all(
    httpServers.splice(0).map(
      (httpServer) =>
        new Promise<void>((resolve) => {
          httpServer.closeAllConnections();
          httpServer.close(() => resolve());
        }),
    ),
  );
  for (const client of clients.splice(0)) client.disconnect();
});

afterAll(async () => {
  await server?.stop();
});

function redisServer(): RedisServerHandle {
  if (!server) throw serverError;
  return server;
}

/** An ioredis client with its default options, as an application creates it. */
function connect(url = redisServer().url): Redis {
  const client = new Redis(url);
  client.on('error', () => {});
  clients.push(client);
  return client;
}

function uniquePrefix(): string {
  return `cardgw-webhooks-test:${process.pid}:${++prefixCount}`;
}

function store(options: Partial<RedisWebhookEventStoreOptions> & { keyPrefix: string }) {
  return createRedisWebhookEventStore({ redis: connect(), ...options });
}

async function startReceiver(options: Partial<WebhookHandlerOptions>) {
  const handler = createWebhookHandler({
    secret: testWebhookSecret,
    mapper: createTestWebhookDataMapper(),
    onEvent: () => undefined,
    ...options,
  });
  const httpServer = createServer((request, response) => void handler(request, response));
  httpServers.push(httpServer);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return (httpServer.address() as AddressInfo).port;
}

async function deliver(port: number, body: string) {
  const response = await fetch(`http://127.0.0.1:${port}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-webhook-signature': signWebhookPayload(body, testWebhookSecret) },
    body,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

async function startWorker(keyPrefix: string): Promise<number> {
  const worker = fileURLToPath(new URL('./test-support/redis-webhook-worker.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', worker], {
    env: { ...process.env, REDIS_URL: redisServer().url, KEY_PREFIX: keyPrefix, ONEVENT_DELAY_MS: '150' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let output = '';
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    if (output.includes('\n')) break;
  }
  child.stdout?.resume();
  return (JSON.parse(output) as { port: number }).port;
}

describe('createRedisWebhookEventStore against a real redis-server', () => {
  it('processes each delivery once when two receiver processes get it at the same time', async () => {
    const keyPrefix = uniquePrefix();
    const ports = await Promise.all([startWorker(keyPrefix), startWorker(keyPrefix)]);
    const bodies = Array.from({ length: 10 }, (_, index) => testDelivery({ id: `evt_pair_${index}` }));
    const replies = await Promise.all(bodies.flatMap((body) => ports.map((port) => deliver(port, body))));
    for (let index = 0; index < bodies.length; index++) {
      const pair = [replies[2 * index], replies[2 * index + 1]];
      // One processed it; the other was told to come back (503) or, if it came late, that it was a duplicate.
      expect(pair.filter((reply) => reply?.status === 200 && !('duplicate' in (reply.body as object)))).toHaveLength(1);
      for (const reply of pair) expect([200, 503]).toContain(reply?.status);
    }
    // The provider's redeliveries, to both processes, once processing ended: duplicates everywhere.
    const redeliveries = await Promise.all(bodies.flatMap((body) => ports.map((port) => deliver(port, body))));
    expect(redeliveries.map((reply) => reply.body)).toEqual(
      redeliveries.map(() => ({ received: true, duplicate: true })),
    );
    const redis = connect();
    const counts = await Promise.all(
      bodies.map((_, index) => redis.get(`${keyPrefix}:processed:testpay:evt_pair_${index}`)),
    );
    expect(counts).toEqual(bodies.map(() => '1'));
  });

  it('answers a redelivery after a restart (a new store and client) as a duplicate, without processing it', async () => {
    const keyPrefix = uniquePrefix();
    const before = vi.fn();
    const body = testDelivery({ id: 'evt_restart' });
    expect((await deliver(await startReceiver({ store: store({ keyPrefix }), onEvent: before }), body)).body).toEqual({
      received: true,
    });
    const after = vi.fn();
    const restarted = await startReceiver({ store: store({ keyPrefix }), onEvent: after });
    expect((await deliver(restarted, body)).body).toEqual({ received: true, duplicate: true });
    expect(before).toHaveBeenCalledTimes(1);
    expect(after).not.toHaveBeenCalled();
  });

  it("processes a redelivery once a crashed receiver's lease has lapsed, not before", async () => {
    const keyPrefix = uniquePrefix();
    // The crashed receiver: it claimed the event and never completed nor released it.
    expect(await store({ keyPrefix, leaseMs: 300 }).claim('testpay:evt_crashed')).toBe('claimed');
    const onEvent = vi.fn();
    const port = await startReceiver({ store: store({ keyPrefix }), onEvent });
    const body = testDelivery({ id: 'evt_crashed' });
    const early = await deliver(port, body);
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toMatch(/^\d+$/);
    await vi.waitFor(async () => expect((await deliver(port, body)).body).toEqual({ received: true }), eventually);
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('releases a failed claim so the redelivery is processed, and does not release a claim it no longer holds', async () => {
    const keyPrefix = uniquePrefix();
    let calls = 0;
    const port = await startReceiver({
      store: store({ keyPrefix }),
      onEvent: () => {
        calls += 1;
        if (calls === 1) throw new Error('downstream failed');
      },
    });
    const body = testDelivery({ id: 'evt_failed_once' });
    expect((await deliver(port, body)).status).toBe(500);
    expect((await deliver(port, body)).body).toEqual({ received: true });
    expect(calls).toBe(2);

    const first = store({ keyPrefix, leaseMs: 100 });
    const second = store({ keyPrefix });
    expect(await first.claim('evt_taken_over')).toBe('claimed');
    await vi.waitFor(async () => expect(await second.claim('evt_taken_over')).toBe('claimed'), eventually);
    await first.release('evt_taken_over'); // late: its lease lapsed and another receiver holds the event now
    expect(await store({ keyPrefix }).claim('evt_taken_over')).toBe('processing');
  });

  it('keeps a processed id for ttlMs; a replay after that is processed again (documented)', async () => {
    const keyPrefix = uniquePrefix();
    const short = store({ keyPrefix, ttlMs: 200, leaseMs: 100 });
    expect(await short.claim('evt_old')).toBe('claimed');
    await short.complete('evt_old');
    expect(await short.claim('evt_old')).toBe('done');
    const ttl = await connect().pttl(`${keyPrefix}:evt_old`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(200);
    await vi.waitFor(async () => expect(await short.claim('evt_old')).toBe('claimed'), eventually);
    // The default keeps ids 7 days.
    const defaults = store({ keyPrefix });
    await defaults.claim('evt_week');
    await defaults.complete('evt_week');
    expect(await connect().pttl(`${keyPrefix}:evt_week`)).toBeGreaterThan(7 * 24 * 60 * 60 * 1000 - 60_000);
  });

  it('fails closed while Redis is down: 503 with Retry-After, onEvent not called, onError told; then recovers', async () => {
    const own = await startRedisServer();
    try {
      const keyPrefix = uniquePrefix();
      const onEvent = vi.fn();
      const onError = vi.fn();
      const port = await startReceiver({
        store: createRedisWebhookEventStore({ redis: connect(own.url), keyPrefix }),
        onEvent,
        onError,
      });
      const body = testDelivery({ id: 'evt_outage' });
      await own.kill();
      const reply = await deliver(port, body);
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({ error: 'webhook_store_unavailable' });
      expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(onEvent).not.toHaveBeenCalled();
      expect(onError).toHaveBeenCalledWith(
        expect.any(ProviderUnavailableError),
        expect.objectContaining({ status: 503 }),
      );
      const restarted = await startRedisServer(own.port);
      try {
        await vi.waitFor(async () => expect((await deliver(port, body)).body).toEqual({ received: true }), eventually);
        expect(onEvent).toHaveBeenCalledTimes(1);
      } finally {
        await restarted.stop();
      }
    } finally {
      await own.stop();
    }
  });

  it('records a completion Redis missed once it is back, so no receiver processes the event again', async () => {
    const own = await startRedisServer();
    const keyPrefix = uniquePrefix();
    // Commands fail at once while disconnected (nothing queued to land late by itself), reconnecting every 20 ms.
    const immediate = async () => {
      const client = new Redis(own.url, { enableOfflineQueue: false, retryStrategy: () => 20 });
      client.on('error', () => {});
      clients.push(client);
      await once(client, 'ready');
      return client;
    };
    let restarted: RedisServerHandle | undefined;
    try {
      const first = createRedisWebhookEventStore({ redis: await immediate(), keyPrefix, leaseMs: 200 });
      expect(await first.claim('evt_unrecorded')).toBe('claimed');
      // onEvent ran; Redis crashes before the event is marked done.
      await own.kill();
      await expect(first.complete('evt_unrecorded')).rejects.toThrow(ProviderUnavailableError);
      // Back without the claim (it lapsed, or Redis restarted empty): the record must come from the first receiver.
      restarted = await startRedisServer(own.port);
      expect(await first.claim('evt_unrecorded')).toBe('done');
      const other = createRedisWebhookEventStore({ redis: await immediate(), keyPrefix });
      await vi.waitFor(async () => expect(await other.claim('evt_unrecorded')).toBe('done'), eventually);
    } finally {
      await restarted?.stop();
      await own.stop();
    }
  });

  it('refuses bad options with a ConfigError naming the option', () => {
    const redis = connect();
    expect(() => createRedisWebhookEventStore({ redis: {} as never })).toThrow(ConfigError);
    expect(() => createRedisWebhookEventStore({ redis, keyPrefix: ' ' })).toThrow(/keyPrefix/);
    expect(() => createRedisWebhookEventStore({ redis, ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => createRedisWebhookEventStore({ redis, leaseMs: 1.5 })).toThrow(/leaseMs/);
    expect(() => createRedisWebhookEventStore({ redis, ttlMs: 1000, leaseMs: 2000 })).toThrow(/leaseMs/);
    expect(() => createRedisWebhookEventStore({ redis, commandTimeoutMs: -1 })).toThrow(/commandTimeoutMs/);
  });
});
