import type { WebhookDataMapper, WebhookEnvelopeFields } from '@cardgw/core/provider-utils';
import { cryptocardyWebhookMapper } from './cryptocardy-webhook-mapper.js';

/**
 * What receiving CryptoCardy’s webhooks takes besides the secret: the mapper of its events' `data`, the header carrying the
 * signature, and the envelope's field names. Spread it into `createWebhookHandler`, `handleWebhookRequest` or
 * `constructWebhookEvent`: `createWebhookHandler({ ...cryptocardyWebhookProfile, secret, onEvent })`.
 */
export interface CryptoCardyWebhookProfile {
  /** Maps each documented event's `data` with the dialect's schemas; qualifies ids with `cryptocardy`. */
  readonly mapper: WebhookDataMapper;
  /**
   * The header carrying the HMAC. The page shows the HMAC but names no header: `X-Webhook-Signature` is assumed
   * (README, "Assumptions"); pass `signatureHeader` after the spread to override it.
   */
  readonly signatureHeader: string;
  /** The delivery's fields. Undocumented: `{ id, type, created_at, data }` is assumed (README, "Assumptions"). */
  readonly envelope: WebhookEnvelopeFields;
}

/** CryptoCardy’s webhook profile: its mapper, signature header (`X-Webhook-Signature`) and envelope. */
export const cryptocardyWebhookProfile: CryptoCardyWebhookProfile = Object.freeze({
  mapper: cryptocardyWebhookMapper,
  signatureHeader: 'X-Webhook-Signature',
  envelope: Object.freeze({ id: 'id', type: 'type', createdAt: 'created_at', data: 'data' }),
});
