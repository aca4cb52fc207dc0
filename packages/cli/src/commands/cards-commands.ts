import type { CardStatus, CreateCardInput, Money } from '@cardgw/core';
import type { BinCriteria } from '@cardgw/core/provider-utils';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../command-context.js';
import { confirm } from '../confirm.js';
import { NotConfirmedError } from '../not-confirmed-error.js';
import { parseDollars, parseList, parsePositiveInteger } from '../parse-arguments.js';
import {
  cardColumns,
  cardFields,
  detailsFields,
  detailsJson,
  freezeFields,
  fundingFields,
  terminationFields,
} from '../views.js';
import { type IdempotencyOption, idempotencyOption, requestOptions } from './request-options.js';

/** `cardgw cards list|get|create|fund|withdraw|freeze|unfreeze|terminate|details`. */
export function registerCardsCommands(program: Command, context: CommandContext): void {
  const cards = program.command('cards').description('issue, fund, freeze and terminate virtual cards');

  cards
    .command('list')
    .description('every card of the account (walks every page)')
    .addOption(new Option('--status <status>', 'only cards in this status').choices(['active', 'frozen', 'terminated']))
    .option('--bin <id>', "only cards issued from this BIN (the provider's BIN id, e.g. 491653)")
    .option('--label <text>', 'only cards whose label contains this text')
    .option('--limit <n>', 'stop after this many cards', parsePositiveInteger)
    .action(
      async (
        options: { status?: Exclude<CardStatus, 'pending'>; bin?: string; label?: string; limit?: number },
        command: Command,
      ) => {
        await context.withGateway(command, async (gateway, output) => {
          const filters = {
            ...(options.status === undefined ? {} : { status: options.status }),
            ...(options.bin === undefined ? {} : { binId: options.bin }),
            ...(options.label === undefined ? {} : { label: options.label }),
          };
          const list = await context.walk(gateway.cards.list(filters), 'cards', options.limit);
          output.list(list, cardColumns);
          output.note(`${list.length} card${list.length === 1 ? '' : 's'}`);
        });
      },
    );

  cards
    .command('get')
    .description('one card')
    .argument('<card-id>', 'the qualified card id, e.g. privcards:card_000001')
    .action(async (cardId: string, _options: object, command: Command) => {
      await context.withGateway(command, async (gateway, output) => {
        output.record(await gateway.cards.get(cardId), cardFields);
      });
    });

  cards
    .command('create')
    .description('issue a card, from a BIN id or from the best BIN matching criteria')
    .requiredOption(
      '--amount <dollars>',
      'initial funding in dollars, debited from the wallet (1.00 to 5000.00)',
      parseDollars,
    )
    .option('--bin <id>', 'issue from this BIN (491653, or privcards:491653 to pin a provider)')
    .option('--network <network>', 'criteria: the card network (visa, mastercard)')
    .option(
      '--best-for <uses>',
      'criteria: comma-separated uses the BIN must be best for (meta_ads,google_ads)',
      parseList,
    )
    .option('--three-ds', 'criteria: the BIN must support 3-D Secure')
    .option('--label <text>', 'a label of at most 64 characters')
    .option('--spending-limit <dollars>', 'monthly spending limit in dollars (default: the BIN maximum)', parseDollars)
    .option('--categories <list>', 'comma-separated merchant categories to allow (default: all)', parseList)
    .addOption(idempotencyOption())
    .action(
      async (
        options: IdempotencyOption & {
          amount: Money;
          bin?: string;
          network?: string;
          bestFor?: string[];
          threeDs?: boolean;
          label?: string;
          spendingLimit?: Money;
          categories?: string[];
        },
        command: Command,
      ) => {
        const criteria: BinCriteria = {
          ...(options.network === undefined ? {} : { network: options.network }),
          ...(options.bestFor === undefined ? {} : { bestFor: options.bestFor }),
          ...(options.threeDs === true ? { threeDS: true } : {}),
        };
        if (options.bin !== undefined && Object.keys(criteria).length > 0) {
          command.error('cardgw: give either --bin or criteria (--network, --best-for, --three-ds), not both', {
            exitCode: 2,
            code: 'cardgw.usage',
          });
        }
        const fields = {
          amount: options.amount,
          ...(options.label === undefined ? {} : { label: options.label }),
          ...(options.spendingLimit === undefined ? {} : { spendingLimit: options.spendingLimit }),
          ...(options.categories === undefined ? {} : { allowedCategories: options.categories }),
        };
        const input: CreateCardInput =
          options.bin === undefined ? { ...fields, bin: criteria } : { ...fields, binId: options.bin };
        await context.withGateway(command, async (gateway, output) => {
          output.record(await gateway.cards.create(input, requestOptions(options)), cardFields);
        });
      },
    );

  for (const direction of ['fund', 'withdraw'] as const) {
    cards
      .command(direction)
      .description(
        direction === 'fund'
          ? 'move money from the wallet onto a card (1.00 to 5000.00 dollars)'
          : "move money from a card back to the wallet (at most the card's balance)",
      )
      .argument('<card-id>', 'the qualified card id')
      .argument('<dollars>', 'the amount in dollars, e.g. 200 or 12.50', parseDollars)
      .addOption(idempotencyOption())
      .action(async (cardId: string, amount: Money, options: IdempotencyOption, command: Command) => {
        await context.withGateway(command, async (gateway, output) => {
          const funding = await gateway.cards[direction](cardId, { amount }, requestOptions(options));
          output.record(funding, fundingFields);
        });
      });
  }

  cards
    .command('freeze')
    .description('stop a card from authorizing purchases (reversible)')
    .argument('<card-id>', 'the qualified card id')
    .addOption(idempotencyOption())
    .action(async (cardId: string, options: IdempotencyOption, command: Command) => {
      await context.withGateway(command, async (gateway, output) => {
        output.record(await gateway.cards.freeze(cardId, requestOptions(options)), freezeFields);
      });
    });

  cards
    .command('unfreeze')
    .description('let a frozen card authorize purchases again')
    .argument('<card-id>', 'the qualified card id')
    .addOption(idempotencyOption())
    .action(async (cardId: string, options: IdempotencyOption, command: Command) => {
      await context.withGateway(command, async (gateway, output) => {
        output.record(await gateway.cards.unfreeze(cardId, requestOptions(options)), cardFields);
      });
    });

  cards
    .command('terminate')
    .description('close a card for good; its balance returns to the wallet (asks first, unless --yes)')
    .argument('<card-id>', 'the qualified card id')
    .option('-y, --yes', 'do not ask for confirmation (required when not run from a terminal)')
    .addOption(idempotencyOption())
    .action(async (cardId: string, options: IdempotencyOption & { yes?: boolean }, command: Command) => {
      if (options.yes !== true) {
        const answer = await confirm(`Terminate card ${cardId}? This cannot be undone.`, context.io);
        if (answer === undefined) {
          throw new NotConfirmedError(`not terminating ${cardId}: no terminal to confirm on; pass --yes to terminate`);
        }
        if (!answer) throw new NotConfirmedError(`not terminating ${cardId}: not confirmed`);
      }
      await context.withGateway(command, async (gateway, output) => {
        output.record(await gateway.cards.terminate(cardId, requestOptions(options)), terminationFields);
      });
    });

  cards
    .command('details')
    .description('the card number, CVV and expiry: masked unless --reveal')
    .argument('<card-id>', 'the qualified card id')
    .option('--reveal', 'print the full card number and the CVV (PCI-sensitive: mind your terminal and logs)')
    .action(async (cardId: string, options: { reveal?: boolean }, command: Command) => {
      const reveal = options.reveal === true;
      await context.withGateway(command, async (gateway, output) => {
        const details = await gateway.cards.details(cardId);
        output.record(details, detailsFields(reveal), (value) => detailsJson(value, reveal));
      });
    });
}
