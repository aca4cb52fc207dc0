/**
 * @cardgw/testing: the contract suite every `CardIssuer` must pass (adapters against their simulators, the
 * in-memory issuer, the failover composite). Runs under vitest (an optional peer dependency, the default), jest or
 * `node:test`: pass the runner's test functions as `runner`.
 *
 * @module @cardgw/testing
 */
export { runCardIssuerContract } from './card-issuer-contract.js';
export type { ContractIdKind, ContractOptions, ContractSubject } from './contract-subject.js';
export type { ContractTestBody, ContractTestRunner } from './contract-test-runner.js';
