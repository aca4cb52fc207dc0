import { runCardIssuerContract } from '@cardgw/core/testing';
import { createLedgerLane } from './ledgerlane-adapter.js';
import { startLedgerLaneSimulator } from './ledgerlane-simulator.js';

// The made-up provider's adapter, over real HTTP, against its own simulator: the port's whole contract, read from the
// capabilities LedgerLane declares.
runCardIssuerContract('ledgerlane (examples) via its simulator', async () => {
  const simulator = await startLedgerLaneSimulator();
  const issuer = createLedgerLane({ apiToken: simulator.apiToken, baseUrl: simulator.url, env: {} });
  return {
    issuer,
    backend: simulator.backend,
    cleanup: async () => {
      await issuer.close();
      await simulator.close();
    },
  };
});
