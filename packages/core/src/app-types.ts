/**
 * Every type an application meets in `@cardgw/core`'s application-facing API, under one name: `Cardgw` (the way
 * stripe-node keeps `Stripe.Customer` and `Stripe.CustomerCreateParams` under `Stripe`). Its members are the
 * interfaces and type aliases that the root entry's functions, classes and types name in their signatures
 * (parameters, results, properties, hooks, options, recursively), the root's own types included, so
 * `Cardgw.FundingInput`, `Cardgw.Page<Cardgw.Card>` or `Cardgw.Logger` is always there to write:
 *
 * ```ts
 * import { type Cardgw, createGateway } from '@cardgw/core';
 *
 * async function fund(issuer: Cardgw.CardIssuer, cardId: string, input: Cardgw.FundingInput) {
 *   return issuer.cards.fund(cardId, input);
 * }
 * ```
 *
 * Type-only: it adds no code to a bundle and one name to the root entry. Values (functions, error classes,
 * `CardDetails`, `ThreeDSChallenge`, `Secret`) are exported from the root itself. Each member is documented where it
 * is declared; tests/architecture/core-app-types.test.ts keeps the namespace equal to what the API names.
 *
 * @module Cardgw
 */
export type { Bin, BinCriteria } from './domain/bin.js';
export type {
  Card,
  CardFreeze,
  CardFunding,
  CardNetwork,
  CardStatus,
  CardTermination,
  Metadata,
  MetadataValue,
} from './domain/card.js';
export type { BillingAddress, CardDetailsFields } from './domain/card-details.js';
export type { Money } from './domain/money.js';
export type { Page, PageResult } from './domain/page.js';
export type { QualifiedId } from './domain/qualified-id.js';
export type { ThreeDSChallengeFields, ThreeDSStatus } from './domain/three-ds-challenge.js';
export type { Merchant, Transaction, TransactionType } from './domain/transaction.js';
export type { Deposit, DepositAddress, DepositAsset, DepositStatus, WalletBalance } from './domain/wallet.js';
export type {
  KnownWebhookEvent,
  UnknownWebhookEvent,
  WebhookEndpoint,
  WebhookEvent,
  WebhookEventBase,
  WebhookEventDataMap,
  WebhookEventType,
  WebhookSubscription,
} from './domain/webhook.js';
export type { CallOutcome } from './errors/call-outcome.js';
export type { CardGatewayErrorOptions } from './errors/card-gateway-error.js';
export type { ValidationIssue } from './errors/invalid-request-error.js';
export type { CreateGatewayOptions, Gateway, GatewayHooks } from './gateway/create-gateway.js';
export type { CreationKeyClaim, CreationKeyEntry, CreationKeyLedger } from './gateway/creation-key-ledger.js';
export type { FailoverEvent } from './gateway/failover-call.js';
export type {
  CircuitChangeEvent,
  FailoverHooks,
  FailoverIssuer,
  FailoverIssuerOptions,
} from './gateway/failover-issuer.js';
export type { FailoverConfig, GatewayConfig, ProviderConfig, SecretReference } from './gateway/gateway-config.js';
export type { BreakerSettings, CircuitStateName, ProviderHealth } from './gateway/provider-circuit.js';
export type { ProviderContext, ProviderDefinition } from './gateway/provider-definition.js';
export type { ProviderOrderContext, ProviderOrderPolicy } from './gateway/provider-order.js';
export type { RedisCreationKeyLedgerOptions } from './gateway/redis-creation-key-ledger.js';
export type { CombinedWalletBalance, ProviderWalletResult, WalletAggregation } from './gateway/wallet-aggregation.js';
export type {
  HttpEvent,
  HttpHooks,
  HttpMethod,
  HttpResponseEvent,
  HttpRetryEvent,
  Logger,
  RateLimitWaitEvent,
} from './http/types.js';
export type {
  CardListFilter,
  DepositListFilter,
  IssuerCapabilities,
  Operation,
  ThreeDSListFilter,
  TransactionListFilter,
} from './port/capabilities.js';
export type {
  BinsResource,
  CardIssuer,
  CardsResource,
  ThreeDSResource,
  TransactionsResource,
  WalletResource,
  WebhooksResource,
} from './port/card-issuer.js';
export type {
  CardListFilters,
  CardSort,
  CreateCardFields,
  CreateCardInput,
  CreateWebhookInput,
  DepositAddressQuery,
  DepositListFilters,
  FundingInput,
  PaginationInput,
  RequestOptions,
  ThreeDSListFilters,
  TransactionListFilters,
  UpdateCardInput,
} from './port/inputs.js';
export type { LocalRateLimiterOptions } from './rate-limit/local-rate-limiter.js';
export type { RedisLimiterState, RedisRateLimiterOptions, RedisScriptClient } from './rate-limit/redis-rate-limiter.js';
export type { AcquireOptions, AcquireResult, RateLimiter, RateLimitRule } from './rate-limit/types.js';
export type { ConstructWebhookEventOptions, WebhookDataMapper } from './webhooks/construct-webhook-event.js';
export type { WebhookIncomingMessage } from './webhooks/read-webhook-body.js';
export type {
  HandleWebhookRequestOptions,
  WebhookReceiverOptions,
  WebhookRequestHeaders,
  WebhookRequestResult,
  WebhookResponseBody,
} from './webhooks/receive-webhook-delivery.js';
export type { RedisWebhookEventStoreOptions, RedisWebhookStoreClient } from './webhooks/redis-webhook-event-store.js';
export type { WebhookEnvelopeFields } from './webhooks/webhook-envelope.js';
export type {
  MemoryWebhookEventStoreOptions,
  WebhookEventClaim,
  WebhookEventStore,
} from './webhooks/webhook-event-store.js';
export type { WebhookHandlerOptions } from './webhooks/webhook-handler-options.js';
export type { WebhookPayload } from './webhooks/webhook-payload.js';
export type { WebhookSecret } from './webhooks/webhook-secret.js';
export type { VerifyWebhookSignatureOptions } from './webhooks/webhook-signature.js';
