import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { runCardIssuerContract } from '@cardgw/testing';
import { createFailoverIssuer } from '../../../packages/core/src/gateway/failover-issuer.js';

// The composite is a CardIssuer like any other. New cards and account-level calls go to the first provider, so the
// first memory issuer is the backend the suite inspects; ids keep their provider's prefix.
runCardIssuerContract(
  'failover(memory, memory)',
  () => {
    const alpha = createMemoryIssuer({ provider: 'alpha' });
    const beta = createMemoryIssuer({ provider: 'beta' });
    const issuer = createFailoverIssuer([alpha, beta]);
    return { issuer, backend: alpha, cleanup: () => issuer.close() };
  },
  {
    idPattern: /^alpha:[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    unknownId: (kind) =>
      `alpha:${{ card: 'card_', transaction: 'txn_', threeDS: '3ds_', webhook: 'wh_' }[kind]}0contract404`,
  },
);
