import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cryptocardyWebhookMapper } from '@cardgw/adapter-cryptocardy';
import { privcardsWebhookMapper } from '@cardgw/adapter-privcards';
import { createWebhookHandler, type Gateway, type Secret, usd, type WebhookEvent } from '@cardgw/core';
import type { WebhookRequestResult } from '@cardgw/core/provider-utils';
import { type Command, Option } from 'commander';
import colors from 'picocolors';
import { type CommandContext, globalOptions } from '../command-context.js';
import { parsePort, parsePositiveInteger, parseVariableName } from '../parse-arguments.js';
import { readSecretVariable } from '../read-secret-variable.js';

const mappers = { privcards: privcardsWebhookMapper, cryptocardy: cryptocardyWebhookMapper } as const;

interface ListenOptions {
  readonly port: number;
  readonly host: string;
  readonly secretEnv: string;
  readonly provider: keyof typeof mappers;
  readonly maxEvents?: number;
}

/**
 * `cardgw webhooks listen --port N --secret-env NAME`: a local receiver built on core's `createWebhookHandler`
 * (HMAC-SHA256 over the raw body, redelivery de-duplication), printing each verified delivery as it arrives, one line
 * each (one JSON document per line with `--json`). Refused deliveries (bad signature, stale, malformed) are reported
 * on standard error with the status answered. Runs until Ctrl-C or `--max-events`. With `--simulators`, it registers
 * itself at the PrivCards simulator and issues a sample card, so deliveries arrive at once.
 */
export function registerWebhooksListenCommand(webhooks: Command, context: CommandContext): void {
  webhooks
    .command('listen')
    .description('receive, verify and print webhook deliveries until Ctrl-C')
    .requiredOption('--port <port>', 'the port to listen on (0: any free port, printed on start)', parsePort)
    .requiredOption('--secret-env <name>', 'the environment variable holding the signing secret', parseVariableName)
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .addOption(
      new Option('--provider <name>', 'whose event format to expect')
        .choices(Object.keys(mappers))
        .default('privcards'),
    )
    .option('--max-events <n>', 'stop after printing this many deliveries', parsePositiveInteger)
    .action(async (options: ListenOptions, command: Command) => {
      const secret = readSecretVariable(context.io.env, options.secretEnv);
      const json = globalOptions(command).json === true;
      const { io } = context;
      let printed = 0;
      let reachedMaximum: () => void = () => {};
      const maximum = new Promise<void>((resolve) => {
        reachedMaximum = resolve;
      });
      const handler = createWebhookHandler({
        secret,
        mapper: mappers[options.provider],
        onEvent: (event) => {
          io.stdout.write(`${json ? JSON.stringify(event) : describeEvent(event)}\n`);
          printed++;
          if (options.maxEvents !== undefined && printed >= options.maxEvents) reachedMaximum();
        },
        onError: (_error, result) => io.stderr.write(`${describeRefusal(result)}\n`),
      });
      const server = createServer((request, response) => void handler(request, response));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, resolve);
      });
      const address = server.address() as AddressInfo;
      const url = `http://${address.address}:${address.port}/`;
      io.stderr.write(`listening on ${url} for ${options.provider} deliveries (Ctrl-C to stop)\n`);
      const stop = Promise.race([io.waitForStop(), maximum]);
      try {
        if (globalOptions(command).simulators === true) {
          await context.withGateway(command, async (gateway) => {
            await playSampleDeliveries(gateway, url, secret);
            await stop;
          });
        } else {
          await stop;
        }
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
}

/**
 * Registers the listener at the (simulated) primary and plays a card's life there: created, funded, frozen, unfrozen,
 * terminated, five deliveries in that order.
 */
async function playSampleDeliveries(gateway: Gateway, url: string, secret: Secret): Promise<void> {
  await gateway.webhooks.create({ url, events: ['*'], secret });
  const card = await gateway.cards.create({ binId: '491653', amount: usd(25), label: 'webhooks listen sample' });
  await gateway.cards.fund(card.id, { amount: usd(10) });
  await gateway.cards.freeze(card.id);
  await gateway.cards.unfreeze(card.id);
  await gateway.cards.terminate(card.id);
}

/** `2026-01-01T00:00:00.000Z  card.created  privcards:evt_000001  privcards:card_000003`. */
function describeEvent(event: WebhookEvent): string {
  const data = event.data as { id?: unknown; cardId?: unknown } | undefined;
  const subject = typeof data?.id === 'string' ? data.id : typeof data?.cardId === 'string' ? data.cardId : '';
  const type = event.type === 'unknown' ? `unknown (${event.originalType})` : event.type;
  return [event.createdAt, colors.bold(type), event.id, subject].filter((part) => part !== '').join('  ');
}

/** `refused a delivery: 401 invalid_signature`. */
function describeRefusal(result: WebhookRequestResult): string {
  const body = result.body as { error?: unknown };
  const reason = typeof body?.error === 'string' ? body.error : '';
  return colors.yellow(`refused a delivery: ${result.status} ${reason}`.trim());
}
