import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usd } from '../../../packages/core/src/domain/money.js';
import { ConfigError, ProviderUnavailableError } from '../../../packages/core/src/errors/index.js';
import { createFailoverIssuer } from '../../../packages/core/src/gateway/failover-issuer.js';
import { createMemoryCreationKeyLedger } from '../../../packages/core/src/gateway/memory-creation-key-ledger.js';
import { createRedisCreationKeyLedger } from '../../../packages/core/src/gateway/redis-creation-key-ledger.js';
import {
  type RedisServerHandle,
  startRedisServer,
} from '../../../packages/core/src/rate-limit/test-support/redis-server.js';

let server: RedisServerHandle;
const clients: Redis[] = [];

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.stop();
});

function client(url = server.url): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  redis.on('error', () => {});
  clients.push(redis);
  return redis;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  ['in memory', () => createMemoryCreationKeyLedger({ leaseMs: 100, ttlMs: 400 })],
  [
    'on Redis, two clients',
    () => createRedisCreationKeyLedger({ redis: client(), keyPrefix: 'test-semantics', leaseMs: 100, ttlMs: 400 }),
  ],
])('the creation-key ledger %s', (_name, makeLedger) => {
  it('gives a key to one holder, and tells the others where it went', async () => {
    const ledger = makeLedger();
    const key = `cards.create:k-${Math.random()}`;
    expect(await ledger.claim(key, 'a')).toEqual({ claimed: true });
    expect(await ledger.claim(key, 'b')).toEqual({
      claimed: false,
      entry: { state: 'in_flight', provider: undefined },
    });
    expect(await ledger.assign(key, 'b', 'beta')).toBe(false);
    expect(await ledger.assign(key, 'a', 'alpha')).toBe(true);
    expect(await ledger.claim(key, 'b')).toEqual({ claimed: false, entry: { state: 'in_flight', provider: 'alpha' } });
    await ledger.finish(key, 'a', 'succeeded');
    expect(await ledger.claim(key, 'b')).toEqual({ claimed: false, entry: { state: 'succeeded', provider: 'alpha' } });
  });

  it('frees a key its holder never sent when the lease runs out, and keeps one it sent with its provider', async () => {
    const ledger = makeLedger();
    const unsent = `cards.create:unsent-${Math.random()}`;
    const sent = `cards.create:sent-${Math.random()}`;
    await ledger.claim(unsent, 'crashed');
    await ledger.claim(sent, 'crashed');
    await ledger.assign(sent, 'crashed', 'alpha');
    await sleep(150);
    expect(await ledger.claim(unsent, 'b')).toEqual({ claimed: true });
    expect(await ledger.claim(sent, 'b')).toEqual({ claimed: false, entry: { state: 'unknown', provider: 'alpha' } });
  });

  it('forgets a released key at once and any other after its TTL', async () => {
    const ledger = makeLedger();
    const released = `cards.create:released-${Math.random()}`;
    const kept = `cards.create:kept-${Math.random()}`;
    await ledger.claim(released, 'a');
    await ledger.assign(released, 'a', 'alpha');
    await ledger.finish(released, 'a', 'released');
    expect(await ledger.claim(released, 'b')).toEqual({ claimed: true });
    await ledger.claim(kept, 'a');
    await ledger.assign(kept, 'a', 'alpha');
    await ledger.finish(kept, 'a', 'unknown');
    expect((await ledger.claim(kept, 'b')).claimed).toBe(false);
    await sleep(500);
    expect(await ledger.claim(kept, 'b')).toEqual({ claimed: true });
  });
});

describe('createRedisCreationKeyLedger options', () => {
  it('refuses something that is not a Redis client, and durations that are not positive integers', () => {
    expect(() => createRedisCreationKeyLedger({ redis: {} as never })).toThrow(ConfigError);
    expect(() => createRedisCreationKeyLedger({ redis: client(), ttlMs: 0 })).toThrow('ttlMs');
    expect(() => createRedisCreationKeyLedger({ redis: client(), keyPrefix: '' })).toThrow('keyPrefix');
  });
});

describe('the failover composite when its Redis ledger is unreachable', () => {
  it('sends nothing: ProviderUnavailableError creation_ledger_unavailable, no card anywhere', async () => {
    const own = await startRedisServer();
    const alpha = createMemoryIssuer({ provider: 'alpha' });
    const beta = createMemoryIssuer({ provider: 'beta' });
    const ledger = createRedisCreationKeyLedger({ redis: client(own.url), commandTimeoutMs: 300 });
    const composite = createFailoverIssuer([alpha, beta], { ledger });
    try {
      const card = await composite.cards.create({ binId: '491653', amount: usd(10) }, { idempotencyKey: 'order-1' });
      expect(card.provider).toBe('alpha');
      await own.kill();

      const error = await composite.cards
        .create({ binId: '491653', amount: usd(10) }, { idempotencyKey: 'order-2' })
        .catch((caught) => caught);
      expect(ProviderUnavailableError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'creation_ledger_unavailable' });
      expect(error.message).toContain('order-2');
      expect(alpha.snapshot().cards).toHaveLength(1);
      expect(beta.snapshot().cards).toHaveLength(0);
    } finally {
      await own.kill();
    }
  });

  it('never moves a claimed key when the ledger fails between two providers: the key stays with the first', async () => {
    const alpha = createMemoryIssuer({ provider: 'alpha' });
    const beta = createMemoryIssuer({ provider: 'beta' });
    const memory = createMemoryCreationKeyLedger();
    // The ledger goes away after the first assignment: the second assignment and the end both fail.
    let down = false;
    const ledger = {
      claim: memory.claim,
      assign: async (key: string, holder: string, provider: string) => {
        if (down) throw new Error('ECONNRESET');
        down = true;
        return memory.assign(key, holder, provider);
      },
      finish: async () => {
        throw new Error('ECONNRESET');
      },
    };
    const composite = createFailoverIssuer([alpha, beta], { ledger });
    alpha.faults.failNext('cards.create', new ProviderUnavailableError('refused', { code: 'connection_failed' }));

    const error = await composite.cards
      .create({ binId: '491653', amount: usd(10) }, { idempotencyKey: 'order-3' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'creation_ledger_unavailable' });
    expect(beta.snapshot().cards).toHaveLength(0);
    // Once the ledger answers again, the repeat goes to the provider the key was last recorded for.
    expect(await memory.claim('cards.create:order-3', 'other')).toEqual({
      claimed: false,
      entry: { state: 'in_flight', provider: 'alpha' },
    });
  });
});
