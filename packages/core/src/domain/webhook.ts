import type { Secret } from '../redaction/secret.js';
import type { Card, CardFreeze, CardFunding, CardTermination } from './card.js';
import type { QualifiedId } from './qualified-id.js';
import type { ThreeDSChallenge } from './three-ds-challenge.js';
import type { Transaction } from './transaction.js';
import type { Deposit } from './wallet.js';

/** The twelve event names both providers document. */
export const webhookEventTypes = [
  'card.created',
  'card.frozen',
  'card.unfrozen',
  'card.terminated',
  'card.funded',
  'transaction.authorized',
  'transaction.settled',
  'transaction.declined',
  'transaction.refunded',
  '3ds.challenge',
  'deposit.pending',
  'deposit.confirmed',
] as const;

/** The twelve documented webhook event names (`card.created`, `transaction.settled`, …): see `webhookEventTypes`. */
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** What an endpoint subscribes to: documented names, or `'*'` for all. */
export type WebhookSubscription = WebhookEventType | '*';

/** Whether a value is one of the documented webhook event names. */
export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (webhookEventTypes as readonly string[]).includes(value);
}

/** `POST /webhooks`, `GET /webhooks`. */
export interface WebhookEndpoint {
  readonly id: QualifiedId;
  readonly provider: string;
  readonly providerId: string;
  readonly url: string;
  readonly events: readonly WebhookSubscription[];
  /** The signing secret; providers return it at creation only. Held in a redacting wrapper. */
  readonly secret?: Secret | undefined;
  readonly active: boolean;
  readonly createdAt: string;
}

/** What each event carries once normalized. */
export interface WebhookEventDataMap {
  'card.created': Card;
  'card.frozen': Card | CardFreeze;
  'card.unfrozen': Card;
  'card.terminated': Card | CardTermination;
  'card.funded': Card | CardFunding;
  'transaction.authorized': Transaction;
  'transaction.settled': Transaction;
  'transaction.declined': Transaction;
  'transaction.refunded': Transaction;
  '3ds.challenge': ThreeDSChallenge;
  'deposit.pending': Deposit;
  'deposit.confirmed': Deposit;
}

/** The fields every webhook event carries, whatever its type: its id, the provider that sent it, and when. */
export interface WebhookEventBase {
  /** Provider-qualified event id: redeliveries carry the same id. */
  readonly id: QualifiedId;
  /** The name of the provider that sent it, the prefix of its qualified ids (`acme` in `acme:evt_…`). */
  readonly provider: string;
  /** When the provider created the event: an ISO 8601 timestamp. */
  readonly createdAt: string;
}

/** An event of one of the twelve documented types, its `data` typed by `type` (`switch (event.type)` narrows it). */
export type KnownWebhookEvent = {
  [Type in WebhookEventType]: WebhookEventBase & { readonly type: Type; readonly data: WebhookEventDataMap[Type] };
}[WebhookEventType];

/** An event name neither page documents: delivered as-is instead of crashing the receiver. */
export interface UnknownWebhookEvent extends WebhookEventBase {
  readonly type: 'unknown';
  readonly originalType: string;
  readonly data: unknown;
}

/** The normalized, typed event union: `switch (event.type)` narrows `event.data`. */
export type WebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;
