import { describe, expect, it, vi } from 'vitest';
import type { WebhookEvent } from '../domain/webhook.js';
import { ConfigError } from '../errors/config-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import {
  defaultWebhookMaxBodyBytes,
  type HandleWebhookRequestOptions,
  handleWebhookRequest,
} from './handle-webhook-request.js';
import {
  createTestWebhookDataMapper,
  testDelivery,
  testWebhookSecret,
} from './test-support/test-webhook-data-mapper.js';
import { createMemoryWebhookEventStore } from './webhook-event-store.js';
import { signWebhookPayload } from './webhook-signature.js';

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((resolveWith, rejectWith) => {
    resolve = resolveWith;
    reject = rejectWith;
  });
  return { promise, resolve, reject };
}

function setup(overrides: Partial<HandleWebhookRequestOptions> = {}) {
  const received: WebhookEvent[] = [];
  const options = {
    secret: testWebhookSecret,
    mapper: createTestWebhookDataMapper(),
    store: createMemoryWebhookEventStore(),
    onEvent: (event: WebhookEvent) => {
      received.push(event);
    },
    ...overrides,
  };
  const deliver = (rawBody: string | Buffer, extra: Partial<HandleWebhookRequestOptions> = {}) =>
    handleWebhookRequest({
      method: 'POST',
      rawBody,
      headers: { 'x-webhook-signature': signWebhookPayload(rawBody, testWebhookSecret) },
      ...options,
      ...extra,
    });
  return { received, deliver };
}

describe('handleWebhookRequest', () => {
  it('answers 200 { received: true } and calls onEvent with the typed event', async () => {
    const { received, deliver } = setup();
    const result = await deliver(testDelivery());
    expect(result).toMatchObject({ status: 200, body: { received: true }, event: { id: 'testpay:evt_1' } });
    expect(result.headers['content-type']).toContain('application/json');
    expect(received.map((event) => event.type)).toEqual(['card.created']);
  });

  it('processes a redelivered event once and answers the redelivery 200 { received: true, duplicate: true }', async () => {
    const { received, deliver } = setup();
    const body = testDelivery({ id: 'evt_again' });
    expect((await deliver(body)).body).toEqual({ received: true });
    expect((await deliver(body)).body).toEqual({ received: true, duplicate: true });
    expect((await deliver(testDelivery({ id: 'evt_other' }))).body).toEqual({ received: true });
    expect(received.map((event) => event.id)).toEqual(['testpay:evt_again', 'testpay:evt_other']);
  });

  it('answers 503 with Retry-After to a redelivery that arrives while the first delivery is still processing', async () => {
    const first = deferred();
    const onEvent = vi.fn(() => first.promise);
    const { deliver } = setup({ onEvent });
    const pending = deliver(testDelivery());
    const redelivery = await deliver(testDelivery());
    expect(redelivery).toMatchObject({
      status: 503,
      headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
      body: { error: 'webhook_event_processing' },
      event: { id: 'testpay:evt_1' },
    });
    expect(onEvent).toHaveBeenCalledTimes(1);
    first.resolve();
    expect((await pending).body).toEqual({ received: true });
    expect((await deliver(testDelivery())).body).toEqual({ received: true, duplicate: true });
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('still processes an event whose first delivery fails after a redelivery arrived mid-processing', async () => {
    const first = deferred();
    const onEvent = vi.fn<(event: WebhookEvent) => Promise<void>>().mockReturnValueOnce(first.promise);
    onEvent.mockResolvedValue(undefined);
    const { deliver } = setup({ onEvent });
    const pending = deliver(testDelivery());
    // The provider must not be told the redelivery was received: the first attempt has not succeeded yet.
    const midway = await deliver(testDelivery());
    expect(midway.status).toBeGreaterThanOrEqual(300);
    expect(onEvent).toHaveBeenCalledTimes(1);
    first.reject(new Error('database down'));
    expect((await pending).status).toBe(500);
    // The provider retries the refused deliveries; one of them is processed.
    expect(await deliver(testDelivery())).toMatchObject({ status: 200, body: { received: true } });
    expect(onEvent).toHaveBeenCalledTimes(2);
  });

  it('answers 500 when onEvent throws and releases the claim, so the provider’s redelivery is processed', async () => {
    let attempts = 0;
    const onEvent = vi.fn(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('database down: card 4916531288472039');
    });
    const { deliver } = setup({ onEvent });
    const first = await deliver(testDelivery());
    expect(first.status).toBe(500);
    expect(first.body).toEqual({ error: 'webhook_handler_failed', message: 'the webhook event handler failed' });
    expect((first.error as Error).message).toContain('database down');
    const redelivery = await deliver(testDelivery());
    expect(redelivery).toMatchObject({ status: 200, body: { received: true } });
    expect(onEvent).toHaveBeenCalledTimes(2);
  });

  it('answers 503 with Retry-After when the store fails, without calling onEvent (fails closed)', async () => {
    const onEvent = vi.fn();
    const store = {
      claim: () => Promise.reject(new Error('redis down')),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    const { deliver } = setup({ onEvent, store });
    const result = await deliver(testDelivery());
    expect(result).toMatchObject({ status: 503, body: { error: 'webhook_store_unavailable' } });
    expect(result.headers['retry-after']).toMatch(/^\d+$/);
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('answers 500 without calling onEvent when a store answers claim with something else (an old boolean store)', async () => {
    const onEvent = vi.fn();
    const store = {
      claim: () => Promise.resolve(true as unknown as 'claimed'),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    const { deliver } = setup({ onEvent, store });
    const result = await deliver(testDelivery());
    expect(result).toMatchObject({ status: 500, body: { error: 'webhook_store_failed' } });
    expect(ConfigError.isInstance(result.error)).toBe(true);
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('answers 200 with the error attached when the event was processed but marking it done failed', async () => {
    const memory = createMemoryWebhookEventStore();
    const store = { ...memory, complete: () => Promise.reject(new Error('redis down')) };
    const { received, deliver } = setup({ store });
    const result = await deliver(testDelivery());
    expect(result).toMatchObject({ status: 200, body: { received: true } });
    expect((result.error as Error).message).toBe('redis down');
    expect(received).toHaveLength(1);
  });

  it('answers 401 for a forged, empty, missing or wrong-length signature, never echoing the secret', async () => {
    const { received, deliver } = setup();
    const body = testDelivery();
    const signatures = [
      signWebhookPayload(body, 'whsec_attacker'),
      '',
      'abc',
      `${signWebhookPayload(body, testWebhookSecret)}0`,
    ];
    for (const signature of signatures) {
      const result = await deliver(body, { headers: { 'x-webhook-signature': signature } });
      expect(result.status).toBe(401);
      expect(result.body).toMatchObject({ error: 'webhook_signature_invalid' });
      expect(JSON.stringify(result.body)).not.toContain(testWebhookSecret);
    }
    expect((await deliver(body, { headers: {} })).status).toBe(401);
    expect(received).toEqual([]);
  });

  it('answers 401 for a tampered or truncated body', async () => {
    const { deliver } = setup();
    const body = testDelivery();
    const headers = { 'x-webhook-signature': signWebhookPayload(body, testWebhookSecret) };
    expect((await deliver(body.replace('4242', '4243'), { headers })).status).toBe(401);
    expect((await deliver(body.slice(0, -1), { headers })).status).toBe(401);
  });

  it('finds the signature header case-insensitively, in a fetch Headers object, and under a configured name', async () => {
    const { deliver } = setup();
    const body = testDelivery();
    const signature = signWebhookPayload(body, testWebhookSecret).toUpperCase();
    expect((await deliver(body, { headers: { 'X-Webhook-Signature': signature } })).status).toBe(200);
    expect(
      (
        await deliver(testDelivery({ id: 'evt_2' }), {
          headers: new Headers({
            'x-webhook-signature': signWebhookPayload(testDelivery({ id: 'evt_2' }), testWebhookSecret),
          }),
        })
      ).status,
    ).toBe(200);
    const custom = testDelivery({ id: 'evt_3' });
    const result = await deliver(custom, {
      signatureHeader: 'X-Acme-Signature',
      headers: { 'x-acme-signature': `sha256=${signWebhookPayload(custom, testWebhookSecret)}` },
    });
    expect(result.status).toBe(200);
  });

  it('refuses a header sent twice with different values', async () => {
    const { deliver } = setup();
    const body = testDelivery();
    const signature = signWebhookPayload(body, testWebhookSecret);
    expect((await deliver(body, { headers: { 'x-webhook-signature': [signature, 'f'.repeat(64)] } })).status).toBe(401);
  });

  it('answers 400 with a typed error for malformed JSON, a bad envelope or malformed data', async () => {
    const { received, deliver } = setup();
    const malformed = await deliver('{"id":"evt_1","type":');
    expect(malformed).toMatchObject({ status: 400, body: { error: 'webhook_body_malformed' } });
    expect(WebhookVerificationError.isInstance(malformed.error)).toBe(true);
    const noId = await deliver(JSON.stringify({ type: 'card.created', data: {} }));
    expect(noId).toMatchObject({ status: 400, body: { error: 'webhook_envelope_invalid' } });
    const badData = await deliver(testDelivery({ data: { id: 42 } }));
    expect(badData).toMatchObject({ status: 400, body: { error: 'invalid_response' } });
    expect(ProviderResponseError.isInstance(badData.error)).toBe(true);
    expect(received).toEqual([]);
  });

  it('delivers an unknown event type to onEvent as unknown', async () => {
    const { received, deliver } = setup();
    const result = await deliver(testDelivery({ type: 'card.reissued', data: { id: 'x' } }));
    expect(result.status).toBe(200);
    expect(received).toEqual([
      expect.objectContaining({ type: 'unknown', originalType: 'card.reissued', data: { id: 'x' } }),
    ]);
  });

  it('answers 405 with Allow: POST to another method', async () => {
    const { received, deliver } = setup();
    const result = await deliver(testDelivery(), { method: 'GET' });
    expect(result).toMatchObject({ status: 405, headers: { allow: 'POST' }, body: { error: 'method_not_allowed' } });
    expect(received).toEqual([]);
  });

  it('answers 413 to a body over maxBodyBytes (1 MiB by default)', async () => {
    const { deliver } = setup();
    expect(defaultWebhookMaxBodyBytes).toBe(1_048_576);
    expect((await deliver(Buffer.alloc(defaultWebhookMaxBodyBytes + 1, 0x20))).status).toBe(413);
    expect((await deliver(testDelivery(), { maxBodyBytes: 50 })).status).toBe(413);
  });

  it('answers 500 with the raw-body explanation when a framework handed over a parsed object', async () => {
    const { deliver } = setup();
    const result = await deliver(testDelivery(), { rawBody: { id: 'evt_1' } as unknown as string });
    expect(result.status).toBe(500);
    expect(result.body).toMatchObject({ error: 'webhook_payload_not_raw' });
    expect((result.body as { message: string }).message).toContain('not a parsed object');
  });

  it('answers 500 to a missing secret without throwing', async () => {
    const { deliver } = setup({ secret: '' });
    const result = await deliver(testDelivery(), { headers: { 'x-webhook-signature': 'a'.repeat(64) } });
    expect(result).toMatchObject({ status: 500, body: { error: 'invalid_config' } });
  });
});
