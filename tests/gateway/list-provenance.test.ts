/*
 * A list served by another provider than the caller expects says so on the page (`Page.provider`), over both
 * simulators: PrivCards' page documents no merchant filter, so `transactions.list({ merchant })` through a gateway
 * with PrivCards first is answered from CryptoCardy's account (issue 11).
 */

import { cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { type CryptoCardySimulator, startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { privcardsProvider } from '@cardgw/adapter-privcards';
import { type PrivCardsSimulator, startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { createGateway, type Gateway, usd } from '@cardgw/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let privcards: PrivCardsSimulator;
let cryptocardy: CryptoCardySimulator;
let gateway: Gateway;

beforeEach(async () => {
  privcards = await startPrivCardsSimulator();
  cryptocardy = await startCryptoCardySimulator();
  gateway = createGateway(
    {
      providers: [
        { name: 'privcards', baseUrl: privcards.url, maxRetries: 0 },
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
  await gateway.close();
  await Promise.all([privcards.close(), cryptocardy.close()]);
});

describe('which provider served a gateway list', () => {
  it('says on the page that a merchant-filtered list came from CryptoCardy, and an unfiltered one from PrivCards', async () => {
    const atPrivCards = await gateway.cards.create({ binId: 'privcards:491653', amount: usd(100) });
    const atCryptoCardy = await gateway.cards.create({ binId: 'cryptocardy:491653', amount: usd(100) });
    await privcards.backend.simulate.purchase(atPrivCards.id, { amount: usd(3), merchant: { name: 'FACEBK ADS' } });
    await cryptocardy.backend.simulate.purchase(atCryptoCardy.id, { amount: usd(4), merchant: { name: 'FACEBK ADS' } });

    const byMerchant = await gateway.transactions.list({ merchant: 'FACEBK' });
    expect(byMerchant.provider).toBe('cryptocardy');
    expect(byMerchant.data.length).toBeGreaterThan(0);
    expect(new Set(byMerchant.data.map((transaction) => transaction.provider))).toEqual(new Set(['cryptocardy']));

    expect((await gateway.transactions.list()).provider).toBe('privcards');
    expect((await gateway.wallet.deposits()).provider).toBe('cryptocardy');
    expect((await gateway.transactions.list({ cardId: atPrivCards.id })).provider).toBe('privcards');
  });

  it('says so when the first provider is down', async () => {
    await privcards.faults.refuseConnections();
    expect((await gateway.cards.list()).provider).toBe('cryptocardy');
  });
});
