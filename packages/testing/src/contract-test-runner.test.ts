import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { describe, expect, it } from 'vitest';
import { runCardIssuerContract } from './card-issuer-contract.js';
import type { ContractTestBody, ContractTestRunner } from './contract-test-runner.js';

/** A runner of our own, as a third-party one would be: records what the suite declares, runs it afterwards. */
function recordingRunner() {
  const tests: { name: string; body: ContractTestBody }[] = [];
  const before: ContractTestBody[] = [];
  const after: ContractTestBody[] = [];
  const path: string[] = [];
  const arities: number[] = [];
  const runner: ContractTestRunner = {
    describe(name, body) {
      arities.push(body.length);
      path.push(name);
      body();
      path.pop();
    },
    it(name, body) {
      arities.push(body.length);
      tests.push({ name: [...path, name].join(' > '), body });
    },
    beforeEach(hook) {
      arities.push(hook.length);
      before.push(hook);
    },
    afterEach(hook) {
      arities.push(hook.length);
      after.push(hook);
    },
  };
  return { runner, tests, before, after, arities };
}

describe('runCardIssuerContract with the runner it is given', () => {
  it('declares its tests through that runner only, and they pass when that runner runs them', async () => {
    const recorded = recordingRunner();
    runCardIssuerContract(
      'memory, self-run',
      () => {
        const issuer = createMemoryIssuer();
        return { issuer, backend: issuer };
      },
      { runner: recorded.runner },
    );
    expect(recorded.tests.length).toBeGreaterThan(50);
    expect(recorded.tests[0]?.name).toMatch(/^CardIssuer contract: memory, self-run > /);
    // node:test takes a body with a parameter for a done-callback body: every body the suite hands over has none.
    expect(recorded.arities.every((arity) => arity === 0)).toBe(true);
    for (const test of recorded.tests) {
      for (const hook of recorded.before) await hook();
      try {
        await test.body();
      } finally {
        for (const hook of recorded.after) await hook();
      }
    }
  });

  it('fails a test through node:assert when the issuer breaks the contract', async () => {
    const recorded = recordingRunner();
    runCardIssuerContract(
      'memory that lies about its provider',
      () => {
        const issuer = createMemoryIssuer();
        return { issuer: { ...issuer, provider: 'Not A Provider Id' }, backend: issuer };
      },
      { runner: recorded.runner },
    );
    const declaring = recorded.tests.find((test) => test.name.includes('declares only known operations'));
    for (const hook of recorded.before) await hook();
    await expect(Promise.resolve().then(() => declaring?.body())).rejects.toMatchObject({ name: 'AssertionError' });
  });
});
