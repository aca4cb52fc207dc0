// The contract suite under node:test, in a project without vitest: the runner's own functions, passed as `runner`.
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { runCardIssuerContract } from '@cardgw/testing';

runCardIssuerContract(
  'in-memory issuer under node:test',
  () => {
    const issuer = createMemoryIssuer();
    return { issuer, backend: issuer };
  },
  { runner: { describe, it, beforeEach, afterEach } },
);
