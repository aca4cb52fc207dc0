import type { Card } from '../../domain/card.js';
import { cents } from '../../domain/money.js';
import { qualifyId } from '../../domain/qualified-id.js';
import type { WebhookEventDataMap, WebhookEventType } from '../../domain/webhook.js';
import { ProviderResponseError } from '../../errors/provider-response-error.js';
import type { WebhookDataMapper } from '../construct-webhook-event.js';

/** A tiny mapper for the webhook tests: `card.*` events carry `{ id, status, last4, balance_cents, created_at }`. */
export function createTestWebhookDataMapper(provider = 'testpay'): WebhookDataMapper {
  return {
    provider,
    mapData<Type extends WebhookEventType>(type: Type, data: unknown): WebhookEventDataMap[Type] {
      if (!type.startsWith('card.')) throw new ProviderResponseError(`the test mapper reads card events only`);
      const wire = data as Record<string, unknown> | null;
      if (
        typeof wire !== 'object' ||
        wire === null ||
        typeof wire.id !== 'string' ||
        typeof wire.last4 !== 'string' ||
        typeof wire.balance_cents !== 'number' ||
        (wire.status !== 'active' && wire.status !== 'frozen' && wire.status !== 'terminated')
      ) {
        throw new ProviderResponseError(`the data of a ${type} event is not a card`, { provider });
      }
      const card: Card = {
        id: qualifyId(provider, wire.id),
        provider,
        providerId: wire.id,
        status: wire.status,
        network: 'visa',
        binId: '491653',
        last4: wire.last4,
        balance: cents(wire.balance_cents),
        createdAt: typeof wire.created_at === 'string' ? wire.created_at : '2026-04-15T12:00:00Z',
      };
      return card as WebhookEventDataMap[Type];
    },
  };
}

export const testWebhookSecret = 'whsec_a1b2c3d4e5f6';

/** A delivery body in the default envelope. */
export function testDelivery(
  fields: { id?: string; type?: string; data?: unknown; created_at?: unknown } = {},
): string {
  return JSON.stringify({
    id: fields.id ?? 'evt_1',
    type: fields.type ?? 'card.created',
    created_at: fields.created_at ?? '2026-04-15T12:00:00Z',
    data: fields.data ?? { id: 'card_8xK2m9Lp4q', status: 'active', last4: '4242', balance_cents: 48_750 },
  });
}
