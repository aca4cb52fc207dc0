import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root and the built executable the end-to-end tests run. */
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const builtCli = join(repositoryRoot, 'packages/cli/dist/cli.js');

/** What a finished `cardgw` process left behind. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The process environment without any `CARDGW_*`, provider credential or colour setting of the machine running the
 * tests, plus `extra`: each run sees exactly the variables its test gives it, as a user's shell would.
 */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(CARDGW_|PRIVCARDS_|CRYPTOCARDY_|FORCE_COLOR|NO_COLOR)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs the BUILT `cardgw` (node dist/cli.js) as a child process, stdin closed (not a terminal), to its end. */
export function runBuiltCli(args: readonly string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [builtCli, ...args],
      { env, cwd: repositoryRoot, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: child.exitCode, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

/** Runs a shell command line (the README's) from the repository root, to its end. */
export function runShellLine(line: string, env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', line], { env, cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Builds the packages (`pnpm build`) when one the CLI runs has no `dist/`, or one older than a source file of its own:
 * `pnpm test` builds before it runs vitest, a lone `vitest run` may not have.
 */
export async function ensureBuilt(): Promise<void> {
  const packages = ['core', 'adapter-privcards', 'adapter-cryptocardy', 'cli'];
  const stale = packages.some((name) => {
    const built = join(repositoryRoot, 'packages', name, 'dist', 'index.js');
    const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
    return builtAt <= newestSourceFile(join(repositoryRoot, 'packages', name, 'src'));
  });
  if (!stale) return;
  const run = await runShellLine('npx -y pnpm@10 build', { ...process.env });
  if (run.code !== 0) throw new Error(`pnpm build failed (exit ${run.code}):\n${run.stderr.slice(-2_000)}`);
}

function newestSourceFile(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceFile(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}
