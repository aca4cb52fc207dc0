import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** What the provider process serves, and how to get its count. */
export interface ProviderProcess {
  readonly url: string;
  readonly apiKey: string;
  readonly cardId: string;
  /** Stops it, returning the share of the quota it executed over the measured windows and its 429 count. */
  report(): Promise<{ readonly share: number; readonly tooMany: number }>;
}

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const script = fileURLToPath(new URL('./provider-process.ts', import.meta.url));

/** Starts bench/support/provider-process.ts (see there) and waits until it serves. */
export async function startProviderProcess(settings: {
  readonly limit: number;
  readonly windowMs: number;
  readonly windows: number;
  readonly jitterMs?: number | undefined;
}): Promise<ProviderProcess> {
  const environment: Record<string, string> = {
    LIMIT: String(settings.limit),
    WINDOW_MS: String(settings.windowMs),
    WINDOWS: String(settings.windows),
  };
  if (settings.jitterMs !== undefined) environment.JITTER_MS = String(settings.jitterMs);
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repositoryRoot,
    env: { ...process.env, ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`provider process exited with ${code}: ${errors.slice(-500)}`))),
  );
  exited.catch(() => {});
  const nextLine = async (): Promise<string> => {
    const line = await Promise.race([lines.next(), exited]);
    if (line.done) throw new Error(`provider process closed its output: ${errors.slice(-500)}`);
    return line.value;
  };
  const served = JSON.parse(await nextLine()) as { url: string; apiKey: string; cardId: string };
  return {
    ...served,
    report: async () => {
      child.stdin.write('report\n');
      const counted = JSON.parse(await nextLine()) as { share: number; tooMany: number };
      child.stdin.end();
      return counted;
    },
  };
}
