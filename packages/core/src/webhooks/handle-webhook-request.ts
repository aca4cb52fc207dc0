import { constructWebhookEvent } from './construct-webhook-event.js';
import {
  type HandleWebhookRequestOptions,
  receiveWebhookDelivery,
  type WebhookRequestResult,
} from './receive-webhook-delivery.js';

export {
  defaultWebhookMaxBodyBytes,
  type HandleWebhookRequestOptions,
  payloadTooLarge,
  type WebhookReceiverOptions,
  type WebhookRequestHeaders,
  type WebhookRequestResult,
  type WebhookResponseBody,
} from './receive-webhook-delivery.js';

/**
 * The one framework-neutral webhook receiver: method and size checks, signature verification, parsing, redelivery
 * recognition, then `onEvent`. Never throws; every outcome is a result to answer with:
 * 200 `{ received: true }` (processed) or `{ received: true, duplicate: true }` (a redelivery of a processed event,
 * `onEvent` not called), 400 (malformed body or data), 401 (missing or wrong signature), 405 (not POST),
 * 413 (too large), 500 (`onEvent` failed, the store answered nonsense, or a configuration error) and 503 with
 * `Retry-After` (another delivery of the event is being processed, or the store's `claim` failed: `onEvent` not
 * called): on 500 and 503 the provider redelivers.
 * Error bodies are `{ error, message }`; they never contain the secret.
 */
export function handleWebhookRequest(options: HandleWebhookRequestOptions): Promise<WebhookRequestResult> {
  return receiveWebhookDelivery(options, constructWebhookEvent);
}
