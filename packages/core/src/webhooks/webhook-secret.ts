import { ConfigError } from '../errors/config-error.js';
import { Secret } from '../redaction/secret.js';

/** The webhook signing secret given when the endpoint was registered; wrap it in `Secret` to keep it out of logs. */
export type WebhookSecret = string | Secret;

/**
 * The shortest webhook secret a receiver accepts: 16 bytes (UTF-8, surrounding whitespace not counted). A short key
 * lets one captured delivery give the secret back by brute force (a 1-byte key in at most 256 HMACs); 16 bytes is the
 * floor `webhooks.create` already enforces for a chosen secret, and the providers' own secrets are longer (their
 * pages show `whsec_a1b2c3d4e5f6…`, the simulators generate `whsec_` + 32 hex digits).
 */
export const minimumWebhookSecretBytes = 16;

/**
 * The secret's text, for a receiver. Throws `ConfigError` (option `secret`, the value never quoted) when it is not a
 * string, blank after trimming, or shorter than `minimumWebhookSecretBytes`. @internal
 */
export function revealWebhookSecret(secret: WebhookSecret): string {
  const value: unknown = Secret.isInstance(secret) ? secret.reveal() : secret;
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new ConfigError('the webhook secret is missing or blank', { option: 'secret' });
  }
  if (new TextEncoder().encode(value.trim()).byteLength < minimumWebhookSecretBytes) {
    throw new ConfigError(
      `the webhook secret is shorter than ${minimumWebhookSecretBytes} bytes (a short secret can be recovered from ` +
        'one delivery): use the secret the provider returned from webhooks.create',
      { option: 'secret' },
    );
  }
  return value;
}
