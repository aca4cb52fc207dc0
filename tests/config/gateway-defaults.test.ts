/*
 * The gateway as the README builds it: no `env` option, the credentials on the real `process.env`. Every other
 * gateway test passes `env` explicitly, which hid that zod 4 refuses `process.env` itself as a record (issue 11).
 * The simulators stand in for the providers; only their URLs are added to the README's config.
 */

import { createCryptoCardy, cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { type CryptoCardySimulator, startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { createPrivCards, privcardsProvider } from '@cardgw/adapter-privcards';
import { type PrivCardsSimulator, startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { type CardIssuer, createGateway, type Gateway, gatewayConfigFromEnv, usd } from '@cardgw/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let privcards: PrivCardsSimulator;
let cryptocardy: CryptoCardySimulator;
const opened: CardIssuer[] = [];
const setVariables = new Map<string, string | undefined>();

/** Sets a variable on the real `process.env`, restored after the test. */
function setVariable(name: string, value: string): void {
  if (!setVariables.has(name)) setVariables.set(name, process.env[name]);
  process.env[name] = value;
}

beforeEach(async () => {
  privcards = await startPrivCardsSimulator();
  cryptocardy = await startCryptoCardySimulator();
  setVariable('PRIVCARDS_API_KEY', privcards.apiKey);
  setVariable('CRYPTOCARDY_SEED', cryptocardy.seed);
});

afterEach(async () => {
  for (const [name, value] of setVariables) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  setVariables.clear();
  await Promise.all(opened.splice(0).map((issuer) => issuer.close()));
  await Promise.all([privcards.close(), cryptocardy.close()]);
});

function keep<Issuer extends CardIssuer>(issuer: Issuer): Issuer {
  opened.push(issuer);
  return issuer;
}

/** What the README's snippet does once the gateway is built: a card by criteria, funded, its transactions walked. */
async function walkTheReadme(issuer: Gateway): Promise<void> {
  const card = await issuer.cards.create({ bin: { network: 'visa', bestFor: ['meta_ads'] }, amount: usd(500) });
  expect(card.id).toMatch(/^privcards:card_/);
  const funded = await issuer.cards.fund(card.id, { amount: usd(200) });
  expect(funded.newBalance).toEqual(usd(700));
  await privcards.backend.simulate.purchase(card.id, {
    amount: usd(12.5),
    merchant: { name: 'FACEBK ADS' },
  });
  const transactions = [];
  for await (const transaction of issuer.transactions.list({ cardId: card.id })) transactions.push(transaction);
  expect(transactions.map((transaction) => transaction.merchant.name)).toContain('FACEBK ADS');
}

describe('the gateway with its default environment (process.env)', () => {
  it('builds and works from the README snippet, reading PRIVCARDS_API_KEY and CRYPTOCARDY_SEED', async () => {
    const issuer = keep(
      createGateway(
        {
          providers: [
            { name: 'privcards', apiKey: { env: 'PRIVCARDS_API_KEY' }, baseUrl: privcards.url },
            { name: 'cryptocardy', seed: { env: 'CRYPTOCARDY_SEED' }, baseUrl: cryptocardy.url },
          ],
        },
        { providers: [privcardsProvider, cryptocardyProvider] },
      ),
    );
    await walkTheReadme(issuer);
  });

  it('lets each adapter read its own variable when the config names no secret', async () => {
    const issuer = keep(
      createGateway(
        {
          providers: [
            { name: 'privcards', baseUrl: privcards.url },
            { name: 'cryptocardy', baseUrl: cryptocardy.url },
          ],
        },
        { providers: [privcardsProvider, cryptocardyProvider] },
      ),
    );
    await walkTheReadme(issuer);
    const balances = await issuer.wallets.balances();
    expect(balances.map((result) => result.balance?.provider)).toEqual(['privcards', 'cryptocardy']);
  });

  it('builds from gatewayConfigFromEnv() with every default', async () => {
    setVariable('CARDGW_PROVIDERS', 'privcards,cryptocardy');
    setVariable('CARDGW_PRIVCARDS_BASE_URL', privcards.url);
    setVariable('CARDGW_CRYPTOCARDY_BASE_URL', cryptocardy.url);
    setVariable('CARDGW_CRYPTOCARDY_SEED_ENV', 'CRYPTOCARDY_SEED');
    const issuer = keep(createGateway(gatewayConfigFromEnv(), { providers: [privcardsProvider, cryptocardyProvider] }));
    await walkTheReadme(issuer);
  });

  it('builds each adapter alone from the variables', async () => {
    const privcardsIssuer = keep(createPrivCards({ baseUrl: privcards.url }));
    const cryptocardyIssuer = keep(createCryptoCardy({ baseUrl: cryptocardy.url }));
    expect(privcardsIssuer.mode).toBe('sandbox');
    expect((await privcardsIssuer.wallet.balance()).provider).toBe('privcards');
    expect((await cryptocardyIssuer.wallet.balance()).provider).toBe('cryptocardy');
  });
});

describe('environments that are not plain objects', () => {
  const nullPrototype = (variables: Record<string, string>) =>
    Object.assign(Object.create(null) as Record<string, string>, variables);
  const environments: [string, (variables: Record<string, string>) => Record<string, string>][] = [
    ['a null-prototype object', nullPrototype],
    ['a Proxy', (variables) => new Proxy({ ...variables }, {})],
    [
      'a Proxy over a class instance',
      (variables) => new Proxy(Object.assign(new (class Variables {})(), variables), {}),
    ],
    ['a frozen object', (variables) => Object.freeze({ ...variables })],
  ];

  it.each(environments)('takes %s as the gateway’s env', async (_name, make) => {
    const env = make({ PRIVCARDS_KEY: privcards.apiKey, CRYPTOCARDY_SEED: cryptocardy.seed });
    const issuer = keep(
      createGateway(
        {
          providers: [
            { name: 'privcards', apiKey: { env: 'PRIVCARDS_KEY' }, baseUrl: privcards.url },
            { name: 'cryptocardy', baseUrl: cryptocardy.url },
          ],
        },
        { providers: [privcardsProvider, cryptocardyProvider], env },
      ),
    );
    expect((await issuer.wallet.balance()).provider).toBe('privcards');
    const variables = make({ CARDGW_PROVIDERS: 'cryptocardy', CARDGW_CRYPTOCARDY_BASE_URL: cryptocardy.url });
    expect(gatewayConfigFromEnv(variables)).toEqual({ providers: [{ name: 'cryptocardy', baseUrl: cryptocardy.url }] });
  });

  it.each(environments)('takes %s as an adapter’s env and headers', async (_name, make) => {
    const issuer = keep(
      createPrivCards({
        baseUrl: privcards.url,
        env: make({ PRIVCARDS_API_KEY: privcards.apiKey }),
        headers: make({ 'X-Team': 'ads' }),
      }),
    );
    expect((await issuer.wallet.balance()).provider).toBe('privcards');
  });
});
