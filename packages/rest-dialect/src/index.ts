/**
 * `@cardgw/rest-dialect`: a REST dialect several providers share, for adapter packages (each adapter's README says
 * that its provider speaks it).
 *
 * Why a shared dialect: providers of one API family document the same paths, the same snake_case payloads with float
 * dollars, the same error body `{ error, message, code, request_id }`, the same `X-Idempotency-Key`, and where one
 * page is silent another speaks for the family. Writing the wire schemas, the mappers and the request builders once
 * per adapter package would repeat logic, and the copies would drift. So, like Vercel's
 * `@ai-sdk/openai-compatible` for the providers that speak OpenAI's dialect, this package holds the dialect once:
 *
 * - wire schemas (zod, tolerant of added fields and of strings that may grow, strict on required fields);
 * - wire → domain mappers (float dollars → integer cents with `moneyFromDecimal`, snake_case → camelCase, ids
 *   qualified with the provider's name, `pending_top_up` → `pending`, `auto_freeze_at` null/0 → null, timestamps
 *   normalized with `Date#toISOString()`);
 * - domain → wire request builders (cents → dollars with `moneyToDecimal`, camelCase → snake_case);
 * - `createRestCardIssuer`, the whole `CardIssuer` port over the shared HTTP pipeline for a dialect description
 *   (provider name and capabilities), and `createRestAdapter`, which wires options, auth and limits to it;
 * - a webhook data mapper for `constructWebhookEvent`;
 * - and, from `@cardgw/rest-dialect/simulator` (never loaded by this entry), `startRestSimulator`, a local server
 *   speaking the dialect, backed by the in-memory issuer (`@cardgw/adapter-memory`).
 *
 * Each adapter package then holds only what is its provider's own: its factory (options parsed by
 * `createAdapterOptionsParser`, registered with `defineRestProvider`), its auth, its base URL, its default limits, its
 * capabilities (`withoutOperations(allOperations, [...])`: what its page leaves out), its quirks (a credential
 * provisioning call beside the port), its simulator entry, its README and its wire tests.
 *
 * @module @cardgw/rest-dialect
 */

export type {
  AuthStrategy,
  HttpClient,
  HttpClientOptions,
  HttpHooks,
  Logger,
  PlainHttpPolicy,
  ProviderErrorReading,
  ReadProviderError,
} from '@cardgw/core/provider-utils';
// The pipeline adapters build on, for calls beside the port (a provider's credential provisioning).
export { assertCredentialTransport, createHttpClient } from '@cardgw/core/provider-utils';
export {
  type BinCache,
  type BinCacheOptions,
  type BinLookupOptions,
  createBinCache,
  defaultBinCacheTtlMs,
} from './bin-cache.js';
export {
  type AdapterOptionChoices,
  type AdapterOptionChoiceValues,
  type AdapterOptionsParser,
  createAdapterOptionsParser,
  createRestOptionsParser,
  type ParsedAdapterOptions,
} from './create-adapter-options-parser.js';
export { createRestAdapter, type RestAdapter, type RestAdapterDefinition } from './create-rest-adapter.js';
export { defineRestProvider } from './define-rest-provider.js';
export { readRestProviderError } from './read-rest-provider-error.js';
export { resolveBinId, resolveProviderId } from './resolve-provider-id.js';
export { type CredentialSpec, normalizeBaseUrl, type RestAdapterOptions } from './rest-adapter-options.js';
export { restCardFields } from './rest-card-fields.js';
export { createRestCardIssuer, type RestCardIssuerConfig, type RestDialect } from './rest-card-issuer.js';
export {
  type RestLimitName,
  type RestLimitOverride,
  type RestLimitOverrides,
  type RestQuota,
  resolveRestLimits,
  restLimitNames,
  restLimitRules,
} from './rest-limits.js';
export * from './rest-mappers.js';
export { mapRestPage } from './rest-pagination.js';
export * from './rest-requests.js';
export { createRestWebhookDataMapper } from './rest-webhook-data-mapper.js';
export type * from './rest-wire-schemas.js';
export { withoutOperations } from './without-operations.js';
