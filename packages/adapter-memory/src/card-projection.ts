import type { Card } from '@cardgw/core';
import type { CardField } from './memory-context.js';

/** The card with only the identity fields and `fields` (the page's summary); every field when `fields` is undefined. */
export function projectCard(card: Card, fields: readonly CardField[] | undefined): Card {
  if (fields === undefined) return card;
  const projected: Record<string, unknown> = { id: card.id, provider: card.provider, providerId: card.providerId };
  for (const field of fields) if (card[field] !== undefined) projected[field] = card[field];
  return Object.freeze(projected as unknown as Card);
}
