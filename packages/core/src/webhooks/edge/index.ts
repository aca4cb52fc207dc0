/*
 * `@cardgw/core/webhooks/edge`: webhook verification, event construction and a Fetch API handler on Web Crypto, for
 * Bun, Deno, Cloudflare Workers and Vercel's edge runtime. Nothing reachable from here imports a `node:` module
 * (`edge-imports.test.ts` checks the whole import graph, and runs the bundle in an edge-runtime VM).
 */
export type { WebhookEvent } from '../../domain/webhook.js';
export { ConfigError } from '../../errors/config-error.js';
export { ProviderResponseError } from '../../errors/provider-response-error.js';
export { WebhookVerificationError } from '../../errors/webhook-verification-error.js';
export { Secret } from '../../redaction/secret.js';
export type { ConstructWebhookEventOptions, WebhookDataMapper } from '../construct-webhook-event.js';
export {
  defaultWebhookMaxBodyBytes,
  type WebhookReceiverOptions,
  type WebhookRequestResult,
  type WebhookResponseBody,
} from '../receive-webhook-delivery.js';
export {
  createMemoryWebhookEventStore,
  type MemoryWebhookEventStoreOptions,
  type WebhookEventClaim,
  type WebhookEventStore,
} from '../webhook-event-store.js';
export {
  defaultWebhookBodyReadTimeoutMs,
  maximumWebhookBodyReadTimeoutMs,
  minimumWebhookBodyReadTimeoutMs,
  type WebhookHandlerOptions,
} from '../webhook-handler-options.js';
export type { WebhookPayload } from '../webhook-payload.js';
export { minimumWebhookSecretBytes, type WebhookSecret } from '../webhook-secret.js';
export type { VerifyWebhookSignatureOptions } from '../webhook-signature.js';
export { defaultWebhookSignatureHeader } from '../webhook-signature-header.js';
export { constructWebhookEventWebCrypto } from './construct-webhook-event-web-crypto.js';
export { createFetchWebhookHandler } from './fetch-webhook-handler.js';
export { signWebhookPayloadWebCrypto, verifyWebhookSignatureWebCrypto } from './web-crypto-webhook-signature.js';
