/**
 * `@cardgw/core/provider-utils`: what only adapter authors need, beside the application-facing root entry
 * (`@cardgw/core`). An application never imports this subpath; an adapter package (one per provider, or a shared
 * dialect such as `@cardgw/rest-dialect`) does, to build on the same pipeline, validation and rate limiting as the
 * documented adapters:
 *
 * - the HTTP pipeline's building blocks: abort scopes, the call-outcome stamp (`withOutcome`), idempotency keys, the
 *   credential transport check;
 * - rate-limit rules: validation of a rule list and the sliding window one rule counts in;
 * - validation helpers: the zod input schemas each operation parses with (`parseInput` runs them), the configuration
 *   option parsers and the sentence a configuration issue is described with;
 * - error wording helpers (`asSentence`);
 * - and every name that left the root entry when it shrank to the application-facing surface: the HTTP client
 *   (`createHttpClient` and its types), the rate-limit rule types and the in-process limiter's options, outcome and
 *   failure classification helpers, credential-shape registration and redaction helpers, validation helpers
 *   (`parseInput`, capability guards, bounds), pagination helpers (`createPageResult`), the webhook envelope and
 *   receiver types, the diagnostics message types, and the domain and port types an application meets only through
 *   the values it is given (an application names those as `Cardgw.X`, from the root entry's type namespace).
 *
 * Every name here is documented where it is declared. The names are stable for adapter authors, but they are not part
 * of the application-facing surface, so they may change in a minor release together with the adapters that use them.
 *
 * @module @cardgw/core/provider-utils
 */

// Moved from the root entry (`@cardgw/core`).
export type {
  CallDiagnostic,
  CallResultSummary,
  DiagnosticChannel,
  ErrorDiagnostic,
  GatewayDiagnostic,
  HttpDiagnostic,
  LogDiagnostic,
} from '../diagnostics/diagnostics-channels.js';
// The call's contract, for adapters that begin, check and publish a call the way the documented ones do.
export { publishingFailures } from '../diagnostics/publishing-issuer.js';
export type { BinCriteria } from '../domain/bin.js';
export type { CardFreeze, CardFunding, CardNetwork, CardTermination, Metadata, MetadataValue } from '../domain/card.js';
export type { BillingAddress, CardDetailsFields } from '../domain/card-details.js';
export { type Currency, decimalToMinorUnits, isMoney, zeroUsd } from '../domain/money.js';
export type { Page } from '../domain/page.js';
export {
  type ParsedQualifiedId,
  parseQualifiedId,
  providerIdPattern,
  providerNamePattern,
  type QualifiedId,
  qualifyId,
} from '../domain/qualified-id.js';
export { describeCriteria, matchesCriteria, selectBin } from '../domain/select-bin.js';
export type { ThreeDSChallengeFields, ThreeDSStatus } from '../domain/three-ds-challenge.js';
export type { Merchant, TransactionType } from '../domain/transaction.js';
export type { DepositAddress, DepositAsset, DepositStatus } from '../domain/wallet.js';
export {
  isWebhookEventType,
  type KnownWebhookEvent,
  type UnknownWebhookEvent,
  type WebhookEndpoint,
  type WebhookEventDataMap,
  type WebhookSubscription,
  webhookEventTypes,
} from '../domain/webhook.js';
export { asSentence } from '../errors/as-sentence.js';
export type { CardGatewayErrorOptions } from '../errors/card-gateway-error.js';
export type { ValidationIssue } from '../errors/invalid-request-error.js';
export {
  type CreationKeyClaim,
  type CreationKeyEntry,
  defaultCreationKeyLeaseMs,
  defaultCreationKeyTtlMs,
} from '../gateway/creation-key-ledger.js';
export type { CircuitChangeEvent, FailoverHooks } from '../gateway/failover-issuer.js';
export {
  circuitOpenCode,
  classifyFailure,
  type FailureContext,
  type FailureDisposition,
} from '../gateway/failover-policy.js';
export type { FailoverConfig } from '../gateway/gateway-config.js';
export {
  createMemoryCreationKeyLedger,
  type MemoryCreationKeyLedgerOptions,
} from '../gateway/memory-creation-key-ledger.js';
export type { BreakerSettings, CircuitStateName } from '../gateway/provider-circuit.js';
export type { ProviderContext } from '../gateway/provider-definition.js';
export type { ProviderOrderContext, ProviderOrderPolicy } from '../gateway/provider-order.js';
export type { RedisCreationKeyLedgerOptions } from '../gateway/redis-creation-key-ledger.js';
export type { CombinedWalletBalance, ProviderWalletResult, WalletAggregation } from '../gateway/wallet-aggregation.js';
export { createAbortScope, sleep } from '../http/abort-scope.js';
export { withOutcome } from '../http/call-outcome.js';
export { createHttpClient, defaultAttemptTimeoutMs, defaultTimeoutMs, userAgent } from '../http/http-client.js';
export { idempotencyKeyFor, idempotencyKeyHeader, isMutating } from '../http/idempotency.js';
export { parseJson } from '../http/response-parsing.js';
export { defaultRetryOptions } from '../http/retry-policy.js';
export { rulesForOperation } from '../http/rules-for-operation.js';
export { assertCredentialTransport, isLoopbackHost, type PlainHttpPolicy } from '../http/transport-security.js';
export type {
  AuthStrategy,
  HttpClient,
  HttpClientOptions,
  HttpEvent,
  HttpHooks,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpResponseEvent,
  HttpRetryEvent,
  Logger,
  ProviderErrorReading,
  QueryValue,
  RateLimitWaitEvent,
  ReadProviderError,
  ResponseIssue,
  ResponseSchema,
  RetryOptions,
} from '../http/types.js';
export {
  collectItems,
  createPageResult,
  type PageResultOptions,
  rememberedItemIds,
  slicePage,
} from '../pagination/page-result.js';
export type {
  CardListFilter,
  DepositListFilter,
  ThreeDSListFilter,
  TransactionListFilter,
} from '../port/capabilities.js';
export type {
  BinsResource,
  CardsResource,
  ThreeDSResource,
  TransactionsResource,
  WalletResource,
  WebhooksResource,
} from '../port/card-issuer.js';
export type {
  CardListFilters,
  CardSort,
  CreateCardFields,
  CreateWebhookInput,
  DepositAddressQuery,
  DepositListFilters,
  FundingInput,
  PaginationInput,
  ThreeDSListFilters,
  TransactionListFilters,
  UpdateCardInput,
} from '../port/inputs.js';
export { defaultSafetyMarginMs, type LocalRateLimiterOptions } from '../rate-limit/local-rate-limiter.js';
export type {
  RedisLimiterState,
  RedisRateLimiterOptions,
  RedisScriptClient,
} from '../rate-limit/redis-rate-limiter.js';
export { RuleWindow } from '../rate-limit/rule-window.js';
export type { AcquireOptions, AcquireResult } from '../rate-limit/types.js';
export { validateRateLimitRules } from '../rate-limit/validate-rate-limit-rules.js';
export type { CredentialShape } from '../redaction/credential-shapes.js';
export { redactText, redactValue } from '../redaction/redact.js';
export { redactedExcerpt } from '../redaction/redacted-excerpt.js';
export { registerCredentialShape } from '../redaction/register-credential-shape.js';
export { SanitizedCause, sanitizeCause } from '../redaction/sanitize-cause.js';
export { inspectSymbol, redactedText } from '../redaction/secret.js';
export { isSensitiveKey } from '../redaction/sensitive-key.js';
export { beginCall, parseCallInput, readOptionsOf, termsOf } from '../validation/call-terms.js';
export { assertFiltersSupported, assertOperationSupported } from '../validation/capability-guard.js';
export { type ConfigIssue, describeConfigIssue } from '../validation/describe-config-issue.js';
export {
  cardListSchema,
  createCardSchema,
  depositAddressSchema,
  depositListSchema,
  fundSchema,
  insecureWebhookSchema,
  maximumFundingCents,
  maximumLabelLength,
  maximumMetadataKeys,
  maximumPerPage,
  minimumFundingCents,
  qualifiedId,
  secureWebhookSchema,
  threeDSListSchema,
  transactionListSchema,
  updateCardSchema,
  withdrawSchema,
} from '../validation/input-schemas.js';
export { lazySchema } from '../validation/lazy-schema.js';
export { listAfterZod } from '../validation/list-after-zod.js';
export { loadZodForCall } from '../validation/load-zod-for-call.js';
export { allOperations, everyCapability, isOperation, withoutOperations } from '../validation/operations.js';
export {
  arrayOption,
  booleanOption,
  customOption,
  type NumberBounds,
  type NumberRuleWording,
  numberOption,
  type OptionFields,
  type OptionIssue,
  type OptionRule,
  objectOption,
  oneOfOption,
  positiveIntegerOption,
  readObjectOption,
  requiredOption,
  stringOption,
  unknownKeyIssue,
} from '../validation/option-rules.js';
export { type InputIssue, type InputSchema, parseInput } from '../validation/parse-input.js';
export { copyStringRecord, environmentOption, stringRecordOption } from '../validation/record-options.js';
export { assertRequestOptions } from '../validation/request-options.js';
export { isZodLoaded, loadZod, provideZod, z } from '../validation/zod.js';
export type { ConstructWebhookEventOptions, WebhookDataMapper } from '../webhooks/construct-webhook-event.js';
export type { WebhookIncomingMessage } from '../webhooks/read-webhook-body.js';
export {
  defaultWebhookMaxBodyBytes,
  type HandleWebhookRequestOptions,
  type WebhookRequestHeaders,
  type WebhookRequestResult,
  type WebhookResponseBody,
} from '../webhooks/receive-webhook-delivery.js';
export type { RedisWebhookEventStoreOptions, RedisWebhookStoreClient } from '../webhooks/redis-webhook-event-store.js';
export {
  defaultWebhookEnvelope,
  parseWebhookEnvelope,
  resolveWebhookEnvelopeFields,
  type WebhookEnvelope,
  type WebhookEnvelopeFields,
} from '../webhooks/webhook-envelope.js';
export type { MemoryWebhookEventStoreOptions, WebhookEventClaim } from '../webhooks/webhook-event-store.js';
export {
  defaultWebhookBodyReadTimeoutMs,
  maximumWebhookBodyReadTimeoutMs,
  minimumWebhookBodyReadTimeoutMs,
} from '../webhooks/webhook-handler-options.js';
export type { WebhookPayload } from '../webhooks/webhook-payload.js';
export { minimumWebhookSecretBytes } from '../webhooks/webhook-secret.js';
export type { VerifyWebhookSignatureOptions } from '../webhooks/webhook-signature.js';
export { defaultWebhookSignatureHeader } from '../webhooks/webhook-signature-header.js';
