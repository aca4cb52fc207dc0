import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { parseList } from '../parse-arguments.js';
import { binColumns } from '../views.js';

/** `cardgw bins list [--network N] [--best-for uses]`: the BINs cards can be issued from. */
export function registerBinsCommands(program: Command, context: CommandContext): void {
  const bins = program.command('bins').description('the BINs cards are issued from');
  bins
    .command('list')
    .description(
      'BINs, optionally only those matching a network and uses (the filters apply here: no API filters BINs)',
    )
    .option('--network <network>', 'only this network (visa, mastercard)')
    .option('--best-for <uses>', 'only BINs best for every one of these comma-separated uses', parseList)
    .action(async (options: { network?: string; bestFor?: string[] }, command: Command) => {
      await context.withGateway(command, async (gateway, output) => {
        const all = await context.walk(gateway.bins.list(), 'BINs');
        const wanted = options.network?.toLowerCase();
        const uses = options.bestFor ?? [];
        const matching = all.filter(
          (bin) =>
            (wanted === undefined || bin.network.toLowerCase() === wanted) &&
            uses.every((use) => bin.bestFor.includes(use)),
        );
        output.list(matching, binColumns);
        output.note(`${matching.length} of ${all.length} BINs`);
      });
    });
}
