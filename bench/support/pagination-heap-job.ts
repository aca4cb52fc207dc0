import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RestLimitOverrides } from '@cardgw/rest-dialect';
import type { IterationHeap } from './heap-growth.js';

/** What the P4 child measures: the in-memory issuer it seeds itself, or the PrivCards adapter against a simulator. */
export type PaginationHeapJob =
  | { readonly backend: 'memory'; readonly transactions: number; readonly perPage: number }
  | {
      readonly backend: 'adapter';
      readonly baseUrl: string;
      readonly apiKey: string;
      readonly cardId: string;
      /** The size of the simulator's pages, to sample once per page. */
      readonly perPage: number;
      /** The adapter's quotas, raised above what the walk sends. */
      readonly limits: RestLimitOverrides;
    };

/** The environment variable the job travels in (not argv: the key would show in `ps`). */
export const paginationHeapJobVariable = 'CARDGW_BENCH_JOB';

const childEntry = fileURLToPath(new URL('./pagination-heap-child.ts', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs the job in a fresh `node --expose-gc --import tsx` process (a clean heap with `global.gc`, whatever flags the
 * bench runner was started with) and resolves to the `IterationHeap` it prints.
 */
export function runPaginationHeapChild(job: PaginationHeapJob): Promise<IterationHeap> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', childEntry], {
      cwd: repositoryRoot,
      env: { ...process.env, [paginationHeapJobVariable]: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.trim().split('\n').at(-1);
      if (code !== 0 || line === undefined || line === '') {
        reject(
          new Error(`pagination heap child exited with ${code}: ${errors.trim().split('\n').slice(-3).join(' ')}`),
        );
        return;
      }
      resolve(JSON.parse(line) as IterationHeap);
    });
  });
}
