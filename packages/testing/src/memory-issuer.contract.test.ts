import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { allOperations, withoutOperations } from '@cardgw/core/provider-utils';
import { runCardIssuerContract } from './index.js';

runCardIssuerContract('memory', () => {
  const issuer = createMemoryIssuer();
  return { issuer, backend: issuer };
});

// The same suite against an issuer declaring what a provider with fewer operations documents: exercises the suite's undeclared branches.
runCardIssuerContract('memory declaring less', () => {
  const issuer = createMemoryIssuer({
    provider: 'lesser',
    capabilities: {
      operations: withoutOperations(allOperations, ['wallet.deposits', 'threeDS.get']),
      cardListFilters: ['status', 'binId', 'perPage'],
      transactionListFilters: ['cardId', 'type', 'from', 'to'],
      threeDSListFilters: ['cardId', 'status'],
      depositListFilters: [],
      allowsInsecureWebhookUrls: false,
    },
  });
  return { issuer, backend: issuer };
});
