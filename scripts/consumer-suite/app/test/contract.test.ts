import { createMemoryIssuer } from '@cardgw/core/memory';
import { runCardIssuerContract } from '@cardgw/core/testing';

// The default runner: vitest, found without being passed.
runCardIssuerContract('in-memory issuer under vitest', () => {
  const issuer = createMemoryIssuer();
  return { issuer, backend: issuer };
});
