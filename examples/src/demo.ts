/**
 * The cardgw tour: two local provider simulators, a failover gateway built from examples/config/failover.json, and
 * every everyday operation end to end, including a provider going down and a signed webhook received. No
 * credentials, no network: `pnpm demo`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cryptocardyProvider, provisionCryptoCardy } from '@cardgw/adapter-cryptocardy';
import { startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { privcardsProvider, privcardsWebhookMapper } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import {
  type Card,
  createGateway,
  createWebhookHandler,
  formatMoney,
  type Gateway,
  type GatewayConfig,
  type Money,
  maskPan,
  type Secret,
  usd,
  type WebhookEvent,
} from '@cardgw/core';
import { loadJson } from './support/load-json.js';
import { createStepPrinter } from './support/step-printer.js';

/** What the demo did: its step count and, for the leakage test only, the sensitive values it handled. */
export interface DemoOutcome {
  readonly steps: number;
  /** API key, seed, PANs, OTP and webhook secret the run handled: none may appear in what it printed. */
  readonly sensitiveValues: readonly string[];
}

export async function runDemo(print: (line: string) => void = console.log): Promise<DemoOutcome> {
  const step = createStepPrinter(print);
  const privcards = await startPrivCardsSimulator();
  const cryptocardy = await startCryptoCardySimulator();
  step('simulators', `PrivCards at ${privcards.url}, CryptoCardy at ${cryptocardy.url} (127.0.0.1 only)`);
  let gateway: Gateway | undefined;
  const receiver = await startWebhookReceiver();

  try {
    // 1. CryptoCardy onboarding: GET / hands out a new seed, a pending card preview and a funding wallet.
    const provisioned = await provisionCryptoCardy({ baseUrl: cryptocardy.url, card: 'visa', asset: 'BTC' });
    step(
      'provision',
      `CryptoCardy seed ${provisioned.seed} · card ${maskPan(provisioned.card.pan)} is ${provisioned.card.status} · ` +
        `fund it at ${provisioned.wallet.asset} ${shorten(provisioned.wallet.address)}`,
    );

    // 2. The gateway comes from a JSON config; secrets and URLs are environment references, never literals.
    const config = await loadJson<GatewayConfig>(new URL('../config/failover.json', import.meta.url));
    const env = {
      PRIVCARDS_API_KEY: privcards.apiKey,
      PRIVCARDS_BASE_URL: privcards.url,
      CRYPTOCARDY_SEED: provisioned.seed.reveal(),
      CRYPTOCARDY_BASE_URL: cryptocardy.url,
    };
    const failovers: string[] = [];
    gateway = createGateway(config, {
      providers: [privcardsProvider, cryptocardyProvider],
      env,
      hooks: {
        onRetry: (event) =>
          step(
            '  retry',
            `${event.operation} at ${event.provider}: ${event.errorCode}, attempt ${event.attempt + 1} in ${event.delayMs} ms`,
          ),
        onFailover: (event) => {
          failovers.push(`${event.from} → ${event.to}`);
          step('  failover', `${event.operation}: ${event.from} → ${event.to} (${event.reason})`);
        },
        onCircuitChange: (event) => step('  circuit', `${event.provider} is now ${event.state}`),
      },
    });
    step('gateway', `providers in failover order: ${config.providers.map((entry) => entry.name).join(' → ')}`);

    // 3. A signed webhook endpoint on the primary; deliveries arrive at the local receiver and are verified.
    const endpoint = await gateway.webhooks.create({ url: receiver.url, events: ['*'] });
    receiver.listen(endpoint.secret);
    step('webhooks', `endpoint ${endpoint.id} registered for every event (secret ${endpoint.secret})`);

    // 4. A card by criteria: the gateway picks a matching BIN at whichever provider serves the call.
    const card = await gateway.cards.create({
      bin: { network: 'visa', bestFor: ['meta_ads'], threeDS: true },
      amount: usd(500),
      label: 'Meta Ads Campaign #12',
      metadata: { campaign: 'spring_2026' },
    });
    step('issue', `${describeCard(card)} from BIN ${card.binId}`);

    const funding = await gateway.cards.fund(card.id, { amount: usd(200) });
    step(
      'fund',
      `${formatMoney(funding.previousBalance)} → ${formatMoney(funding.newBalance)} (wallet now ${formatMoney(funding.walletBalance)})`,
    );

    const details = await gateway.cards.details(card.id);
    step('details', `${details} — PAN and CVV are readable by name, printed masked`);

    // 5. Purchases happen at the merchant: the simulator's backend plays them.
    const merchants = [
      { name: 'FACEBK ADS', category: 'advertising', mcc: '7311', country: 'US' },
      { name: 'GOOGLE ADS', category: 'advertising', mcc: '7311', country: 'US' },
    ];
    for (let index = 0; index < 60; index++) {
      await privcards.backend.simulate.purchase(card.id, {
        amount: usd(1.25 + index / 100),
        merchant: merchants[index % 2]!,
      });
    }
    const decline = await privcards.backend.simulate.purchase(card.id, {
      amount: usd(9_000),
      merchant: { name: 'BIG TICKET', category: 'advertising' },
    });
    step('purchases', `60 approved and settled; one of $9,000.00 declined (${decline.declineReason})`);

    const challenge = await privcards.backend.simulate.threeDSChallenge(card.id, {
      merchant: 'SPOTIFY',
      amount: usd(9.99),
    });
    const pending = await gateway.threeDS.list({ cardId: card.id, status: 'pending' });
    const otp = pending.data[0]?.otp ?? '';
    step(
      '3-D Secure',
      `${challenge.merchant} ${formatMoney(challenge.amount)}: OTP ••••${otp.slice(-2)} read, expires ${challenge.expiresAt}`,
    );

    // 6. Auto-pagination: `for await` walks every page lazily.
    let walked = 0;
    let spent = 0;
    for await (const transaction of gateway.transactions.list({ cardId: card.id })) {
      walked++;
      if (transaction.type === 'settlement') spent -= transaction.amount.amount;
    }
    step(
      'transactions',
      `${walked} transactions walked across pages; settled spend ${formatMoney(usd(0 + spent / 100))}`,
    );

    await gateway.cards.freeze(card.id);
    const frozenTry = await privcards.backend.simulate.purchase(card.id, { amount: usd(5), merchant: merchants[0]! });
    step('freeze', `card frozen; a $5.00 purchase is declined (${frozenTry.declineReason})`);

    const termination = await gateway.cards.terminate(card.id);
    step('terminate', `card terminated, ${formatMoney(termination.refundedAmount)} refunded to the wallet`);

    // 7. The primary goes down: new cards move to the next provider; nothing is issued twice.
    await privcards.faults.refuseConnections();
    step('outage', 'PrivCards simulator stops accepting connections');
    const second = await gateway.cards.create({
      bin: { network: 'visa' },
      amount: usd(100),
      label: 'After the outage',
    });
    step(
      'issue again',
      `${describeCard(second)} — served by ${second.provider}${failovers.length ? ` after failover (${failovers.join(', ')})` : ''}`,
    );
    const health = gateway
      .health()
      .map((entry) => `${entry.provider} ${entry.state}`)
      .join(', ');
    step('health', health);

    // 8. Webhooks: every state change above was delivered, signed, and verified on arrival.
    await privcards.webhooksIdle();
    step(
      'webhooks',
      `${receiver.received.length} signed deliveries verified (${summarizeEvents(receiver.received)}); ${receiver.rejected} rejected`,
    );

    const wallets = await gateway.wallets.combined();
    const perProvider = wallets.providers
      .map((entry) =>
        entry.balance
          ? `${entry.provider} ${formatMoney(entry.balance.balance)}`
          : `${entry.provider} unreachable (${entry.error.code})`,
      )
      .join(', ');
    step('wallets', `combined ${formatMoney(wallets.balance)}${wallets.complete ? '' : ' (partial)'}: ${perProvider}`);

    print('');
    print(step.table());
    return {
      steps: step.count(),
      sensitiveValues: [
        privcards.apiKey,
        provisioned.seed.reveal(),
        provisioned.card.pan,
        details.pan,
        otp,
        endpoint.secret?.reveal() ?? '',
      ].filter((value) => value.length > 0),
    };
  } finally {
    await gateway?.close();
    await receiver.close();
    await privcards.close();
    await cryptocardy.close();
  }
}

function describeCard(card: Card): string {
  return `${card.id} ${card.network} •••• ${card.last4}, ${card.status}, balance ${formatMoney(card.balance)}`;
}

function shorten(text: string): string {
  return text.length > 16 ? `${text.slice(0, 10)}…${text.slice(-4)}` : text;
}

function summarizeEvents(events: readonly WebhookEvent[]): string {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
  return [...counts].map(([type, count]) => `${type} ×${count}`).join(', ');
}

/** A local endpoint that verifies every delivery with the secret the provider returned at registration. */
async function startWebhookReceiver() {
  const received: WebhookEvent[] = [];
  let rejected = 0;
  let handler: ReturnType<typeof createWebhookHandler> | undefined;
  const server = createServer((request, response) => {
    if (!handler) {
      response.writeHead(503).end();
      return;
    }
    void handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    get rejected() {
      return rejected;
    },
    listen(secret: Secret | undefined) {
      if (!secret) throw new Error('the provider returned no signing secret');
      handler = createWebhookHandler({
        secret,
        mapper: privcardsWebhookMapper,
        onEvent: (event) => {
          received.push(event);
        },
        onError: () => {
          rejected++;
        },
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type { Money };

if (import.meta.url === `file://${process.argv[1]}`) {
  runDemo().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('demo failed:', error);
      process.exit(1);
    },
  );
}
