import { startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import type { MemoryIssuer } from '@cardgw/adapter-memory';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { type GatewayConfig, usd } from '@cardgw/core';

/** Both providers' local simulators, running in this process, with the config and environment that reach them. */
export interface RunningSimulators {
  /** PrivCards first, CryptoCardy as the failover: secrets and URLs as `{ env }` references, as a real config has. */
  readonly config: GatewayConfig;
  /** The variables the config refers to: the simulators' API key, seed and URLs. */
  readonly env: Readonly<Record<string, string>>;
  /** Stops both servers. */
  close(): Promise<void>;
}

/** Purchases played on the first sample card: more than one page of transactions (50 a page), so walks show it. */
const samplePurchases = 120;

/**
 * Starts the PrivCards and CryptoCardy simulators (from each adapter's `/simulator` entry point) on free 127.0.0.1
 * ports and fills them with the same sample account every time: the in-memory backends are deterministic, so ids
 * such as `privcards:card_000001` name the same card in every run. Nothing persists: each run starts from this state.
 */
export async function startSimulators(): Promise<RunningSimulators> {
  const privcards = await startPrivCardsSimulator();
  let cryptocardy: Awaited<ReturnType<typeof startCryptoCardySimulator>> | undefined;
  try {
    cryptocardy = await startCryptoCardySimulator();
    await seedPrivCards(privcards.backend);
    await seedCryptoCardy(cryptocardy.backend);
  } catch (error) {
    await Promise.allSettled([privcards.close(), cryptocardy?.close()]);
    throw error;
  }
  const running = cryptocardy;
  return {
    config: {
      providers: [
        {
          name: 'privcards',
          apiKey: { env: 'PRIVCARDS_API_KEY' },
          baseUrl: { env: 'PRIVCARDS_BASE_URL' },
          allowInsecureWebhookUrls: true,
        },
        {
          name: 'cryptocardy',
          seed: { env: 'CRYPTOCARDY_SEED' },
          baseUrl: { env: 'CRYPTOCARDY_BASE_URL' },
          allowInsecureWebhookUrls: true,
        },
      ],
    },
    env: {
      PRIVCARDS_API_KEY: privcards.apiKey,
      PRIVCARDS_BASE_URL: privcards.url,
      CRYPTOCARDY_SEED: running.seed,
      CRYPTOCARDY_BASE_URL: running.url,
    },
    async close() {
      await Promise.allSettled([privcards.close(), running.close()]);
    },
  };
}

const merchants = [
  { name: 'FACEBK ADS', category: 'advertising', mcc: '7311', country: 'US' },
  { name: 'GOOGLE ADS', category: 'advertising', mcc: '7311', country: 'US' },
  { name: 'TIKTOK ADS', category: 'advertising', mcc: '7311', country: 'SG' },
] as const;

async function seedPrivCards(backend: MemoryIssuer): Promise<void> {
  const ads = await backend.cards.create({
    binId: '491653',
    amount: usd(1_000),
    label: 'Meta Ads Campaign #12',
    metadata: { campaign: 'spring_2026' },
  });
  for (let index = 0; index < samplePurchases; index++) {
    await backend.simulate.purchase(ads.id, {
      amount: usd(1.25 + (index % 40) / 10),
      merchant: merchants[index % merchants.length]!,
    });
  }
  await backend.simulate.purchase(ads.id, { amount: usd(4_999), merchant: merchants[0] });
  await backend.simulate.threeDSChallenge(ads.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
  await backend.cards.create({ binId: '531993', amount: usd(100), label: 'SaaS subscriptions' });
}

async function seedCryptoCardy(backend: MemoryIssuer): Promise<void> {
  const card = await backend.cards.create({ binId: '531993', amount: usd(250), label: 'Team travel' });
  await backend.simulate.purchase(card.id, {
    amount: usd(42.5),
    merchant: { name: 'UBER TRIP', category: 'travel', mcc: '4121', country: 'US' },
  });
  const confirmed = await backend.simulate.deposit({ asset: 'btc', cryptoAmount: '0.0075', amount: usd(500) });
  await backend.simulate.confirmDeposit(confirmed.id);
  await backend.simulate.deposit({ asset: 'usdt', cryptoAmount: '200', amount: usd(200) });
}
