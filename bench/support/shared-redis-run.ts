import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '../../packages/core/src/rate-limit/test-support/redis-server.js';
import { startProviderProcess } from './start-provider-process.js';

/** P3's quota: 100 requests per window, measured over three windows. */
export const sharedLimit = 100;
export const sharedWindows = 3;
export const sharedProcesses = 4;
/** Calls in flight per process: together far more than the quota allows. */
const concurrency = 25;

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const workerPath = fileURLToPath(new URL('./p3-worker.ts', import.meta.url));

interface WorkerReport {
  readonly succeeded: number;
  readonly failed: number;
  readonly failures: Readonly<Record<string, number>>;
  readonly stateChanges: Readonly<Record<string, number>>;
}

export interface SharedRunOutcome {
  readonly share: number;
  readonly tooMany: number;
  readonly failed: number;
  /** Calls served per process, in process order. */
  readonly perProcess: readonly number[];
  /** How often a process's limiter fell back to local pacing (Redis slower than its command timeout). */
  readonly fallbacks: number;
}

interface Worker {
  readonly ready: Promise<void>;
  go(startAt: number): void;
  readonly report: Promise<WorkerReport>;
}

/** Starts one P3 worker; it prints `ready` once connected and starts on `go <epoch ms>` (start-up time never counts). */
function startWorker(environment: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', workerPath], {
    cwd: repositoryRoot,
    env: { ...process.env, ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const lines: string[] = [];
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') onReady();
    else lines.push(line);
  });
  const report = new Promise<WorkerReport>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`p3 worker exited with ${code}: ${errors.slice(-500)}`));
      try {
        resolve(JSON.parse(lines.at(-1) ?? '') as WorkerReport);
      } catch {
        reject(new Error(`p3 worker printed no report: ${lines.join('\n').slice(-200)} ${errors.slice(-300)}`));
      }
    });
  });
  report.catch(() => {});
  return {
    ready: Promise.race([ready, report.then(() => undefined)]),
    go: (startAt) => child.stdin.end(`go ${startAt}\n`),
    report,
  };
}

/**
 * P3: four processes, each a PrivCards adapter whose limiter is the Redis-backed one under one key prefix (one shared
 * quota), hammering `cards.get` for three windows and a second against one strict simulator (100 requests per
 * `windowMs`, sliding window, 429 beyond it) in a provider process of its own, behind a jitter proxy when `jitterMs` is
 * set. A redis-server of its own is started for the run.
 */
export async function runSharedRedis(options: {
  windowMs: number;
  jitterMs?: number | undefined;
}): Promise<SharedRunOutcome> {
  const { windowMs } = options;
  const redis = await startRedisServer();
  try {
    const provider = await startProviderProcess({
      limit: sharedLimit,
      windowMs,
      windows: sharedWindows,
      jitterMs: options.jitterMs,
    });
    const environment = {
      BASE_URL: provider.url,
      API_KEY: provider.apiKey,
      CARD_ID: provider.cardId,
      REDIS_URL: redis.url,
      KEY_PREFIX: `cardgw:bench-p3:${Date.now()}`,
      LIMIT: String(sharedLimit),
      WINDOW_MS: String(windowMs),
      EXPECTED_PROCESSES: String(sharedProcesses),
      // Demand stays ahead of the quota past the measured span.
      DURATION_MS: String(sharedWindows * windowMs + 1_000),
      CONCURRENCY: String(concurrency),
    };
    const workers = Array.from({ length: sharedProcesses }, () => startWorker(environment));
    await Promise.all(workers.map((worker) => worker.ready));
    const startAt = Date.now() + 200;
    for (const worker of workers) worker.go(startAt);
    const reports = await Promise.all(workers.map((worker) => worker.report));
    const counted = await provider.report();
    return {
      share: counted.share,
      tooMany: counted.tooMany,
      failed: reports.reduce((sum, report) => sum + report.failed, 0),
      perProcess: reports.map((report) => report.succeeded),
      fallbacks: reports.reduce((sum, report) => sum + (report.stateChanges.fallback ?? 0), 0),
    };
  } finally {
    await redis.stop();
  }
}

/** `100.0% of quota, 0 × 429, 0 failed (calls served per process: 75 + 75 + 75 + 75)`. */
export function describeSharedRun(outcome: SharedRunOutcome): string {
  return `${(outcome.share * 100).toFixed(1)}% of quota, ${outcome.tooMany} × 429, ${outcome.failed} failed (calls served per process: ${outcome.perProcess.join(' + ')}; ${outcome.fallbacks} fallbacks to local pacing)`;
}
