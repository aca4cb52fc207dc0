import type { WebhookEvent } from '../../domain/webhook.js';
import { loadZod } from '../../validation/zod.js';
import { buildVerifiedWebhookEvent, signatureRefusal } from '../build-webhook-event.js';
import type { ConstructWebhookEventOptions } from '../construct-webhook-event.js';
import { assertRawPayload } from '../webhook-payload.js';
import { verifyWebhookSignatureWebCrypto } from './web-crypto-webhook-signature.js';

/**
 * `constructWebhookEvent` on Web Crypto, for runtimes without `node:crypto` (Bun, Deno, Cloudflare Workers, Vercel's
 * edge runtime): verifies the signature, then parses the delivery into the same typed event, refusing the same
 * deliveries with the same errors (`WebhookVerificationError` codes `webhook_signature_invalid`,
 * `webhook_body_malformed`, `webhook_envelope_invalid`; `ProviderResponseError` for unreadable data), as a rejection.
 */
export async function constructWebhookEventWebCrypto(options: ConstructWebhookEventOptions): Promise<WebhookEvent> {
  assertRawPayload(options.payload);
  if (!(await verifyWebhookSignatureWebCrypto(options))) {
    throw signatureRefusal(options.signature, options.mapper.provider);
  }
  await loadZod(); // the data is read with zod's schemas, loaded here by the first delivery
  return buildVerifiedWebhookEvent(options);
}
