import { describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../domain/webhook.js';
import { ConfigError } from '../errors/config-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { Secret } from '../redaction/secret.js';
import { type ConstructWebhookEventOptions, constructWebhookEvent } from './construct-webhook-event.js';
import {
  createTestWebhookDataMapper,
  testDelivery,
  testWebhookSecret,
} from './test-support/test-webhook-data-mapper.js';
import { signWebhookPayload } from './webhook-signature.js';

const mapper = createTestWebhookDataMapper();

function construct(payload: string, overrides: Partial<ConstructWebhookEventOptions> = {}): WebhookEvent {
  return constructWebhookEvent({
    payload,
    signature: signWebhookPayload(payload, testWebhookSecret),
    secret: testWebhookSecret,
    mapper,
    ...overrides,
  });
}

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('constructWebhookEvent', () => {
  it('verifies, parses and maps a documented event into the typed union with a provider-qualified id', () => {
    const event = construct(testDelivery({ id: 'evt_42' }));
    expect(event).toEqual({
      id: 'testpay:evt_42',
      provider: 'testpay',
      type: 'card.created',
      createdAt: '2026-04-15T12:00:00Z',
      data: expect.objectContaining({ id: 'testpay:card_8xK2m9Lp4q', balance: { amount: 48_750, currency: 'USD' } }),
    });
    if (event.type === 'card.created') expect(event.data.last4).toBe('4242');
    else expect.unreachable();
  });

  it('accepts a Buffer payload and a Secret', () => {
    const payload = testDelivery();
    const event = constructWebhookEvent({
      payload: Buffer.from(payload),
      signature: `sha256=${signWebhookPayload(payload, testWebhookSecret).toUpperCase()}`,
      secret: new Secret(testWebhookSecret),
      mapper,
    });
    expect(event.type).toBe('card.created');
  });

  it('delivers an undocumented event name as unknown with its raw data, not a crash', () => {
    const event = construct(testDelivery({ type: 'card.exploded', data: { anything: [1, 2] } }));
    expect(event).toEqual({
      id: 'testpay:evt_1',
      provider: 'testpay',
      type: 'unknown',
      originalType: 'card.exploded',
      createdAt: '2026-04-15T12:00:00Z',
      data: { anything: [1, 2] },
    });
  });

  it('throws a WebhookVerificationError with code webhook_signature_invalid for a forged or missing signature', () => {
    const payload = testDelivery();
    const forged = caught(() => construct(payload, { signature: signWebhookPayload(payload, 'whsec_attacker') }));
    expect(WebhookVerificationError.isInstance(forged)).toBe(true);
    expect(forged).toMatchObject({ code: 'webhook_signature_invalid', provider: 'testpay' });
    const missing = caught(() => construct(payload, { signature: undefined }));
    expect(missing).toMatchObject({ code: 'webhook_signature_invalid', message: 'the webhook signature is missing' });
    expect(String((forged as Error).message)).not.toContain(testWebhookSecret);
  });

  it('checks the signature before parsing: an unsigned malformed body is a signature error, not a parse error', () => {
    const error = caught(() => construct('{not json', { signature: 'a'.repeat(64) }));
    expect(error).toMatchObject({ code: 'webhook_signature_invalid' });
  });

  it('turns a signed but malformed JSON body into a WebhookVerificationError, never a SyntaxError', () => {
    for (const payload of ['{"id":"evt_1",', '', 'null', '[1,2]', '"text"']) {
      const error = caught(() => construct(payload));
      expect(WebhookVerificationError.isInstance(error)).toBe(true);
      expect(error).not.toBeInstanceOf(SyntaxError);
      expect(['webhook_body_malformed', 'webhook_envelope_invalid']).toContain(
        (error as WebhookVerificationError).code,
      );
    }
    const invalidUtf8 = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const error = caught(() =>
      constructWebhookEvent({
        payload: invalidUtf8,
        signature: signWebhookPayload(invalidUtf8, testWebhookSecret),
        secret: testWebhookSecret,
        mapper,
      }),
    );
    expect(error).toMatchObject({ code: 'webhook_body_malformed' });
  });

  it('refuses an envelope without an id or a type', () => {
    expect(caught(() => construct(JSON.stringify({ type: 'card.created', data: {} })))).toMatchObject({
      code: 'webhook_envelope_invalid',
    });
    expect(caught(() => construct(JSON.stringify({ id: 'evt_1', data: {} })))).toMatchObject({
      code: 'webhook_envelope_invalid',
    });
    expect(caught(() => construct(JSON.stringify({ id: '', type: 'card.created' })))).toMatchObject({
      code: 'webhook_envelope_invalid',
    });
  });

  it('throws a typed ProviderResponseError when a documented event carries malformed data', () => {
    const error = caught(() => construct(testDelivery({ data: { id: 'card_1', status: 'melted' } })));
    expect(ProviderResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_response', provider: 'testpay' });
  });

  it('wraps a foreign error thrown by a mapper into a ProviderResponseError without quoting the data', () => {
    const payload = testDelivery({
      data: { id: 'card_1', status: 'active', last4: '4242', balance_cents: 12.5, pan: '4916531288472039' },
    });
    const error = caught(() => construct(payload));
    expect(ProviderResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('card.created');
    expect((error as Error).message).not.toContain('4916531288472039');
  });

  it('reads configurable envelope field names, including an envelope without a creation time', () => {
    const payload = JSON.stringify({
      event_id: 7,
      event: 'card.frozen',
      payload: { id: 'c', status: 'frozen', last4: '1', balance_cents: 0 },
    });
    const event = construct(payload, {
      envelope: { id: 'event_id', type: 'event', data: 'payload', createdAt: null },
      now: () => Date.parse('2026-05-01T00:00:00Z'),
    });
    expect(event).toMatchObject({ id: 'testpay:7', type: 'card.frozen', createdAt: '2026-05-01T00:00:00.000Z' });
  });

  it('reads a creation time given in Unix seconds', () => {
    const event = construct(testDelivery({ created_at: 1_776_254_400 }));
    expect(event.createdAt).toBe('2026-04-15T12:00:00.000Z');
    expect(caught(() => construct(testDelivery({ created_at: 'yesterday' })))).toMatchObject({
      code: 'webhook_envelope_invalid',
    });
  });

  it('applies toleranceMs only when asked: an old event passes by default and is refused with a window', () => {
    const payload = testDelivery({ created_at: '2026-04-15T12:00:00Z' });
    const now = () => Date.parse('2026-04-15T12:10:00Z');
    expect(construct(payload, { now }).type).toBe('card.created');
    expect(construct(payload, { now, toleranceMs: 15 * 60_000 }).type).toBe('card.created');
    expect(caught(() => construct(payload, { now, toleranceMs: 5 * 60_000 }))).toMatchObject({
      code: 'webhook_envelope_invalid',
    });
    const noTime = JSON.stringify({ id: 'evt_1', type: 'card.exploded' });
    expect(caught(() => construct(noTime, { now, toleranceMs: 60_000 }))).toMatchObject({
      code: 'webhook_envelope_invalid',
    });
    expect(ConfigError.isInstance(caught(() => construct(payload, { toleranceMs: -1 })))).toBe(true);
  });

  it('refuses a parsed object instead of the raw body', () => {
    const error = caught(() =>
      constructWebhookEvent({
        payload: JSON.parse(testDelivery()) as string,
        signature: 'a'.repeat(64),
        secret: testWebhookSecret,
        mapper,
      }),
    );
    expect(error).toMatchObject({ code: 'webhook_payload_not_raw' });
    expect((error as Error).message).toContain('pass the raw request body');
  });
});
