/**
 * `@cardgw/cli`: the `cardgw` command-line tool. The executable is the package's `bin`; this entry point exposes what
 * scripts wrapping it may need: `runCli` (to run it in-process with streams of your own) and its exit codes.
 *
 * @module @cardgw/cli
 */
export type { CliIo } from './command-context.js';
export { type ExitCode, exitCodeFor, exitCodes } from './exit-codes.js';
export { runCli } from './run-cli.js';
