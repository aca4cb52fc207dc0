/*
 * Calls under way at once through a gateway over both simulators, as an application sends them: one caller signal
 * shared by a burst, webhooks delivered meanwhile. Node must print no warning (issue 11: `MaxListenersExceededWarning:
 * Possible EventTarget memory leak detected. 11 abort listeners added to [AbortSignal]`, in the demo and the tests).
 */

import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { type CryptoCardySimulator, startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { privcardsProvider } from '@cardgw/adapter-privcards';
import { type PrivCardsSimulator, startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { createGateway, type Gateway, usd } from '@cardgw/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let privcards: PrivCardsSimulator;
let cryptocardy: CryptoCardySimulator;
let gateway: Gateway;
let receiver: Server;
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);

beforeEach(async () => {
  warnings.length = 0;
  process.on('warning', onWarning);
  privcards = await startPrivCardsSimulator();
  cryptocardy = await startCryptoCardySimulator();
  receiver = createServer((request, response) => {
    request.resume();
    setTimeout(() => response.writeHead(200).end(), 20);
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  gateway = createGateway(
    {
      providers: [
        { name: 'privcards', baseUrl: privcards.url, allowInsecureWebhookUrls: true },
        { name: 'cryptocardy', baseUrl: cryptocardy.url },
      ],
    },
    {
      providers: [privcardsProvider, cryptocardyProvider],
      env: { PRIVCARDS_API_KEY: privcards.apiKey, CRYPTOCARDY_SEED: cryptocardy.seed },
    },
  );
});

afterEach(async () => {
  process.off('warning', onWarning);
  await gateway.close();
  await Promise.all([privcards.close(), cryptocardy.close()]);
  await new Promise((resolve) => receiver.close(resolve));
});

describe('a gateway under 50 concurrent calls', () => {
  it('prints no warning and leaves no listener on the caller’s shared signal', async () => {
    const { port } = receiver.address() as AddressInfo;
    await gateway.webhooks.create({ url: `http://127.0.0.1:${port}/hooks`, events: ['*'] });
    const caller = new AbortController();
    const options = { signal: caller.signal };
    const card = await gateway.cards.create({ binId: '491653', amount: usd(500) }, options);
    // Purchases fire a webhook each, delivered while the reads below are under way.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        privcards.backend.simulate.purchase(card.id, { amount: usd(1), merchant: { name: 'FACEBK ADS' } }),
      ),
    );
    const results = await Promise.all([
      ...Array.from({ length: 30 }, () => gateway.cards.get(card.id, options)),
      ...Array.from({ length: 10 }, () => gateway.transactions.list({ cardId: card.id }, options).toArray()),
      ...Array.from({ length: 10 }, () => gateway.wallet.balance(options)),
    ]);
    expect(results).toHaveLength(50);
    await privcards.webhooksIdle();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([]);
  });
});
