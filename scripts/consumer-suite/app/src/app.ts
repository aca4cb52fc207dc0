/**
 * What a new user writes first: a failover gateway built from a JSON config with the default environment (secrets and
 * URLs read from process.env, no `env` option), driven through both providers' simulators. Exits non-zero on any
 * departure from what the README promises.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import type { MemoryIssuer } from '@cardgw/adapter-memory';
import { privcardsProvider } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { type CardIssuer, createGateway, formatMoney, type GatewayConfig, usd } from '@cardgw/core';

const privcards = await startPrivCardsSimulator();
const cryptocardy = await startCryptoCardySimulator();
// The variables config/failover.json refers to, set where a deployment sets them: the process environment.
process.env.PRIVCARDS_API_KEY = privcards.apiKey;
process.env.PRIVCARDS_BASE_URL = privcards.url;
process.env.CRYPTOCARDY_SEED = cryptocardy.seed;
process.env.CRYPTOCARDY_BASE_URL = cryptocardy.url;

const config = JSON.parse(await readFile('config/failover.json', 'utf8')) as GatewayConfig;
const gateway = createGateway(config, { providers: [privcardsProvider, cryptocardyProvider] });

/** Every everyday operation on one new card, checked; returns a line saying what happened. */
async function walkThrough(issuer: CardIssuer, backend: MemoryIssuer, provider: string): Promise<string> {
  const card = await issuer.cards.create({ bin: { network: 'visa' }, amount: usd(100), label: 'consumer app' });
  assert.equal(card.provider, provider, `the card should come from ${provider}`);
  assert.ok(card.id.startsWith(`${provider}:`), 'ids are qualified with the provider');
  const funding = await issuer.cards.fund(card.id, { amount: usd(25) });
  assert.equal(funding.newBalance.amount, 12_500);
  await backend.simulate.purchase(card.id, { amount: usd(9.99), merchant: { name: 'SPOTIFY', mcc: '5815' } });
  const transactions = [];
  for await (const transaction of issuer.transactions.list({ cardId: card.id })) transactions.push(transaction);
  assert.ok(
    transactions.some((transaction) => transaction.type === 'settlement' && transaction.amount.amount === -999),
    'the settled purchase should be listed',
  );
  const details = await issuer.cards.details(card.id);
  assert.match(details.pan, /^\d{13,19}$/);
  assert.equal(details.last4, card.last4);
  assert.ok(!JSON.stringify(details).includes(details.pan), 'details serialize masked');
  const frozen = await issuer.cards.freeze(card.id);
  assert.equal(frozen.status, 'frozen');
  const termination = await issuer.cards.terminate(card.id);
  assert.equal(termination.status, 'terminated');
  assert.equal(termination.refundedAmount.amount, 11_501);
  return `${provider}: card …${card.last4} funded to ${formatMoney(funding.newBalance)}, ${transactions.length} transactions, frozen, terminated with ${formatMoney(termination.refundedAmount)} refunded`;
}

try {
  console.log(await walkThrough(gateway, privcards.backend, 'privcards'));
  // The primary goes down: new cards fail over to CryptoCardy; calls about its cards are routed by their ids.
  await privcards.faults.refuseConnections();
  console.log(await walkThrough(gateway, cryptocardy.backend, 'cryptocardy'));
  const health = gateway.health();
  assert.equal(health.find((entry) => entry.provider === 'cryptocardy')?.state, 'closed');
  console.log(`health: ${health.map((entry) => `${entry.provider} ${entry.state}`).join(', ')}`);
} finally {
  await gateway.close();
  await privcards.close();
  await cryptocardy.close();
}
