import {
  type Card,
  moneyFromDecimal,
  ProviderResponseError,
  qualifyId,
  type WebhookDataMapper,
  type WebhookEventDataMap,
  type WebhookEventType,
} from '@cardgw/core';

/**
 * A stand-in `WebhookDataMapper` for the runnable example: it reads `card.*` events whose data is a card in the
 * providers' documented shape. A real receiver passes its adapter's mapper instead, which reads all twelve events.
 */
export function createDemoWebhookDataMapper(provider = 'demo'): WebhookDataMapper {
  return {
    provider,
    mapData<Type extends WebhookEventType>(type: Type, data: unknown): WebhookEventDataMap[Type] {
      if (!type.startsWith('card.')) {
        throw new ProviderResponseError(`the demo mapper reads card events only, not ${type}`, { provider });
      }
      const wire = data as Record<string, unknown> | null;
      if (
        typeof wire !== 'object' ||
        wire === null ||
        typeof wire.id !== 'string' ||
        typeof wire.last4 !== 'string' ||
        (typeof wire.balance !== 'number' && typeof wire.balance !== 'string') ||
        (wire.status !== 'active' && wire.status !== 'frozen' && wire.status !== 'terminated')
      ) {
        throw new ProviderResponseError(`the data of a ${type} event is not a card`, { provider });
      }
      const card: Card = {
        id: qualifyId(provider, wire.id),
        provider,
        providerId: wire.id,
        status: wire.status,
        network: typeof wire.network === 'string' ? wire.network : 'visa',
        binId: typeof wire.bin_id === 'string' ? wire.bin_id : '',
        last4: wire.last4,
        balance: moneyFromDecimal(wire.balance),
        createdAt: typeof wire.created_at === 'string' ? wire.created_at : new Date(0).toISOString(),
      };
      return card as WebhookEventDataMap[Type];
    },
  };
}
