import type { WebhookEvent } from '../domain/webhook.js';
import { ConfigError } from '../errors/config-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { loadZod } from '../validation/zod.js';
import type { ConstructWebhookEventOptions, WebhookDataMapper } from './construct-webhook-event.js';
import type { WebhookEnvelopeFields } from './webhook-envelope.js';
import type { WebhookEventClaim, WebhookEventStore } from './webhook-event-store.js';
import { payloadByteLength, type WebhookPayload } from './webhook-payload.js';
import type { WebhookSecret } from './webhook-secret.js';
import { defaultWebhookSignatureHeader } from './webhook-signature-header.js';

/** 1 MiB: far above any documented event, small enough that a flood of large bodies cannot exhaust memory. */
export const defaultWebhookMaxBodyBytes = 1024 * 1024;

/** What every webhook receiver is configured with, whatever the HTTP framework. */
export interface WebhookReceiverOptions {
  /** The endpoint's signing secret (from `webhooks.create` or the provider's dashboard). */
  readonly secret: WebhookSecret;
  /** The provider's data mapper (each adapter exports one). */
  readonly mapper: WebhookDataMapper;
  /**
   * Called once per event (redeliveries are recognised by event id). Answer fast; if it throws or rejects, the
   * provider gets a 500 and the claim is released, so its redelivery is processed. A redelivery arriving while it
   * runs gets a 503, so the provider delivers it again.
   */
  readonly onEvent: (event: WebhookEvent) => void | Promise<void>;
  /** The header carrying the signature, matched case-insensitively. @default defaultWebhookSignatureHeader */
  readonly signatureHeader?: string | undefined;
  /** Field names of the envelope. @default defaultWebhookEnvelope: `{ id, type, created_at, data }` */
  readonly envelope?: Partial<WebhookEnvelopeFields> | undefined;
  /** Refuse events created further than this from now; see `constructWebhookEvent` for why it is off. @default undefined */
  readonly toleranceMs?: number | undefined;
  /** Bodies larger than this are refused with 413. @default defaultWebhookMaxBodyBytes (1 MiB) */
  readonly maxBodyBytes?: number | undefined;
}

/** Request headers: a plain object (node:http, express, fastify) or a fetch `Headers`. */
export type WebhookRequestHeaders =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | {
      /** A header's value by name, as the Fetch API's `Headers.get` answers it (`null` when absent). */
      get(name: string): string | null;
    };

/** Options of `handleWebhookRequest`: the receiver's options plus the request's raw body and headers. */
export interface HandleWebhookRequestOptions extends WebhookReceiverOptions {
  /** The request method; anything but POST gets 405. Omit it when the route already allows POST only. */
  readonly method?: string | undefined;
  /** The raw request body, exactly as received (not a parsed object: configure the framework to keep the bytes). */
  readonly rawBody: WebhookPayload;
  readonly headers: WebhookRequestHeaders;
  /** Where processed event ids are claimed; create it once (`createMemoryWebhookEventStore()`) and share it. */
  readonly store: WebhookEventStore;
}

/** The JSON body to answer a webhook delivery with: `{ received }` (maybe `duplicate`) or `{ error, message }`. */
export type WebhookResponseBody =
  | { readonly received: true; readonly duplicate?: true }
  | { readonly error: string; readonly message: string };

/** What to answer the provider: write `status`, `headers` and `body` (as JSON) to the response. */
export interface WebhookRequestResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: WebhookResponseBody;
  /** The event, once verified (also set for a duplicate, one being processed, and when `onEvent` failed). */
  readonly event?: WebhookEvent | undefined;
  /**
   * Why the delivery was refused or failed, for the application's log; never sent to the provider as-is. Also set
   * on a 200 when the event was processed but `store.complete` failed.
   */
  readonly error?: unknown;
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

/** Providers retry on their own schedule; this is only a hint for those that read it. */
const retryProcessingAfterSeconds = '10';

/**
 * @internal `handleWebhookRequest` with the event construction given: node:crypto's (`constructWebhookEvent`) or
 * Web Crypto's (`@cardgw/core/webhooks/edge`).
 */
export async function receiveWebhookDelivery(
  options: HandleWebhookRequestOptions,
  construct: (options: ConstructWebhookEventOptions) => WebhookEvent | Promise<WebhookEvent>,
): Promise<WebhookRequestResult> {
  if (options.method !== undefined && options.method.toUpperCase() !== 'POST') {
    return {
      status: 405,
      headers: { ...jsonHeaders, allow: 'POST' },
      body: { error: 'method_not_allowed', message: 'webhooks are delivered with POST' },
    };
  }
  const maxBodyBytes = options.maxBodyBytes ?? defaultWebhookMaxBodyBytes;
  if (bodyLength(options.rawBody) > maxBodyBytes) return payloadTooLarge(maxBodyBytes);

  let event: WebhookEvent;
  try {
    await loadZod(); // the event's data is read with the wire schemas: zod loads here in a receiver that made no call
    event = await construct({
      payload: options.rawBody,
      signature: readHeader(options.headers, options.signatureHeader ?? defaultWebhookSignatureHeader),
      secret: options.secret,
      mapper: options.mapper,
      envelope: options.envelope,
      toleranceMs: options.toleranceMs,
    });
  } catch (error) {
    return refusal(error);
  }

  let claim: WebhookEventClaim;
  try {
    claim = await options.store.claim(event.id);
  } catch (error) {
    // Fail closed: without the store nobody knows whether the event was processed. 503 brings a redelivery later.
    return {
      status: 503,
      headers: { ...jsonHeaders, 'retry-after': retryProcessingAfterSeconds },
      body: {
        error: 'webhook_store_unavailable',
        message: 'the webhook event store is unavailable; deliver it again later',
      },
      event,
      error,
    };
  }
  if (claim === 'done') return { status: 200, headers: jsonHeaders, body: { received: true, duplicate: true }, event };
  if (claim === 'processing') {
    // Not a 200: the delivery in progress may still fail, and then this redelivery is the one that must be processed.
    return {
      status: 503,
      headers: { ...jsonHeaders, 'retry-after': retryProcessingAfterSeconds },
      body: { error: 'webhook_event_processing', message: 'this event is being processed; deliver it again later' },
      event,
    };
  }
  if (claim !== 'claimed') {
    // A store written for the older boolean `claim`: refuse loudly rather than guess what `true` meant.
    const error = new ConfigError(`store.claim must answer 'claimed', 'processing' or 'done', not ${String(claim)}`, {
      option: 'store',
    });
    return failure('webhook_store_failed', 'the webhook event store failed', event, error);
  }

  try {
    await options.onEvent(event);
  } catch (error) {
    // Release so the provider's redelivery (prompted by the 500) is processed rather than answered 503 or duplicate.
    await options.store.release(event.id).catch(() => undefined);
    return failure('webhook_handler_failed', 'the webhook event handler failed', event, error);
  }
  try {
    await options.store.complete(event.id);
  } catch (error) {
    // The event was processed: a 500 would only get it processed twice once the claim lapses. Report, answer 200.
    return { status: 200, headers: jsonHeaders, body: { received: true }, event, error };
  }
  return { status: 200, headers: jsonHeaders, body: { received: true }, event };
}

/** @internal The 413 answer, shared with the node:http handler that refuses before reading the whole body. */
export function payloadTooLarge(maxBodyBytes: number): WebhookRequestResult {
  return {
    status: 413,
    headers: jsonHeaders,
    body: { error: 'payload_too_large', message: `the webhook body exceeds ${maxBodyBytes} bytes` },
  };
}

function refusal(error: unknown): WebhookRequestResult {
  if (WebhookVerificationError.isInstance(error)) {
    if (error.code === 'webhook_signature_invalid') return answer(401, error.code, error.message, error);
    // A parsed object instead of the body is this server's bug, not the provider's: 500 makes the provider retry.
    if (error.code === 'webhook_payload_not_raw') return answer(500, error.code, error.message, error);
    return answer(400, error.code, error.message, error);
  }
  if (ProviderResponseError.isInstance(error)) return answer(400, error.code, error.message, error);
  if (ConfigError.isInstance(error)) return answer(500, error.code, 'the webhook receiver is misconfigured', error);
  return answer(500, 'webhook_receiver_failed', 'the webhook receiver failed', error);
}

function failure(code: string, message: string, event: WebhookEvent, error: unknown): WebhookRequestResult {
  // The application's error may quote anything: the provider only learns that processing failed.
  return { ...answer(500, code, message, error), event };
}

function answer(status: number, code: string, message: string, error: unknown): WebhookRequestResult {
  return { status, headers: jsonHeaders, body: { error: code, message }, error };
}

function bodyLength(rawBody: unknown): number {
  if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) return payloadByteLength(rawBody);
  return 0; // Not raw bytes: constructing the event refuses it with a clear message.
}

function isHeadersObject(headers: WebhookRequestHeaders): headers is { get(name: string): string | null } {
  return typeof headers.get === 'function';
}

function readHeader(headers: WebhookRequestHeaders, name: string): string | undefined {
  if (isHeadersObject(headers)) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === 'string') return value;
    // The same header twice is ambiguous: refuse rather than pick one.
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
    return undefined;
  }
  return undefined;
}
