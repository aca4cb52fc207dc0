import { qualifyId } from '../domain/qualified-id.js';
import type { KnownWebhookEvent, WebhookEvent, WebhookEventDataMap, WebhookEventType } from '../domain/webhook.js';
import { isWebhookEventType } from '../domain/webhook.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { ConfigError } from '../errors/config-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { parseWebhookEnvelope, type WebhookEnvelopeFields } from './webhook-envelope.js';
import {
  assertRawPayload,
  verifyWebhookSignature,
  type WebhookPayload,
  type WebhookSecret,
} from './webhook-signature.js';

/** Turns the wire `data` of each documented event into its domain object. Each adapter supplies one. */
export interface WebhookDataMapper {
  /** The provider's name: it qualifies event ids (`privcards:evt_…`) and ids inside `data`. */
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
 * `{ type: 'unknown', originalType, data }` with the raw data.
 */
export function constructWebhookEvent(options: ConstructWebhookEventOptions): WebhookEvent {
  assertRawPayload(options.payload);
  const { mapper } = options;
  const provider = mapper.provider;
  if (!verifyWebhookSignature(options)) {
    const missing = options.signature === undefined || options.signature.trim() === '';
    throw new WebhookVerificationError(
      missing
        ? 'the webhook signature is missing'
        : 'the webhook signature does not match the body: check the secret, and that the raw body reaches the check unmodified',
      { code: 'webhook_signature_invalid', provider },
    );
  }
  const envelope = parseWebhookEnvelope(parseJson(options.payload, provider), options.envelope);
  if (options.toleranceMs !== undefined) checkTolerance(envelope.createdAt, options.toleranceMs, options.now, provider);
  const now = options.now ?? Date.now;
  const base = {
    id: qualifyId(provider, envelope.id),
    provider,
    // With no creation time in the envelope, the time of receipt is the best the receiver knows.
    createdAt: envelope.createdAt ?? new Date(now()).toISOString(),
  };
  if (!isWebhookEventType(envelope.type)) {
    return { ...base, type: 'unknown', originalType: envelope.type, data: envelope.data };
  }
  const data = mapEventData(mapper, envelope.type, envelope.data);
  return { ...base, type: envelope.type, data } as KnownWebhookEvent;
}

function parseJson(payload: WebhookPayload, provider: string): unknown {
  try {
    const text = typeof payload === 'string' ? payload : new TextDecoder('utf-8', { fatal: true }).decode(payload);
    return JSON.parse(text);
  } catch {
    // The SyntaxError's text quotes the body; the message stays generic instead.
    throw new WebhookVerificationError('the webhook body is not valid UTF-8 JSON', {
      code: 'webhook_body_malformed',
      provider,
    });
  }
}

function checkTolerance(
  createdAt: string | undefined,
  toleranceMs: number,
  now: (() => number) | undefined,
  provider: string,
): void {
  if (!Number.isFinite(toleranceMs) || toleranceMs < 0) {
    throw new ConfigError('toleranceMs must be a non-negative number of milliseconds', { option: 'toleranceMs' });
  }
  if (createdAt === undefined) {
    throw new WebhookVerificationError('the webhook body has no creation time to check against toleranceMs', {
      code: 'webhook_envelope_invalid',
      provider,
    });
  }
  const age = Math.abs((now ?? Date.now)() - Date.parse(createdAt));
  if (!(age <= toleranceMs)) {
    throw new WebhookVerificationError(`the webhook event was created more than ${toleranceMs} ms from now`, {
      code: 'webhook_envelope_invalid',
      provider,
    });
  }
}

function mapEventData<Type extends WebhookEventType>(
  mapper: WebhookDataMapper,
  type: Type,
  data: unknown,
): WebhookEventDataMap[Type] {
  try {
    return mapper.mapData(type, data);
  } catch (error) {
    if (CardGatewayError.isInstance(error)) throw error;
    // A foreign error (a TypeError in a mapper) may quote the data, which can hold a PAN: keep only its name.
    const name = error instanceof Error ? error.name : typeof error;
    throw new ProviderResponseError(`the data of a ${type} webhook event could not be read (${name})`, {
      provider: mapper.provider,
    });
  }
}
