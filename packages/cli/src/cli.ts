#!/usr/bin/env node
/** The `cardgw` executable: runs the command line against the real process's environment and streams. */
import { runCli } from './run-cli.js';

const stopped = new Promise<void>((resolve) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
});

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stopped,
});
process.exitCode = code;
// Whatever a command left open (a keep-alive socket, a signal listener) must not keep the terminal waiting.
process.stdout.write('', () => process.exit(code));
