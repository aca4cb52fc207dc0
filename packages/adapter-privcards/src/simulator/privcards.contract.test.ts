import { runCardIssuerContract } from '@cardgw/testing';
import { createPrivCards } from '../privcards-adapter.js';
import { startPrivCardsSimulator } from './privcards-simulator.js';

// The real adapter, over real HTTP, against its simulator: every behaviour of the port, PrivCards' capabilities.
runCardIssuerContract('privcards via simulator', async () => {
  const simulator = await startPrivCardsSimulator();
  const issuer = createPrivCards({
    apiKey: simulator.apiKey,
    baseUrl: simulator.url,
    allowInsecureWebhookUrls: true,
    env: {},
  });
  return {
    issuer,
    backend: simulator.backend,
    cleanup: async () => {
      await issuer.close();
      await simulator.close();
    },
  };
});
