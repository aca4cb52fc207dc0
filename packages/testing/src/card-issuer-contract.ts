import { describeCapabilityContract } from './contract-capabilities.js';
import { describeCardFilterContract } from './contract-card-filters.js';
import { describeCardContract } from './contract-cards.js';
import { describeLedgerContract } from './contract-ledger.js';
import { describePaginationContract } from './contract-pagination.js';
import type { ContractOptions, ContractSubject } from './contract-subject.js';
import type { ContractHarness } from './contract-support.js';
import { type ContractTestRunner, vitestRunner } from './contract-test-runner.js';
import { describeThreeDSContract } from './contract-three-ds.js';
import { describeTransactionContract } from './contract-transactions.js';
import { describeValidationContract } from './contract-validation.js';
import { describeWalletContract } from './contract-wallet.js';
import { describeWebhookContract } from './contract-webhooks.js';

/**
 * The behaviour every `CardIssuer` must show, as tests of the runner in `options.runner` (vitest's by default; jest's
 * and `node:test`'s fit as they are): call it at the top level of a test file. Each test gets
 * a fresh subject from `makeSubject` and calls its `cleanup` afterwards. The suite is generic: it reads
 * `issuer.capabilities` to know which operations and filters to expect (a declared one must work, an undeclared one
 * must throw `UnsupportedOperationError`), and drives purchases, 3-D Secure and deposits through `backend.simulate`.
 *
 * A subject should start with a wallet of at most $100,000 (tests that need an empty wallet spend it on cards).
 * Assertions fail with `node:assert`'s `AssertionError`, which every runner reports with its diff.
 *
 * @throws ConfigError when no `runner` is given and vitest is not installed (the message says what to do instead).
 */
export function runCardIssuerContract(
  name: string,
  makeSubject: () => ContractSubject | Promise<ContractSubject>,
  options: ContractOptions = {},
): void {
  const runner = zeroArgumentBodies(options.runner ?? vitestRunner());
  const { describe, beforeEach, afterEach } = runner;
  describe(`CardIssuer contract: ${name}`, () => {
    let current: ContractSubject | undefined;

    beforeEach(async () => {
      current = await makeSubject();
    });

    afterEach(async () => {
      const finished = current;
      current = undefined;
      await finished?.cleanup?.();
    });

    const harness: ContractHarness = {
      options,
      runner,
      subject() {
        if (current === undefined) throw new Error('the contract subject is only available inside a test');
        return current;
      },
    };

    describeCardContract(harness);
    describeLedgerContract(harness);
    describePaginationContract(harness);
    describeCardFilterContract(harness);
    describeTransactionContract(harness);
    describeThreeDSContract(harness);
    describeWalletContract(harness);
    describeWebhookContract(harness);
    describeValidationContract(harness);
    describeCapabilityContract(harness);
  });
}

/**
 * The runner's functions, called unbound and always handed a body without parameters: `node:test` reads a body with
 * one as taking a `done` callback.
 */
function zeroArgumentBodies(runner: ContractTestRunner): ContractTestRunner {
  return {
    describe: (name, body) => runner.describe(name, () => body()),
    it: (name, body) => runner.it(name, () => body()),
    beforeEach: (hook) => runner.beforeEach(() => hook()),
    afterEach: (hook) => runner.afterEach(() => hook()),
  };
}
