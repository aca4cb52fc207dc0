import { WebhookVerificationError } from '../errors/webhook-verification-error.js';

/** The raw request body exactly as received: the bytes the provider signed. */
export type WebhookPayload = string | Uint8Array;

/** @internal Refuses anything but raw bytes: a parsed body is the most common webhook bug. */
export function assertRawPayload(payload: unknown): asserts payload is WebhookPayload {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return;
  throw new WebhookVerificationError(
    'pass the raw request body (string or Buffer), not a parsed object: re-serialising JSON changes the bytes',
    { code: 'webhook_payload_not_raw' },
  );
}

/** @internal The body's size in bytes (a string as UTF-8). */
export function payloadByteLength(payload: WebhookPayload): number {
  return typeof payload === 'string' ? new TextEncoder().encode(payload).byteLength : payload.byteLength;
}
