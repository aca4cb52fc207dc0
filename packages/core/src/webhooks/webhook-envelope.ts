import { WebhookVerificationError } from '../errors/webhook-verification-error.js';

/**
 * Where each part of a delivery sits in its JSON body. Neither provider documents the envelope, so these are field
 * names, configurable per adapter, with `defaultWebhookEnvelope` as the assumption.
 */
export interface WebhookEnvelopeFields {
  /** The event id; a redelivery carries the same one. @default 'id' */
  readonly id: string;
  /** The event name (`card.created`). @default 'type' */
  readonly type: string;
  /** The event's creation time (ISO 8601, or Unix seconds); `null` when the envelope carries none. @default 'created_at' */
  readonly createdAt: string | null;
  /** The event's object, mapped per event type. @default 'data' */
  readonly data: string;
}

/** `{ id, type, created_at, data }`: the envelope assumed when none is configured (cite it in adapters' READMEs). */
export const defaultWebhookEnvelope: WebhookEnvelopeFields = Object.freeze({
  id: 'id',
  type: 'type',
  createdAt: 'created_at',
  data: 'data',
});

/** A delivery's envelope, read but not yet mapped. */
export interface WebhookEnvelope {
  /** The provider's own event id (not yet qualified). */
  readonly id: string;
  readonly type: string;
  /** As sent (Unix seconds become ISO 8601), or `undefined` when the envelope has no creation time. */
  readonly createdAt: string | undefined;
  /** The raw `data` value, as sent. */
  readonly data: unknown;
}

/** Fills the fields a caller left out with the defaults. */
export function resolveWebhookEnvelopeFields(fields: Partial<WebhookEnvelopeFields> = {}): WebhookEnvelopeFields {
  return { ...defaultWebhookEnvelope, ...fields };
}

const maximumIdLength = 256;

/**
 * Reads the envelope of a parsed (and already verified) delivery. Throws `WebhookVerificationError` with code
 * `webhook_envelope_invalid` when the body is not an object or lacks a usable id or type.
 */
export function parseWebhookEnvelope(
  body: unknown,
  fields: Partial<WebhookEnvelopeFields> = defaultWebhookEnvelope,
): WebhookEnvelope {
  const resolved = resolveWebhookEnvelopeFields(fields);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidEnvelope('the webhook body is not a JSON object');
  }
  const record = body as Record<string, unknown>;
  const id = readId(record[resolved.id]);
  if (id === undefined) throw invalidEnvelope(`the webhook body has no usable event id in "${resolved.id}"`);
  const type = record[resolved.type];
  if (typeof type !== 'string' || type.length === 0 || type.length > maximumIdLength) {
    throw invalidEnvelope(`the webhook body has no event type in "${resolved.type}"`);
  }
  const createdAt = resolved.createdAt === null ? undefined : readTime(record[resolved.createdAt], resolved.createdAt);
  return { id, type, createdAt, data: record[resolved.data] };
}

function readId(value: unknown): string | undefined {
  // Some providers number their events; the id only has to be stable across redeliveries.
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value !== 'string') return undefined;
  const id = value.trim();
  return id.length > 0 && id.length <= maximumIdLength ? id : undefined;
}

function readTime(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  // Unix seconds (the usual webhook convention) or an ISO 8601 string; anything else is a malformed envelope.
  const milliseconds =
    typeof value === 'number' && Number.isFinite(value)
      ? value * 1000
      : typeof value === 'string' && value.length <= 64
        ? Date.parse(value)
        : Number.NaN;
  if (!Number.isFinite(milliseconds) || Math.abs(milliseconds) > 8.64e15) {
    throw invalidEnvelope(`the webhook body's "${field}" is not a date`);
  }
  // A provider's own timestamp string is kept as sent, like every other `createdAt` in the domain.
  return typeof value === 'string' ? value : new Date(milliseconds).toISOString();
}

function invalidEnvelope(message: string): WebhookVerificationError {
  return new WebhookVerificationError(message, { code: 'webhook_envelope_invalid' });
}
