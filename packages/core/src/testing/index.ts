/**
 * @cardgw/core/testing: the contract suite every `CardIssuer` must pass (adapters against their simulators, the
 * in-memory issuer, the failover composite). Needs vitest (an optional peer dependency).
 *
 * @module @cardgw/core/testing
 */
export { runCardIssuerContract } from './card-issuer-contract.js';
export type { ContractIdKind, ContractOptions, ContractSubject } from './contract-subject.js';
