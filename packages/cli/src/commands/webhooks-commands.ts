import type { WebhookSubscription } from '@cardgw/core/provider-utils';
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { parseList, parseVariableName } from '../parse-arguments.js';
import { readSecretVariable } from '../read-secret-variable.js';
import { webhookColumns, webhookJson } from '../views.js';
import { type IdempotencyOption, idempotencyOption, requestOptions } from './request-options.js';
import { registerWebhooksListenCommand } from './webhooks-listen-command.js';

const revealDescription = 'print the signing secrets (sensitive: mind your terminal and logs)';

/** `cardgw webhooks list|create|delete|listen`. */
export function registerWebhooksCommands(program: Command, context: CommandContext): void {
  const webhooks = program.command('webhooks').description('webhook endpoints, and a local receiver for deliveries');

  webhooks
    .command('list')
    .description('registered endpoints (signing secrets hidden unless --reveal)')
    .option('--reveal', revealDescription)
    .action(async (options: { reveal?: boolean }, command: Command) => {
      const reveal = options.reveal === true;
      await context.withGateway(command, async (gateway, output) => {
        const endpoints = await context.walk(gateway.webhooks.list(), 'endpoints');
        output.list(endpoints, webhookColumns(reveal), (endpoint) => webhookJson(endpoint, reveal));
      });
    });

  webhooks
    .command('create')
    .description('register an endpoint (HTTPS for real providers)')
    .requiredOption('--url <url>', 'where deliveries are POSTed')
    .option('--events <names>', 'comma-separated event names, or * for every event', parseList, ['*'])
    .option(
      '--secret-env <name>',
      'sign deliveries with the secret in this environment variable (default: the provider generates one)',
      parseVariableName,
    )
    .option('--reveal', 'print the signing secret the provider generated (you need it to verify deliveries)')
    .addOption(idempotencyOption())
    .action(
      async (
        options: IdempotencyOption & { url: string; events: string[]; secretEnv?: string; reveal?: boolean },
        command: Command,
      ) => {
        const reveal = options.reveal === true;
        const secret =
          options.secretEnv === undefined ? undefined : readSecretVariable(context.io.env, options.secretEnv);
        await context.withGateway(command, async (gateway, output) => {
          const endpoint = await gateway.webhooks.create(
            {
              url: options.url,
              events: options.events as WebhookSubscription[],
              ...(secret === undefined ? {} : { secret }),
            },
            requestOptions(options),
          );
          output.record(endpoint, webhookColumns(reveal), (value) => webhookJson(value, reveal));
          if (!reveal && secret === undefined)
            output.note('the signing secret is hidden: list with --reveal to see it');
        });
      },
    );

  webhooks
    .command('delete')
    .description('remove an endpoint')
    .argument('<webhook-id>', 'the qualified endpoint id')
    .addOption(idempotencyOption())
    .action(async (webhookId: string, options: IdempotencyOption, command: Command) => {
      await context.withGateway(command, async (gateway, output) => {
        await gateway.webhooks.delete(webhookId, requestOptions(options));
        output.record({ id: webhookId, deleted: true }, [
          { heading: 'id', cell: (value) => value.id },
          { heading: 'deleted', cell: () => 'yes' },
        ]);
      });
    });

  registerWebhooksListenCommand(webhooks, context);
}
