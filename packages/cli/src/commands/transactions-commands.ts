import type { TransactionType } from '@cardgw/core/provider-utils';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../command-context.js';
import { createCsvWriter } from '../output.js';
import { parseDollars, parseIsoDate, parsePositiveInteger } from '../parse-arguments.js';
import { transactionColumns, transactionCsvColumns } from '../views.js';

interface TransactionsListOptions {
  readonly card?: string;
  readonly type?: TransactionType;
  readonly from?: string;
  readonly to?: string;
  readonly merchant?: string;
  readonly minAmount?: import('@cardgw/core').Money;
  readonly maxAmount?: import('@cardgw/core').Money;
  readonly csv?: boolean;
  readonly limit?: number;
}

/** `cardgw transactions list`: a table, `--json`, or a streamed `--csv` export. */
export function registerTransactionsCommands(program: Command, context: CommandContext): void {
  const transactions = program.command('transactions').description('card transactions');
  transactions
    .command('list')
    .description('transactions, newest first (walks every page; --csv streams them as they arrive)')
    .option('--card <card-id>', "only this card's transactions")
    .addOption(
      new Option('--type <type>', 'only this type').choices(['authorization', 'settlement', 'refund', 'decline']),
    )
    .option('--from <date>', 'from this ISO 8601 date or date-time, inclusive', parseIsoDate)
    .option('--to <date>', 'up to this ISO 8601 date or date-time, inclusive', parseIsoDate)
    .option('--merchant <text>', 'merchant name contains this text')
    .option('--min-amount <dollars>', 'absolute amount at least this', parseDollars)
    .option('--max-amount <dollars>', 'absolute amount at most this', parseDollars)
    .option('--csv', 'write CSV to standard output (amounts as signed dollars: -12.50)')
    .option('--limit <n>', 'stop after this many transactions', parsePositiveInteger)
    .action(async (options: TransactionsListOptions, command: Command) => {
      await context.withGateway(command, async (gateway, output) => {
        if (options.csv === true && output.json) {
          command.error('cardgw: --csv and --json are two formats: choose one', { exitCode: 2, code: 'cardgw.usage' });
        }
        const pages = gateway.transactions.list({
          ...(options.card === undefined ? {} : { cardId: options.card }),
          ...(options.type === undefined ? {} : { type: options.type }),
          ...(options.from === undefined ? {} : { from: options.from }),
          ...(options.to === undefined ? {} : { to: options.to }),
          ...(options.merchant === undefined ? {} : { merchant: options.merchant }),
          ...(options.minAmount === undefined ? {} : { minAmount: options.minAmount }),
          ...(options.maxAmount === undefined ? {} : { maxAmount: options.maxAmount }),
        });
        if (options.csv === true) {
          const write = createCsvWriter(context.io.stdout, transactionCsvColumns);
          const count = await context.stream(pages, 'transactions', options.limit, write);
          output.note(`${count} transaction${count === 1 ? '' : 's'} exported`);
          return;
        }
        const list = await context.walk(pages, 'transactions', options.limit);
        output.list(list, transactionColumns);
        output.note(`${list.length} transaction${list.length === 1 ? '' : 's'}`);
      });
    });
}
