import type { CardIssuer, IssuerCapabilities, RateLimitRule } from '@cardgw/core';
import { type AuthStrategy, createHttpClient, type HttpClient, publishingFailures } from '@cardgw/core/provider-utils';
import { readRestProviderError } from './read-rest-provider-error.js';
import type { RestAdapterOptions } from './rest-adapter-options.js';
import { normalizeBaseUrl } from './rest-adapter-options.js';
import { createRestCardIssuer } from './rest-card-issuer.js';
import { type RestLimitName, resolveRestLimits } from './rest-limits.js';

/** What an adapter of the dialect declares about its provider; the rest is shared. */
export interface RestAdapterDefinition {
  readonly provider: string;
  readonly capabilities: IssuerCapabilities;
  readonly defaultBaseUrl: string;
  readonly defaultLimits: Readonly<Record<RestLimitName, RateLimitRule>>;
  readonly auth: AuthStrategy;
}

/** The adapter's issuer, and the pipeline under it (for adapters that add calls beside the port). */
export interface RestAdapter {
  readonly issuer: CardIssuer;
  readonly http: HttpClient;
}

/**
 * Builds an adapter's issuer from its definition and its already-validated options: the pipeline (base URL, auth,
 * limits with overrides, retries, deadline, hooks, logger, headers, the dialect's error body and its
 * `X-Idempotency-Key`) and the dialect's `CardIssuer` on top of it.
 */
export function createRestAdapter(definition: RestAdapterDefinition, options: RestAdapterOptions): RestAdapter {
  const { provider } = definition;
  const http = createHttpClient({
    provider,
    baseUrl: normalizeBaseUrl(options.baseUrl ?? definition.defaultBaseUrl),
    auth: definition.auth,
    limits: resolveRestLimits(provider, definition.defaultLimits, options.limits),
    limiter: options.limiter,
    timeoutMs: options.timeoutMs,
    attemptTimeoutMs: options.attemptTimeoutMs,
    retry: { ...options.retryBackoff, maxRetries: options.maxRetries },
    headers: options.headers,
    hooks: options.hooks,
    logger: options.logger,
    readProviderError: readRestProviderError,
  });
  const capabilities: IssuerCapabilities = options.allowInsecureWebhookUrls
    ? { ...definition.capabilities, allowsInsecureWebhookUrls: true }
    : definition.capabilities;
  const issuer = publishingFailures(
    createRestCardIssuer({ provider, capabilities, http, binCacheTtlMs: options.binCacheTtlMs }),
  );
  return { issuer, http };
}
