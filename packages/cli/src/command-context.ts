import type { Gateway } from '@cardgw/core';
import type { Command } from 'commander';
import type { ConfirmationStreams } from './confirm.js';
import { openGateway } from './open-gateway.js';
import { createOutput, type Output, type OutputStreams } from './output.js';
import { createProgress } from './progress.js';

/** What the CLI runs with: its environment and standard streams (the real process's, or a test's). */
export interface CliIo extends OutputStreams {
  /** Where `terminate` asks for confirmation (only when it is a terminal). */
  readonly stdin: ConfirmationStreams['stdin'];
  /** Read for `CARDGW_*`, `{ "env" }` references, the adapters' own variables and `--secret-env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * For long-running commands (`webhooks listen`): resolves when the user asks the process to stop (Ctrl-C, SIGTERM),
   * so the command ends cleanly. A process whose command never asked is interrupted at once (exit code 130).
   */
  waitForStop(): Promise<void>;
}

/** The global options, declared on the root command. */
export interface GlobalOptions {
  readonly config?: string | undefined;
  readonly simulators?: boolean | undefined;
  readonly json?: boolean | undefined;
}

/** What a command's action needs: the io, its output, and a gateway built from the global options. */
export interface CommandContext {
  readonly io: CliIo;
  /** The output for `command`, honouring the global `--json`. */
  output(command: Command): Output;
  /** Opens the gateway the global options describe, runs `use`, and always closes it (and the simulators). */
  withGateway(command: Command, use: (gateway: Gateway, output: Output) => Promise<void>): Promise<void>;
  /** Every item of a list, walked page by page with a progress indicator on a terminal; at most `limit` items. */
  walk<Item>(pages: AsyncIterable<Item>, noun: string, limit?: number | undefined): Promise<Item[]>;
  /** The exit code when the command ends without throwing (0 unless a command says otherwise, as `health` does). */
  readonly exitCode: number;
  /** Sets the exit code of a command that completes but reports a failure. */
  setExitCode(code: number): void;
  /** Like `walk`, but hands each item to `each` as it arrives (for streaming CSV). Resolves the count. */
  stream<Item>(
    pages: AsyncIterable<Item>,
    noun: string,
    limit: number | undefined,
    each: (item: Item) => void,
  ): Promise<number>;
}

/** The global options of the command being run. */
export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** The context every command is registered with. */
export function createCommandContext(io: CliIo): CommandContext {
  const stream: CommandContext['stream'] = async (pages, noun, limit, each) => {
    const progress = createProgress(io.stderr, noun);
    let count = 0;
    try {
      if (limit === 0) return 0;
      for await (const item of pages) {
        each(item);
        count++;
        progress.update(count);
        if (limit !== undefined && count >= limit) break;
      }
      return count;
    } finally {
      progress.stop();
    }
  };
  let exitCode = 0;
  return {
    io,
    get exitCode() {
      return exitCode;
    },
    setExitCode(code) {
      exitCode = code;
    },
    output: (command) => createOutput(globalOptions(command).json === true, io),
    async withGateway(command, use) {
      const options = globalOptions(command);
      const opened = await openGateway(options, io.env);
      try {
        await use(opened.gateway, createOutput(options.json === true, io));
      } finally {
        await opened.close();
      }
    },
    async walk<Item>(pages: AsyncIterable<Item>, noun: string, limit?: number | undefined) {
      const items: Item[] = [];
      await stream(pages, noun, limit, (item) => items.push(item));
      return items;
    },
    stream,
  };
}
