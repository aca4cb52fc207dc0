import { ConfigError } from '../../errors/config-error.js';
import { Secret } from '../../redaction/secret.js';
import { assertRawPayload, type WebhookPayload } from '../webhook-payload.js';
import { revealWebhookSecret, type WebhookSecret } from '../webhook-secret.js';
import type { VerifyWebhookSignatureOptions } from '../webhook-signature.js';

const signaturePrefix = /^sha256=/i;
const hexDigest = /^[0-9a-f]{64}$/i;
const hmacSha256 = { name: 'HMAC', hash: 'SHA-256' } as const;

/**
 * `verifyWebhookSignature` on Web Crypto (`crypto.subtle`), for runtimes without `node:crypto`: the same verdict for
 * the same payload, signature and secret (hex HMAC-SHA256 of the raw body, upper- or lower-case, optional `sha256=`),
 * compared in constant time by `crypto.subtle.verify`. Resolves `false` for a missing, malformed or wrong signature;
 * rejects with `WebhookVerificationError` for a parsed object instead of the raw body, `ConfigError` for a secret
 * that is blank or shorter than `minimumWebhookSecretBytes`.
 */
export async function verifyWebhookSignatureWebCrypto(options: VerifyWebhookSignatureOptions): Promise<boolean> {
  assertRawPayload(options.payload);
  const key = await importKey(revealWebhookSecret(options.secret), 'verify');
  if (typeof options.signature !== 'string') return false;
  const received = options.signature.trim().replace(signaturePrefix, '');
  if (!hexDigest.test(received)) return false;
  return crypto.subtle.verify('HMAC', key, hexToBytes(received), bytesOf(options.payload));
}

/** `signWebhookPayload` on Web Crypto: lower-case hex HMAC-SHA256 of the body's UTF-8 bytes. For simulators and tests. */
export async function signWebhookPayloadWebCrypto(payload: WebhookPayload, secret: WebhookSecret): Promise<string> {
  assertRawPayload(payload);
  const value: unknown = Secret.isInstance(secret) ? secret.reveal() : secret;
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigError('the webhook secret is missing or empty', { option: 'secret' });
  }
  const signature = await crypto.subtle.sign('HMAC', await importKey(value, 'sign'), bytesOf(payload));
  return [...new Uint8Array(signature)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

function importKey(secret: string, usage: 'sign' | 'verify'): Promise<HmacKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), hmacSha256, false, [usage]);
}

function bytesOf(payload: WebhookPayload): Uint8Array<ArrayBuffer> {
  // A copy: Web Crypto wants a plain ArrayBuffer view, and a Buffer may sit in a shared pool.
  return typeof payload === 'string' ? new TextEncoder().encode(payload) : new Uint8Array(payload);
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = Number.parseInt(hex.slice(2 * index, 2 * index + 2), 16);
  return bytes;
}
