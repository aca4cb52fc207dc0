import type { DepositAsset, DepositStatus } from '@cardgw/core/provider-utils';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../command-context.js';
import { parsePositiveInteger } from '../parse-arguments.js';
import { balanceFields, depositAddressColumns, depositColumns } from '../views.js';

/** `cardgw wallet balance|addresses|deposits`: served by the first healthy provider, which each result names. */
export function registerWalletCommands(program: Command, context: CommandContext): void {
  const wallet = program
    .command('wallet')
    .description("the account's wallet (the first healthy provider's: each result names its provider)");

  wallet
    .command('balance')
    .description('the wallet balance, pending deposits and totals')
    .action(async (_options: object, command: Command) => {
      await context.withGateway(command, async (gateway, output) => {
        output.record(await gateway.wallet.balance(), balanceFields);
      });
    });

  wallet
    .command('addresses')
    .description('crypto deposit addresses that fund the wallet')
    .option('--asset <asset>', 'one asset: btc, eth, sol or usdt (default: all)')
    .action(async (options: { asset?: DepositAsset }, command: Command) => {
      await context.withGateway(command, async (gateway, output) => {
        const addresses = await gateway.wallet.depositAddresses(
          options.asset === undefined ? {} : { asset: options.asset },
        );
        output.list(addresses, depositAddressColumns);
      });
    });

  wallet
    .command('deposits')
    .description('crypto deposits into the wallet (walks every page)')
    .addOption(
      new Option('--status <status>', 'only deposits in this status').choices(['pending', 'confirmed', 'expired']),
    )
    .option('--asset <asset>', 'only this asset: btc, eth, sol or usdt')
    .option('--limit <n>', 'stop after this many deposits', parsePositiveInteger)
    .action(async (options: { status?: DepositStatus; asset?: DepositAsset; limit?: number }, command: Command) => {
      await context.withGateway(command, async (gateway, output) => {
        const filters = {
          ...(options.status === undefined ? {} : { status: options.status }),
          ...(options.asset === undefined ? {} : { asset: options.asset }),
        };
        const deposits = await context.walk(gateway.wallet.deposits(filters), 'deposits', options.limit);
        output.list(deposits, depositColumns);
        output.note(`${deposits.length} deposit${deposits.length === 1 ? '' : 's'}`);
      });
    });
}
