import { describeCardBalanceContract } from './contract-card-balances.js';
import { describeCardChangeContract } from './contract-card-changes.js';
import { describeCardCreationContract } from './contract-card-creation.js';
import { describeCardDetailsContract } from './contract-card-details.js';
import { describeCardReplayContract } from './contract-card-replays.js';
import type { ContractHarness } from './contract-support.js';

// The contract's `cards` block, one file per part (creation, changes, balances, details, replays) so no one function
// holds the whole block; the tests run in this order, under the same names as when they were one function.

/** The `cards` block of the contract: every card operation, its effects on the wallet and its refusals. */
export function describeCardContract(harness: ContractHarness): void {
  const { describe } = harness.runner;
  describe('cards', () => {
    describeCardCreationContract(harness);
    describeCardChangeContract(harness);
    describeCardBalanceContract(harness);
    describeCardDetailsContract(harness);
    describeCardReplayContract(harness);
  });
}
