/**
 * @cardgw/core: the normalized card-issuing domain, the `CardIssuer` port, the error hierarchy, input validation and
 * the pieces every issuer shares. Every type its API names is in the type-only namespace `Cardgw`
 * (`Cardgw.FundingInput`, `Cardgw.Page<Cardgw.Card>`), so an application never imports a type from a subpath.
 * Subpaths: `@cardgw/core/provider-utils` (what only adapter authors need), `@cardgw/core/webhooks/edge` and
 * `@cardgw/core/otel`. The in-memory issuer, the contract suite and the REST dialect are packages of their own:
 * `@cardgw/adapter-memory`, `@cardgw/testing`, `@cardgw/rest-dialect`.
 *
 * @module @cardgw/core
 */
// The application-facing surface: at most 80 names (tests/architecture/core-front-door.test.ts counts them), each
// documented where it is declared. What only adapter authors need is exported by `./provider-utils/index.ts`.
// Every type the surface names, the ones only reachable through its signatures included, is one name: `Cardgw`.
export type * as Cardgw from './app-types.js';
export { diagnosticsChannelNames } from './diagnostics/diagnostics-channels.js';
export type { Bin } from './domain/bin.js';
export type { Card, CardStatus } from './domain/card.js';
export { CardDetails } from './domain/card-details.js';
export {
  addMoney,
  cents,
  formatMoney,
  type Money,
  MoneyConversionError,
  moneyFromDecimal,
  moneyToDecimal,
  subtractMoney,
  usd,
} from './domain/money.js';
export type { PageResult } from './domain/page.js';
export { ThreeDSChallenge } from './domain/three-ds-challenge.js';
export type { Transaction } from './domain/transaction.js';
export type { Deposit, WalletBalance } from './domain/wallet.js';
export type { WebhookEvent, WebhookEventType } from './domain/webhook.js';
export { AmbiguousOutcomeError } from './errors/ambiguous-outcome-error.js';
export { AuthenticationError } from './errors/authentication-error.js';
export { CardGatewayError } from './errors/card-gateway-error.js';
export { ConfigError } from './errors/config-error.js';
export { IdempotencyKeyInUseError } from './errors/idempotency-key-in-use-error.js';
export { IncompleteListError } from './errors/incomplete-list-error.js';
export { InsufficientFundsError } from './errors/insufficient-funds-error.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { NotFoundError } from './errors/not-found-error.js';
export { ProviderResponseError } from './errors/provider-response-error.js';
export { ProviderUnavailableError } from './errors/provider-unavailable-error.js';
export { RateLimitError } from './errors/rate-limit-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { UnsupportedOperationError } from './errors/unsupported-operation-error.js';
export { WebhookVerificationError } from './errors/webhook-verification-error.js';
export { type CreateGatewayOptions, createGateway, type Gateway, type GatewayHooks } from './gateway/create-gateway.js';
export type { CreationKeyLedger } from './gateway/creation-key-ledger.js';
export {
  createFailoverIssuer,
  type FailoverEvent,
  type FailoverIssuer,
  type FailoverIssuerOptions,
} from './gateway/failover-issuer.js';
export {
  type GatewayConfig,
  type ProviderConfig,
  parseGatewayConfig,
  type SecretReference,
} from './gateway/gateway-config.js';
export { gatewayConfigFromEnv } from './gateway/gateway-config-from-env.js';
export type { ProviderHealth } from './gateway/provider-circuit.js';
export { defineProvider, type ProviderDefinition } from './gateway/provider-definition.js';
export { createRedisCreationKeyLedger } from './gateway/redis-creation-key-ledger.js';
export { type CallOutcome, outcomeOf } from './http/call-outcome.js';
export type { IssuerCapabilities, Operation } from './port/capabilities.js';
export type { CardIssuer } from './port/card-issuer.js';
export type { CreateCardInput, RequestOptions } from './port/inputs.js';
export { createLocalRateLimiter } from './rate-limit/local-rate-limiter.js';
export { createRedisRateLimiter } from './rate-limit/redis-rate-limiter.js';
export type { RateLimiter, RateLimitRule } from './rate-limit/types.js';
export { maskPan, Secret } from './redaction/secret.js';
export { constructWebhookEvent } from './webhooks/construct-webhook-event.js';
export { handleWebhookRequest } from './webhooks/handle-webhook-request.js';
export { createWebhookHandler } from './webhooks/node-webhook-handler.js';
export type { WebhookReceiverOptions } from './webhooks/receive-webhook-delivery.js';
export { createRedisWebhookEventStore } from './webhooks/redis-webhook-event-store.js';
export { createMemoryWebhookEventStore, type WebhookEventStore } from './webhooks/webhook-event-store.js';
export type { WebhookHandlerOptions } from './webhooks/webhook-handler-options.js';
export type { WebhookSecret } from './webhooks/webhook-secret.js';
export { signWebhookPayload, verifyWebhookSignature } from './webhooks/webhook-signature.js';
