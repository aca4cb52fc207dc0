import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { runCardIssuerContract } from '@cardgw/testing';
import { afterEach, beforeEach, describe, it } from '@jest/globals';

runCardIssuerContract(
  'in-memory issuer under jest',
  () => {
    const issuer = createMemoryIssuer();
    return { issuer, backend: issuer };
  },
  { runner: { describe, it, beforeEach, afterEach } },
);
