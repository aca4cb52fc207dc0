/**
 * Use 1 — swap providers by config. The application code below (`CampaignCards`) never names a provider: it runs
 * against PrivCards, then against CryptoCardy, and only the config file changes.
 * `npx -y pnpm@10 example:swap`
 */
import { cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { privcardsProvider } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { createGateway, formatMoney, type GatewayConfig, usd } from '@cardgw/core';
import { loadJson } from './support/load-json.js';
import { CampaignCards } from './unit-testing/campaign-cards.js';

export async function swapProviders(print: (line: string) => void = console.log): Promise<readonly string[]> {
  const privcards = await startPrivCardsSimulator();
  const cryptocardy = await startCryptoCardySimulator();
  // In production these come from the deployment's environment; here, from the local simulators.
  const env = {
    PRIVCARDS_API_KEY: privcards.apiKey,
    PRIVCARDS_BASE_URL: privcards.url,
    CRYPTOCARDY_SEED: cryptocardy.seed,
    CRYPTOCARDY_BASE_URL: cryptocardy.url,
  };
  const served: string[] = [];
  try {
    for (const file of ['privcards.json', 'cryptocardy.json']) {
      const config = await loadJson<GatewayConfig>(new URL(`../config/${file}`, import.meta.url));
      const issuer = createGateway(config, { providers: [privcardsProvider, cryptocardyProvider], env });
      try {
        const campaigns = new CampaignCards(issuer);
        const card = await campaigns.openCampaign('spring', usd(120));
        const outcome = await campaigns.topUpIfLow(card.id);
        const refunded = await campaigns.closeCampaign(card.id);
        served.push(card.provider);
        print(
          `config ${file.padEnd(16)} → card ${card.id} (${card.network} •••• ${card.last4}), top-up: ${outcome}, ` +
            `closed with ${formatMoney(refunded)} refunded`,
        );
      } finally {
        await issuer.close();
      }
    }
    return served;
  } finally {
    await privcards.close();
    await cryptocardy.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  swapProviders().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
