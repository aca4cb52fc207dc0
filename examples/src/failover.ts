/**
 * Use 2 — multi-provider failover. PrivCards is the primary and starts failing; new cards move to CryptoCardy only
 * when the failure proves nothing happened, a card's own calls always go to its issuer, and the hooks say why.
 * `npx -y pnpm@10 example:failover`
 */
import { createCryptoCardy } from '@cardgw/adapter-cryptocardy';
import { startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { createPrivCards } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { AmbiguousOutcomeError, CardGatewayError, createFailoverIssuer, type ProviderHealth, usd } from '@cardgw/core';

export async function failoverExample(print: (line: string) => void = console.log) {
  const primary = await startPrivCardsSimulator();
  const secondary = await startCryptoCardySimulator();
  const retry = { maxRetries: 1, timeoutMs: 2_000 };
  const issuer = createFailoverIssuer(
    [
      createPrivCards({ apiKey: primary.apiKey, baseUrl: primary.url, ...retry }),
      createCryptoCardy({ seed: secondary.seed, baseUrl: secondary.url, ...retry }),
    ],
    {
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
      hooks: {
        onFailover: (event) =>
          print(`  hook onFailover: ${event.operation} ${event.from} → ${event.to} (${event.reason})`),
        onCircuitChange: (event) => print(`  hook onCircuitChange: ${event.provider} circuit ${event.state}`),
      },
    },
  );
  const providersServing: string[] = [];
  try {
    const first = await issuer.cards.create({ binId: '491653', amount: usd(50), label: 'before the outage' });
    providersServing.push(first.provider);
    print(`1. healthy: ${first.id} issued by ${first.provider}`);

    // Two of the provider's documented 429s, in its own error body: the first attempt and its one retry. They prove
    // nothing was done, so the card may move. (A 503 would not: a proxy answers 503 after the provider committed too.)
    primary.faults.rateLimitNext(2, { retryAfterSeconds: 0.01 });
    const second = await issuer.cards.create({ binId: '491653', amount: usd(50), label: 'during a 429' });
    providersServing.push(second.provider);
    print(`2. primary answers its documented 429 (proves nothing was done): ${second.id} issued by ${second.provider}`);

    // The primary commits the card but the answer never arrives, on the first attempt and on its retry (a replay).
    primary.faults.timeoutAfterCommitNext(2, { destroyAfterMs: 20 });
    const cardsBefore = primary.backend.snapshot().cards.length + secondary.backend.snapshot().cards.length;
    try {
      await issuer.cards.create(
        { binId: '491653', amount: usd(50), label: 'ambiguous' },
        { idempotencyKey: 'order-42' },
      );
      print('3. unexpected: the ambiguous create succeeded');
    } catch (error) {
      if (!AmbiguousOutcomeError.isInstance(error)) throw error;
      const cardsAfter = primary.backend.snapshot().cards.length + secondary.backend.snapshot().cards.length;
      print(
        `3. primary committed but never answered: ${error.code} at ${error.provider} (key ${error.idempotencyKey}); ` +
          `cards across both providers: ${cardsBefore} → ${cardsAfter}, never moved elsewhere`,
      );
      const replay = await issuer.cards.create(
        { binId: '491653', amount: usd(50), label: 'ambiguous' },
        { idempotencyKey: 'order-42' },
      );
      print(`   retried later with the same key: ${replay.id} (the first outcome, replayed by ${replay.provider})`);
    }

    const balance = await issuer.cards.get(first.id);
    print(`4. a card's own calls go to its issuer: ${balance.id} read from ${balance.provider}`);
    print(`5. health: ${describeHealth(issuer.health())}`);

    await primary.faults.refuseConnections();
    for (const label of ['outage 1', 'outage 2']) {
      const card = await issuer.cards.create({ binId: '491653', amount: usd(50), label });
      providersServing.push(card.provider);
      print(`6. primary refuses connections: ${card.id} issued by ${card.provider}`);
    }
    print(`7. health: ${describeHealth(issuer.health())}`);
    const readFailures: string[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await issuer.cards.get(first.id);
      } catch (error) {
        if (!CardGatewayError.isInstance(error)) throw error;
        readFailures.push(error.code);
      }
    }
    print(
      `8. ${first.id} lives at privcards only, so reads cannot move: ${readFailures.join(', then ')} ` +
        '(fast, no request) until the circuit half-opens',
    );
    return providersServing;
  } finally {
    await issuer.close();
    await primary.close();
    await secondary.close();
  }
}

function describeHealth(health: readonly ProviderHealth[]): string {
  return health.map((entry) => `${entry.provider} ${entry.state}`).join(', ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  failoverExample().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
