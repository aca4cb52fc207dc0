import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { privcardsWebhookMapper } from '@cardgw/adapter-privcards';
import { createWebhookHandler, Secret, signWebhookPayload, type WebhookHandlerOptions } from '@cardgw/core';

/**
 * A webhook receiver on plain `node:http`. Run it: `npx tsx examples/src/webhooks/node-webhook-server.ts` sends itself
 * a signed delivery, its redelivery and a forged one, and prints what each got; add `--listen` to keep it running.
 * Environment: `PORT` (default 0: any free port), `CARDGW_WEBHOOK_SECRET` (default a demo secret).
 */
export interface WebhookServerOptions extends WebhookHandlerOptions {
  /** @default 0 (any free port) */
  readonly port?: number | undefined;
  /** @default '127.0.0.1' */
  readonly host?: string | undefined;
  /** The path deliveries are POSTed to; other paths get 404. @default '/webhooks' */
  readonly path?: string | undefined;
}

export interface WebhookServer {
  /** Where to register the endpoint (`issuer.webhooks.create({ url, events: ['*'] })`). */
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const path = options.path ?? '/webhooks';
  const handler = createWebhookHandler(options);
  const server = createServer((request, response) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname === path) {
      void handler(request, response);
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(): Promise<void> {
  const secret = new Secret(process.env.CARDGW_WEBHOOK_SECRET ?? 'whsec_demo_a1b2c3d4e5f6');
  const server = await startWebhookServer({
    port: Number(process.env.PORT ?? 0),
    secret,
    mapper: privcardsWebhookMapper,
    onEvent: (event) => {
      console.log(`event ${event.id}: ${event.type === 'unknown' ? `unknown (${event.originalType})` : event.type}`);
    },
    onError: (error, result) => console.log(`refused with ${result.status}:`, (error as Error).message),
  });
  console.log(`receiving webhooks at ${server.url}`);

  const body = JSON.stringify({
    id: 'evt_demo_1',
    type: 'card.frozen',
    created_at: new Date().toISOString(),
    data: {
      id: 'card_8xK2m9Lp4q',
      bin_id: '491653',
      network: 'visa',
      last4: '2039',
      status: 'frozen',
      balance: 487.5,
      created_at: '2026-04-15T12:00:00Z',
    },
  });
  const post = async (label: string, signature: string) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-signature': signature },
      body,
    });
    console.log(`${label}: ${response.status} ${await response.text()}`);
  };
  await post('delivery', signWebhookPayload(body, secret));
  await post('redelivery', signWebhookPayload(body, secret));
  await post('forged', signWebhookPayload(body, 'whsec_attacker'));

  if (!process.argv.includes('--listen')) await server.close();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
