/**
 * @cardgw/adapter-memory: the in-memory issuer. The same `CardIssuer` interface as a real provider, backed by a faithful
 * state machine (wallet, cards, transactions, 3-D Secure, deposits, webhooks), deterministic and with simulation,
 * fault-injection and event controls, so an application's tests need no network and no mocks. Each adapter package
 * exports a profile that makes it behave as its provider, from its `/testing` entry
 * (`@cardgw/adapter-<provider>/testing`): `createMemoryIssuer(profile)`.
 *
 * @module @cardgw/adapter-memory
 */
// Kept for compatibility: first published here, they now live in core (`@cardgw/core`).
export { allOperations, matchesCriteria, selectBin } from '@cardgw/core/provider-utils';
export { isLuhnValid } from './card-number.js';
export { type BinSeed, defaultBinSeeds } from './default-bins.js';
export { defaultIdPrefixes, type IdKind } from './deterministic-ids.js';
export type { MemoryEvents } from './event-bus.js';
export type { MemoryFaults } from './fault-injector.js';
export { idempotencyKeyRetentionMs } from './idempotency-store.js';
export { type Clock, createManualClock, isManualClock, type ManualClock, systemClock } from './manual-clock.js';
export { fullMemoryCapabilities } from './memory-capabilities.js';
export type { CardField, CardFieldSets } from './memory-context.js';
export {
  createMemoryIssuer,
  type MemoryIssuer,
  type MemoryIssuerOptions,
  type MemoryIssuerProfile,
  type MemorySnapshot,
} from './memory-issuer.js';
export { defaultCallDeadlineMs } from './memory-rate-limits.js';
export type {
  DeclineReason,
  MemorySimulation,
  SimulatedDepositInput,
  SimulatedMerchant,
  SimulatedPurchase,
  SimulatedPurchaseInput,
} from './memory-simulation.js';
export { defaultDepositAssets, type MemoryDepositAsset } from './memory-wallet.js';
