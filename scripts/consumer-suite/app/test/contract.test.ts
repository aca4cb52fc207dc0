import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { runCardIssuerContract } from '@cardgw/testing';

// The default runner: vitest, found without being passed.
runCardIssuerContract('in-memory issuer under vitest', () => {
  const issuer = createMemoryIssuer();
  return { issuer, backend: issuer };
});
