import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type CryptoCardySimulator, startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { type PrivCardsSimulator, startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisServerHandle,
  startRedisServer,
} from '../../packages/core/src/rate-limit/test-support/redis-server.js';
import { type FaultProxy, startFaultProxy } from '../test-support/fault-proxy.js';

// Issue 13, "across processes": two processes with the providers in opposite orders repeat one idempotency key while
// the first call is still under way. Without a shared ledger each sends it to its own first provider: two cards.

const worker = fileURLToPath(new URL('./support/ledger-worker.ts', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

let server: RedisServerHandle;
let privcards: PrivCardsSimulator;
let cryptocardy: CryptoCardySimulator;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startRedisServer();
  privcards = await startPrivCardsSimulator();
  cryptocardy = await startCryptoCardySimulator();
  proxy = await startFaultProxy({ target: new URL(privcards.url).origin });
});

afterAll(async () => {
  await proxy?.close();
  await Promise.all([privcards?.close(), cryptocardy?.close()]);
  await server?.stop();
});

interface WorkerResult {
  readonly first: string;
  readonly card: string;
}

interface Worker {
  /** Resolves once the process has loaded and built its gateway. */
  readonly ready: Promise<void>;
  /** Lets the process make its call. */
  go(): void;
  readonly result: Promise<WorkerResult>;
}

function startWorker(environment: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', worker], {
    cwd: repositoryRoot,
    env: { ...process.env, ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  const ready = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      if (errors.includes('ready')) resolve();
    });
  });
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker exited with ${code}: ${errors.slice(0, 2000)}`));
      else resolve(JSON.parse(output) as WorkerResult);
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), result };
}

describe('two processes sharing one Redis creation-key ledger', () => {
  it('send one key, repeated by both while the first call is under way, to one provider: one card', async () => {
    // PrivCards issues the card at once; its answer takes 1.5 s to come back, so the second process's call arrives
    // while the first process's is under way.
    proxy.setFault({ kind: 'delay', ms: 1_500 });
    const common = {
      REDIS_URL: server.url,
      KEY_PREFIX: 'cardgw:test-shared-ledger',
      KEY: 'order-42',
      PRIVCARDS_URL: `${proxy.origin}/v1`,
      PRIVCARDS_API_KEY: privcards.apiKey,
      CRYPTOCARDY_URL: cryptocardy.url,
      CRYPTOCARDY_SEED: cryptocardy.seed,
    };
    const primary = startWorker({ ...common, ORDER: 'privcards,cryptocardy' });
    const secondary = startWorker({ ...common, ORDER: 'cryptocardy,privcards' });
    await Promise.all([primary.ready, secondary.ready]);
    primary.go();
    await new Promise((resolve) => setTimeout(resolve, 300));
    secondary.go();
    const [primaryFirst, secondaryFirst] = await Promise.all([primary.result, secondary.result]);

    expect(primaryFirst.card).toMatch(/^privcards:card_/);
    expect(secondaryFirst.first).toBe('idempotency_key_in_use');
    expect(secondaryFirst.card).toBe(primaryFirst.card);
    expect(privcards.backend.snapshot().cards).toHaveLength(1);
    expect(cryptocardy.backend.snapshot().cards).toHaveLength(0);
  }, 60_000);
});
