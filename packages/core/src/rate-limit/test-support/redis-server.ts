import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A throwaway redis-server on 127.0.0.1, for tests: no persistence unless asked, killed by `stop()`. */
export interface RedisServerHandle {
  readonly port: number;
  readonly url: string;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const missing =
  'redis-server is not on the PATH. The shared rate-limit tests need a real Redis: run `bash scripts/ensure-redis-server.sh` ' +
  '(installs it with apt-get) or `apt-get install -y redis-server`.';

/**
 * Starts redis-server on `port`, or on a free port (redis needs an explicit one: ask the OS, close, hand it over).
 * Rejects with a message saying how to install it when the binary is missing. With `persistIn` (a folder), every write
 * is fsynced to an append-only file there before Redis answers (`appendfsync always`), so a server killed and started
 * again on the same folder has every acknowledged write, as a production Redis configured for durability does.
 */
export async function startRedisServer(
  requestedPort?: number,
  options: { readonly persistIn?: string } = {},
): Promise<RedisServerHandle> {
  const port = requestedPort ?? (await freePort());
  const persistence =
    options.persistIn === undefined
      ? ['--appendonly', 'no']
      : ['--dir', options.persistIn, '--appendonly', 'yes', '--appendfsync', 'always'];
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--protected-mode', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new Error(missing) : error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code}:\n${output}`));
    });
  });
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => terminate(child, 'SIGKILL'),
    stop: () => terminate(child, 'SIGTERM'),
  };
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
