import type { WebhookDataMapper, WebhookEnvelopeFields } from '@cardgw/core/provider-utils';
import { privcardsWebhookMapper } from './privcards-webhook-mapper.js';

/**
 * What receiving PrivCards’ webhooks takes besides the secret: the mapper of its events' `data`, the header carrying the
 * signature, and the envelope's field names. Spread it into `createWebhookHandler`, `handleWebhookRequest` or
 * `constructWebhookEvent`: `createWebhookHandler({ ...privcardsWebhookProfile, secret, onEvent })`.
 */
export interface PrivCardsWebhookProfile {
  /** Maps each documented event's `data` with the dialect's schemas; qualifies ids with `privcards`. */
  readonly mapper: WebhookDataMapper;
  /**
   * The header carrying the HMAC. The page shows the HMAC but names no header: `X-Webhook-Signature` is assumed
   * (README, "Assumptions"); pass `signatureHeader` after the spread to override it.
   */
  readonly signatureHeader: string;
  /** The delivery's fields. Undocumented: `{ id, type, created_at, data }` is assumed (README, "Assumptions"). */
  readonly envelope: WebhookEnvelopeFields;
}

/** PrivCards’ webhook profile: its mapper, signature header (`X-Webhook-Signature`) and envelope. */
export const privcardsWebhookProfile: PrivCardsWebhookProfile = Object.freeze({
  mapper: privcardsWebhookMapper,
  signatureHeader: 'X-Webhook-Signature',
  envelope: Object.freeze({ id: 'id', type: 'type', createdAt: 'created_at', data: 'data' }),
});
