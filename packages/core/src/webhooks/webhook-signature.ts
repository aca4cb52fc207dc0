import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../errors/config-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { Secret } from '../redaction/secret.js';

/**
 * The header that carries the signature when none is configured. Neither provider's page names it (both only show
 * the HMAC), so this is an assumption: configurable everywhere (`signatureHeader`), listed in each adapter's README.
 */
export const defaultWebhookSignatureHeader = 'X-Webhook-Signature';

/** The raw request body exactly as received: the bytes the provider signed. */
export type WebhookPayload = string | Uint8Array;

/** The webhook signing secret given when the endpoint was registered; wrap it in `Secret` to keep it out of logs. */
export type WebhookSecret = string | Secret;

/** Input of `verifyWebhookSignature`: the raw body, the signature header's value and the endpoint's secret. */
export interface VerifyWebhookSignatureOptions {
  /** The raw request body (string or Buffer/Uint8Array), never a parsed object: re-serialising JSON changes bytes. */
  readonly payload: WebhookPayload;
  /**
   * The signature header's value: hex HMAC-SHA256 of the raw body, as the providers' `verify_webhook` computes it.
   * Upper- or lower-case hex is accepted, with or without a `sha256=` prefix (the form some proxies and senders use).
   * A missing or empty value does not verify.
   */
  readonly signature: string | undefined;
  readonly secret: WebhookSecret;
}

const signaturePrefix = /^sha256=/i;
const hexDigest = /^[0-9a-f]{64}$/i;

/**
 * Signs a raw body the way both providers document it: lower-case hex HMAC-SHA256 of the body's UTF-8 bytes, keyed
 * with the webhook secret. For simulators and tests; a receiver only verifies.
 */
export function signWebhookPayload(payload: WebhookPayload, secret: WebhookSecret): string {
  assertRawPayload(payload);
  return createHmac('sha256', revealSecret(secret)).update(payload).digest('hex');
}

/**
 * Whether `signature` is the HMAC-SHA256 of `payload` under `secret`, compared in constant time. A missing, empty,
 * malformed or wrong-length signature is `false`, never a throw. Throws only on a programming error: a parsed object
 * instead of the raw body (`WebhookVerificationError`), or an empty secret (`ConfigError`).
 */
export function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): boolean {
  assertRawPayload(options.payload);
  const secret = revealSecret(options.secret);
  if (typeof options.signature !== 'string') return false;
  const received = options.signature.trim().replace(signaturePrefix, '');
  // Every SHA-256 hex digest is 64 characters: rejecting other shapes early tells an attacker nothing about the secret,
  // and it guarantees timingSafeEqual gets two 32-byte buffers (it throws on unequal lengths).
  if (!hexDigest.test(received)) return false;
  const expected = createHmac('sha256', secret).update(options.payload).digest();
  return timingSafeEqual(expected, Buffer.from(received, 'hex'));
}

/** @internal Refuses anything but raw bytes: a parsed body is the most common webhook bug. */
export function assertRawPayload(payload: unknown): asserts payload is WebhookPayload {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return;
  throw new WebhookVerificationError(
    'pass the raw request body (string or Buffer), not a parsed object: re-serialising JSON changes the bytes',
    { code: 'webhook_payload_not_raw' },
  );
}

function revealSecret(secret: WebhookSecret): string {
  const value: unknown = Secret.isInstance(secret) ? secret.reveal() : secret;
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigError('the webhook secret is missing or empty', { option: 'secret' });
  }
  return value;
}
