import { qualifyId } from '../domain/qualified-id.js';
import type { KnownWebhookEvent, WebhookEvent, WebhookEventDataMap, WebhookEventType } from '../domain/webhook.js';
import { isWebhookEventType } from '../domain/webhook.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { ConfigError } from '../errors/config-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import type { ConstructWebhookEventOptions, WebhookDataMapper } from './construct-webhook-event.js';
import { redactEventWhenPrinted, redactWhenPrinted } from './redact-when-printed.js';
import { parseWebhookEnvelope } from './webhook-envelope.js';
import type { WebhookPayload } from './webhook-payload.js';

/*
 * The part of event construction that needs no cryptography, shared by the node:crypto path
 * (`constructWebhookEvent`) and the Web Crypto one (`@cardgw/core/webhooks/edge`): both verify, then call these.
 */

/** @internal The error for a delivery whose signature is missing or does not match. */
export function signatureRefusal(signature: string | undefined, provider: string): WebhookVerificationError {
  const missing = signature === undefined || signature.trim() === '';
  return new WebhookVerificationError(
    missing
      ? 'the webhook signature is missing'
      : 'the webhook signature does not match the body: check the secret, and that the raw body reaches the check unmodified',
    { code: 'webhook_signature_invalid', provider },
  );
}

/** @internal Parses a delivery whose signature was verified into the typed event (see `constructWebhookEvent`). */
export function buildVerifiedWebhookEvent(
  options: Pick<ConstructWebhookEventOptions, 'payload' | 'mapper' | 'envelope' | 'toleranceMs' | 'now'>,
): WebhookEvent {
  const { mapper } = options;
  const provider = mapper.provider;
  const envelope = parseWebhookEnvelope(parseJson(options.payload, provider), options.envelope);
  if (options.toleranceMs !== undefined) checkTolerance(envelope.createdAt, options.toleranceMs, options.now, provider);
  const now = options.now ?? Date.now;
  const base = {
    id: qualifyId(provider, envelope.id),
    provider,
    // With no creation time in the envelope, the time of receipt is the best the receiver knows.
    createdAt: envelope.createdAt ?? new Date(now()).toISOString(),
  };
  if (!isWebhookEventType(envelope.type)) {
    // Nobody mapped this data, so nobody knows where a PAN or OTP sits in it: it prints redacted.
    return redactEventWhenPrinted({
      ...base,
      type: 'unknown',
      originalType: envelope.type,
      data: redactWhenPrinted(envelope.data),
    });
  }
  const data = mapEventData(mapper, envelope.type, envelope.data);
  return { ...base, type: envelope.type, data } as KnownWebhookEvent;
}

function parseJson(payload: WebhookPayload, provider: string): unknown {
  try {
    const text = typeof payload === 'string' ? payload : new TextDecoder('utf-8', { fatal: true }).decode(payload);
    return JSON.parse(text);
  } catch {
    // The SyntaxError's text quotes the body; the message stays generic instead.
    throw new WebhookVerificationError('the webhook body is not valid UTF-8 JSON', {
      code: 'webhook_body_malformed',
      provider,
    });
  }
}

function checkTolerance(
  createdAt: string | undefined,
  toleranceMs: number,
  now: (() => number) | undefined,
  provider: string,
): void {
  if (!Number.isFinite(toleranceMs) || toleranceMs < 0) {
    throw new ConfigError('toleranceMs must be a non-negative number of milliseconds', { option: 'toleranceMs' });
  }
  if (createdAt === undefined) {
    throw new WebhookVerificationError('the webhook body has no creation time to check against toleranceMs', {
      code: 'webhook_envelope_invalid',
      provider,
    });
  }
  const age = Math.abs((now ?? Date.now)() - Date.parse(createdAt));
  if (!(age <= toleranceMs)) {
    throw new WebhookVerificationError(`the webhook event was created more than ${toleranceMs} ms from now`, {
      code: 'webhook_envelope_invalid',
      provider,
    });
  }
}

function mapEventData<Type extends WebhookEventType>(
  mapper: WebhookDataMapper,
  type: Type,
  data: unknown,
): WebhookEventDataMap[Type] {
  try {
    return mapper.mapData(type, data);
  } catch (error) {
    if (CardGatewayError.isInstance(error)) throw error;
    // A foreign error (a TypeError in a mapper) may quote the data, which can hold a PAN: keep only its name.
    const name = error instanceof Error ? error.name : typeof error;
    throw new ProviderResponseError(`the data of a ${type} webhook event could not be read (${name})`, {
      provider: mapper.provider,
    });
  }
}
