import { runCardIssuerContract } from '@cardgw/testing';
import { createCryptoCardy } from '../cryptocardy-adapter.js';
import { startCryptoCardySimulator } from './cryptocardy-simulator.js';

// The real adapter, over real HTTP, against its simulator: every behaviour of the port, CryptoCardy's capabilities.
runCardIssuerContract('cryptocardy via simulator', async () => {
  const simulator = await startCryptoCardySimulator();
  const issuer = createCryptoCardy({
    seed: simulator.seed,
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
