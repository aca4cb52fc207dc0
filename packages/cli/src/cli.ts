#!/usr/bin/env node
/** The `cardgw` executable: runs the command line against the real process's environment and streams. */
import { exitCodes } from './exit-codes.js';
import { runCli } from './run-cli.js';

let stopWanted = false;
let stop: () => void = () => {};
const stopped = new Promise<void>((resolve) => {
  stop = resolve;
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A listener ends cleanly; any other command is simply interrupted, as a shell expects of Ctrl-C.
    if (stopWanted) stop();
    else process.exit(exitCodes.interrupted);
  });
}

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  waitForStop: () => {
    stopWanted = true;
    return stopped;
  },
});
process.exitCode = code;
// Whatever a command left open (a keep-alive socket, a signal listener) must not keep the terminal waiting.
process.stdout.write('', () => process.exit(code));
