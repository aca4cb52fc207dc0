import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../packages/core/src/errors/config-error.js';
import { Secret } from '../../../packages/core/src/redaction/secret.js';
import { constructWebhookEvent } from '../../../packages/core/src/webhooks/construct-webhook-event.js';
import { handleWebhookRequest } from '../../../packages/core/src/webhooks/handle-webhook-request.js';
import { createWebhookHandler } from '../../../packages/core/src/webhooks/node-webhook-handler.js';
import {
  createTestWebhookDataMapper,
  testDelivery,
} from '../../../packages/core/src/webhooks/test-support/test-webhook-data-mapper.js';
import { createMemoryWebhookEventStore } from '../../../packages/core/src/webhooks/webhook-event-store.js';
import { minimumWebhookSecretBytes } from '../../../packages/core/src/webhooks/webhook-secret.js';
import { signWebhookPayload, verifyWebhookSignature } from '../../../packages/core/src/webhooks/webhook-signature.js';

/* Issue 15 point 8: a 1-byte secret gives itself back from one captured delivery in at most 256 tries. */

const mapper = createTestWebhookDataMapper();
const onEvent = () => undefined;

const refused: readonly (readonly [string, string | Secret])[] = [
  ['1 byte', 'Q'],
  ['15 bytes', 'whsec_123456789'],
  ['empty', ''],
  ['blank', '                    '],
  ['blank with tabs and newlines', ' \t\n\r \t\n\r \t\n\r \t\n\r '],
  ['15 bytes padded with spaces to 25', '     whsec_123456789     '],
  ['a Secret of 1 byte', new Secret('Q')],
  ['a blank Secret', new Secret('                ')],
];

/** Every receiver entry point, each refusing with a ConfigError naming `secret`. */
function receiversRefuse(secret: string | Secret): void {
  const payload = testDelivery();
  const signature = signWebhookPayload(payload, 'a signature made with any key');
  const expectConfigError = (run: () => unknown) => {
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ option: 'secret' });
  };
  expectConfigError(() => createWebhookHandler({ secret, mapper, onEvent }));
  expectConfigError(() => verifyWebhookSignature({ payload, signature, secret }));
  expectConfigError(() => constructWebhookEvent({ payload, signature, secret, mapper }));
}

describe('webhook secrets', () => {
  it('has a documented minimum of 16 bytes', () => {
    expect(minimumWebhookSecretBytes).toBe(16);
  });

  for (const [name, secret] of refused) {
    it(`refuses a secret that is ${name}, with a ConfigError that does not quote it`, () => {
      receiversRefuse(secret);
      try {
        createWebhookHandler({ secret, mapper, onEvent });
      } catch (error) {
        const revealed = Secret.isInstance(secret) ? secret.reveal() : secret;
        if (revealed.trim() !== '') expect((error as Error).message).not.toContain(revealed.trim());
      }
    });
  }

  it('answers 500 (misconfigured, so the provider redelivers) from handleWebhookRequest with a short secret', async () => {
    const payload = testDelivery();
    const result = await handleWebhookRequest({
      secret: 'short',
      mapper,
      onEvent,
      store: createMemoryWebhookEventStore(),
      rawBody: payload,
      headers: { 'x-webhook-signature': signWebhookPayload(payload, 'short') },
    });
    expect(result.status).toBe(500);
    expect(ConfigError.isInstance(result.error)).toBe(true);
  });

  it("accepts the pages' example secret, 16 bytes exactly, and the secrets the simulators generate", async () => {
    const issuer = createMemoryIssuer();
    const endpoint = await issuer.webhooks.create({ url: 'https://app.example/hooks', events: ['*'] });
    const generated = endpoint.secret as Secret;
    expect(generated.reveal()).toMatch(/^whsec_[0-9a-f]{32}$/);
    const accepted = [
      'whsec_a1b2c3d4e5f6', // as the API pages show it, before their "…"
      'whsec_a1b2c3d4e5f6...',
      'whsec_0123456789', // exactly 16 bytes
      '  whsec_0123456789  ',
      generated,
      new Secret('whsec_contract_chosen_secret'),
    ];
    for (const secret of accepted) {
      const payload = testDelivery();
      const signature = signWebhookPayload(payload, secret);
      expect(() => createWebhookHandler({ secret, mapper, onEvent })).not.toThrow();
      expect(constructWebhookEvent({ payload, signature, secret, mapper })).toMatchObject({ type: 'card.created' });
    }
  });
});
