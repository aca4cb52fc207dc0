import { rethrowPublished } from '../diagnostics/publish-failure.js';
import type { WebhookEvent, WebhookEventDataMap, WebhookEventType } from '../domain/webhook.js';
import { buildVerifiedWebhookEvent, signatureRefusal } from './build-webhook-event.js';
import type { WebhookEnvelopeFields } from './webhook-envelope.js';
import {
  assertRawPayload,
  verifyWebhookSignature,
  type WebhookPayload,
  type WebhookSecret,
} from './webhook-signature.js';

/** Turns the wire `data` of each documented event into its domain object. Each adapter supplies one. */
export interface WebhookDataMapper {
  /** The provider's name: it qualifies event ids (`acme:evt_…`) and ids inside `data`. */
  readonly provider: string;
  /** Maps the wire `data` of a documented event to its domain object; throws ProviderResponseError when malformed. */
  mapData<Type extends WebhookEventType>(type: Type, data: unknown): WebhookEventDataMap[Type];
}

/**
 * Options of `constructWebhookEvent`: the raw body, its signature header, the secret, the provider's mapper and the
 * timestamp tolerance.
 */
export interface ConstructWebhookEventOptions {
  /** The raw request body (string or Buffer/Uint8Array) exactly as received; a parsed object is refused. */
  readonly payload: WebhookPayload;
  /** The signature header's value (see `verifyWebhookSignature` for the accepted forms). */
  readonly signature: string | undefined;
  readonly secret: WebhookSecret;
  readonly mapper: WebhookDataMapper;
  /** Field names of the envelope. @default defaultWebhookEnvelope: `{ id, type, created_at, data }` */
  readonly envelope?: Partial<WebhookEnvelopeFields> | undefined;
  /**
   * Refuse an event whose creation time is further than this from now (needs a `createdAt` field in the envelope).
   * Off by default: the providers sign only the body, with no separate delivery timestamp, and a redelivery keeps the
   * event's original `created_at`, so a window would refuse a provider's legitimate late retries. Replays of a
   * captured delivery are caught instead by the event-id store of the handler.
   * @default undefined (no check)
   */
  readonly toleranceMs?: number | undefined;
  /** The clock, for tests. @default Date.now */
  readonly now?: (() => number) | undefined;
}

/**
 * Verifies a delivery's signature, then parses it into the normalized, typed event union. Throws
 * `WebhookVerificationError` (code `webhook_signature_invalid`: no or wrong signature; `webhook_body_malformed`: not
 * UTF-8 JSON; `webhook_envelope_invalid`: no id or type, or outside `toleranceMs`) or `ProviderResponseError` (a
 * documented event whose `data` the mapper cannot read). An undocumented event name is not an error: it arrives as
 * `{ type: 'unknown', originalType, data }` with the raw data (frozen), which prints redacted through
 * `JSON.stringify` and `util.inspect`, the event's and any nested object's.
 */
export function constructWebhookEvent(options: ConstructWebhookEventOptions): WebhookEvent {
  try {
    assertRawPayload(options.payload);
    const provider = options.mapper.provider;
    if (!verifyWebhookSignature(options)) throw signatureRefusal(options.signature, provider);
    return buildVerifiedWebhookEvent(options);
  } catch (error) {
    rethrowPublished(error);
  }
}
