export {
  type ConstructWebhookEventOptions,
  constructWebhookEvent,
  type WebhookDataMapper,
} from './construct-webhook-event.js';
export {
  defaultWebhookMaxBodyBytes,
  type HandleWebhookRequestOptions,
  handleWebhookRequest,
  type WebhookReceiverOptions,
  type WebhookRequestHeaders,
  type WebhookRequestResult,
  type WebhookResponseBody,
} from './handle-webhook-request.js';
export {
  createWebhookHandler,
  defaultWebhookBodyReadTimeoutMs,
  maximumWebhookBodyReadTimeoutMs,
  minimumWebhookBodyReadTimeoutMs,
  type WebhookHandlerOptions,
} from './node-webhook-handler.js';
export type { WebhookIncomingMessage } from './read-webhook-body.js';
export {
  createRedisWebhookEventStore,
  type RedisWebhookEventStoreOptions,
  type RedisWebhookStoreClient,
} from './redis-webhook-event-store.js';
export {
  defaultWebhookEnvelope,
  parseWebhookEnvelope,
  resolveWebhookEnvelopeFields,
  type WebhookEnvelope,
  type WebhookEnvelopeFields,
} from './webhook-envelope.js';
export {
  createMemoryWebhookEventStore,
  type MemoryWebhookEventStoreOptions,
  type WebhookEventClaim,
  type WebhookEventStore,
} from './webhook-event-store.js';
export { minimumWebhookSecretBytes } from './webhook-secret.js';
export {
  defaultWebhookSignatureHeader,
  signWebhookPayload,
  type VerifyWebhookSignatureOptions,
  verifyWebhookSignature,
  type WebhookPayload,
  type WebhookSecret,
} from './webhook-signature.js';
