import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../errors/config-error.js';
import { Secret } from '../redaction/secret.js';
import { assertRawPayload, type WebhookPayload } from './webhook-payload.js';
import { revealWebhookSecret, type WebhookSecret } from './webhook-secret.js';

export { assertRawPayload, type WebhookPayload } from './webhook-payload.js';
export type { WebhookSecret } from './webhook-secret.js';
export { defaultWebhookSignatureHeader } from './webhook-signature-header.js';

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
 * with the webhook secret. For simulators and tests; a receiver only verifies. Any non-empty secret signs (a test
 * forges with a short one); receivers refuse secrets under `minimumWebhookSecretBytes`.
 */
export function signWebhookPayload(payload: WebhookPayload, secret: WebhookSecret): string {
  assertRawPayload(payload);
  return createHmac('sha256', revealSecret(secret)).update(payload).digest('hex');
}

/**
 * Whether `signature` is the HMAC-SHA256 of `payload` under `secret`, compared in constant time. A missing, empty,
 * malformed or wrong-length signature is `false`, never a throw. Throws only on a programming error: a parsed object
 * instead of the raw body (`WebhookVerificationError`), or a secret that is blank or shorter than
 * `minimumWebhookSecretBytes` (`ConfigError`).
 */
export function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): boolean {
  assertRawPayload(options.payload);
  const secret = revealWebhookSecret(options.secret);
  if (typeof options.signature !== 'string') return false;
  const received = options.signature.trim().replace(signaturePrefix, '');
  // Every SHA-256 hex digest is 64 characters: rejecting other shapes early tells an attacker nothing about the secret,
  // and it guarantees timingSafeEqual gets two 32-byte buffers (it throws on unequal lengths).
  if (!hexDigest.test(received)) return false;
  const expected = createHmac('sha256', secret).update(options.payload).digest();
  return timingSafeEqual(expected, Buffer.from(received, 'hex'));
}

function revealSecret(secret: WebhookSecret): string {
  const value: unknown = Secret.isInstance(secret) ? secret.reveal() : secret;
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigError('the webhook secret is missing or empty', { option: 'secret' });
  }
  return value;
}
