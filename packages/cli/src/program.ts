import { createRequire } from 'node:module';
import { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import { registerBinsCommands } from './commands/bins-commands.js';
import { registerCardsCommands } from './commands/cards-commands.js';
import { registerHealthCommand } from './commands/health-commands.js';
import { registerThreeDSCommands } from './commands/three-ds-commands.js';
import { registerTransactionsCommands } from './commands/transactions-commands.js';
import { registerWalletCommands } from './commands/wallet-commands.js';
import { registerWebhooksCommands } from './commands/webhooks-commands.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The `cardgw` command tree (commander), its output routed to the context's streams. */
export function createProgram(context: CommandContext): Command {
  const program = new Command('cardgw')
    .description(
      'Manage virtual cards through cardgw: the same gateway, config and environment variables as the library.',
    )
    .version(version)
    .option('--config <file>', 'a JSON gateway config (default: the CARDGW_* environment variables)')
    .option('--simulators', "run against both providers' local simulators, started in this process (no account needed)")
    .option('--json', 'print one JSON document on standard output, for scripts')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    });
  registerCardsCommands(program, context);
  registerTransactionsCommands(program, context);
  registerWalletCommands(program, context);
  registerBinsCommands(program, context);
  registerThreeDSCommands(program, context);
  registerWebhooksCommands(program, context);
  registerHealthCommand(program, context);
  // Every subcommand inherits the overrides: exit codes are decided in one place (runCli), output goes to the context.
  for (const command of allCommands(program)) {
    command.exitOverride().configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    });
    command.showHelpAfterError();
  }
  return program;
}

function* allCommands(command: Command): Generator<Command> {
  for (const child of command.commands) {
    yield child;
    yield* allCommands(child);
  }
}
