import { runCardIssuerContract } from '../testing/index.js';
import { createMemoryIssuer } from './index.js';

runCardIssuerContract('memory', () => {
  const issuer = createMemoryIssuer();
  return { issuer, backend: issuer };
});

// The same suite against an issuer declaring what PrivCards' page documents: exercises the suite's undeclared branches.
runCardIssuerContract('memory declaring less', () => {
  const issuer = createMemoryIssuer({
    provider: 'lesser',
    capabilities: {
      operations: [
        'cards.create',
        'cards.list',
        'cards.get',
        'cards.details',
        'cards.update',
        'cards.freeze',
        'cards.unfreeze',
        'cards.terminate',
        'cards.fund',
        'cards.withdraw',
        'transactions.list',
        'transactions.get',
        'wallet.balance',
        'wallet.depositAddresses',
        'bins.list',
        'threeDS.list',
        'webhooks.create',
        'webhooks.list',
        'webhooks.delete',
      ],
      cardListFilters: ['status', 'binId', 'perPage'],
      transactionListFilters: ['cardId', 'type', 'from', 'to'],
      threeDSListFilters: ['cardId', 'status'],
      depositListFilters: [],
      allowsInsecureWebhookUrls: false,
    },
  });
  return { issuer, backend: issuer };
});
