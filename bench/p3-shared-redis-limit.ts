import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { usd } from '@cardgw/core';
import { createMemoryIssuer } from '@cardgw/core/memory';
import type { RestLimitOverrides } from '@cardgw/core/rest';
import { startRedisServer } from '../packages/core/src/rate-limit/test-support/redis-server.js';
import { quotaShare, recordCardGets } from './support/record-grants.js';
import type { Bench, BenchResult } from './types.js';

// P3: four processes, each a PrivCards adapter whose limiter is the Redis-backed one under one key prefix (one
// shared quota), hammering `cards.get` against one strict simulator (100 requests per 2 s, sliding window, 429
// beyond it) in this process, which counts what it granted and refused. Targets: ≥ 95% of the quota used together
// over three windows, no 429. A redis-server of its own is started for the run.

const limit = 100;
const windowMs = 2_000;
const windows = 3;
const processes = 4;
/** Calls in flight per process: together far more than the quota allows. */
const concurrency = 25;
/** Worker start-up (tsx, imports, Redis connection) is done well before this. */
const startDelayMs = 4_000;
/** Demand stays ahead of the quota past the measured span. */
const durationMs = windows * windowMs + 1_000;

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const workerPath = fileURLToPath(new URL('./support/p3-worker.ts', import.meta.url));

interface WorkerReport {
  readonly succeeded: number;
  readonly failed: number;
  readonly failures: Readonly<Record<string, number>>;
}

function runWorker(environment: Record<string, string>): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', workerPath], {
      cwd: repositoryRoot,
      env: { ...process.env, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`p3 worker exited with ${code}: ${errors.slice(-500)}`));
      try {
        resolve(JSON.parse(output) as WorkerReport);
      } catch {
        reject(new Error(`p3 worker printed no report: ${output.slice(-200)} ${errors.slice(-300)}`));
      }
    });
  });
}

const bench: Bench = async () => {
  const limits: RestLimitOverrides = { 'requests-per-minute': { limit, windowMs } };
  const redis = await startRedisServer();
  const recorded = recordCardGets(createMemoryIssuer({ provider: 'privcards' }));
  const simulator = await startPrivCardsSimulator({ limits, backend: recorded.backend });
  try {
    const card = await simulator.backend.cards.create({ binId: '491653', amount: usd(100), label: 'P3' });
    const environment = {
      BASE_URL: simulator.url,
      API_KEY: simulator.apiKey,
      CARD_ID: card.id,
      REDIS_URL: redis.url,
      KEY_PREFIX: `cardgw:bench-p3:${Date.now()}`,
      LIMIT: String(limit),
      WINDOW_MS: String(windowMs),
      START_AT: String(Date.now() + startDelayMs),
      DURATION_MS: String(durationMs),
      CONCURRENCY: String(concurrency),
    };
    const reports = await Promise.all(Array.from({ length: processes }, () => runWorker(environment)));
    // The simulator keeps its last 1,000 requests: more than the run makes (≈ 4 windows of 100, plus any 429).
    const tooMany = simulator.requests.filter((request) => request.status === 429).length;
    const share = quotaShare(recorded.grants, limit, windowMs, windows);
    const failed = reports.reduce((sum, report) => sum + report.failed, 0);
    const perProcess = reports.map((report) => report.succeeded).join(' + ');
    const result: BenchResult = {
      name: `P3 ${processes} processes sharing one Redis limit through the PrivCards adapter (${limit} per ${windowMs / 1000} s, ${windows} windows)`,
      value: `${(share * 100).toFixed(1)}% of quota, ${tooMany} × 429, ${failed} failed (calls served per process: ${perProcess})`,
      target: '≥ 95% of quota, 0 × 429',
      pass: share >= 0.95 && tooMany === 0 && failed === 0,
    };
    return [result];
  } finally {
    await simulator.close();
    await redis.stop();
  }
};

export default bench;
