export { type CreateGatewayOptions, createGateway, type Gateway, type GatewayHooks } from './create-gateway.js';
export {
  type CreationKeyClaim,
  type CreationKeyEntry,
  type CreationKeyLedger,
  defaultCreationKeyLeaseMs,
  defaultCreationKeyTtlMs,
} from './creation-key-ledger.js';
export {
  type CircuitChangeEvent,
  createFailoverIssuer,
  type FailoverEvent,
  type FailoverHooks,
  type FailoverIssuer,
  type FailoverIssuerOptions,
} from './failover-issuer.js';
export { circuitOpenCode, classifyFailure, type FailureContext, type FailureDisposition } from './failover-policy.js';
export {
  type FailoverConfig,
  type GatewayConfig,
  type ProviderConfig,
  parseGatewayConfig,
  type SecretReference,
} from './gateway-config.js';
export { gatewayConfigFromEnv } from './gateway-config-from-env.js';
export { createMemoryCreationKeyLedger, type MemoryCreationKeyLedgerOptions } from './memory-creation-key-ledger.js';
export type { BreakerSettings, CircuitStateName, ProviderHealth } from './provider-circuit.js';
export { defineProvider, type ProviderContext, type ProviderDefinition } from './provider-definition.js';
export type { ProviderOrderContext, ProviderOrderPolicy } from './provider-order.js';
export { createRedisCreationKeyLedger, type RedisCreationKeyLedgerOptions } from './redis-creation-key-ledger.js';
export type { CombinedWalletBalance, ProviderWalletResult, WalletAggregation } from './wallet-aggregation.js';
