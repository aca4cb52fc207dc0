import { type Card, InvalidRequestError } from '@cardgw/core';
import {
  type CardFreeze,
  type CardsResource,
  type CardTermination,
  maximumMetadataKeys,
  parseInput,
  updateCardSchema,
} from '@cardgw/core/provider-utils';
import { refreshCardView } from './card-record.js';
import {
  assertNotTerminated,
  beginCall,
  lookupCard,
  type MemoryContext,
  money,
  nowIso,
  parseId,
  runMutation,
} from './memory-context.js';
import type { CardRecord } from './memory-state.js';

/** A card's settings and status changing: update, freeze, unfreeze, terminate. */
export type MemoryCardChanges = Pick<CardsResource, 'update' | 'freeze' | 'unfreeze' | 'terminate'>;

/** `cards.update`, `cards.freeze`, `cards.unfreeze` and `cards.terminate` over the issuer's state. */
export function createMemoryCardChanges(context: MemoryContext): MemoryCardChanges {
  const { provider, state } = context;

  return {
    async update(cardId, input, options) {
      beginCall(context, 'cards.update', options);
      const id = parseId(context, cardId, 'cards.update', 'cardId');
      const parsed = parseInput(updateCardSchema, input, 'cards.update', provider);
      return runMutation(context, 'cards.update', options, { id, parsed }, (): Card => {
        const card = lookupCard(context, id, 'cards.update');
        assertNotTerminated(context, card, 'cards.update');
        // Providers merge metadata, so the bound applies to the merged object.
        const metadata = parsed.metadata === undefined ? card.metadata : { ...card.metadata, ...parsed.metadata };
        if (metadata !== undefined && Object.keys(metadata).length > maximumMetadataKeys) {
          const rule = `must have at most ${maximumMetadataKeys} keys once merged with the card's metadata`;
          throw new InvalidRequestError(`cards.update: metadata ${rule}`, {
            issues: [{ field: 'metadata', rule }],
            provider,
          });
        }
        if (parsed.label !== undefined) card.label = parsed.label;
        if (parsed.spendingLimit !== undefined) card.spendingLimit = parsed.spendingLimit.amount;
        if (parsed.allowedCategories !== undefined)
          card.allowedCategories = Object.freeze([...parsed.allowedCategories]);
        // `null` and `0` both disable auto-freeze ("0 to disable"), and read back as `null`.
        if (parsed.autoFreezeAt !== undefined) card.autoFreezeAt = parsed.autoFreezeAt?.amount || null;
        if (metadata !== undefined) card.metadata = Object.freeze({ ...metadata });
        return refreshCardView(context, card);
      });
    },

    async freeze(cardId, options) {
      beginCall(context, 'cards.freeze', options);
      const id = parseId(context, cardId, 'cards.freeze', 'cardId');
      return runMutation(context, 'cards.freeze', options, { id }, (): CardFreeze => {
        const card = lookupCard(context, id, 'cards.freeze');
        assertNotTerminated(context, card, 'cards.freeze');
        if (card.status !== 'active') {
          throw new InvalidRequestError(
            `cards.freeze: card ${id} is ${card.status}; only an active card can be frozen`,
            {
              code: 'card_not_active',
              provider,
            },
          );
        }
        card.status = 'frozen';
        context.events.stage('card.frozen', refreshCardView(context, card));
        return Object.freeze({ cardId: id, status: 'frozen', frozenAt: nowIso(context) });
      });
    },

    async unfreeze(cardId, options) {
      beginCall(context, 'cards.unfreeze', options);
      const id = parseId(context, cardId, 'cards.unfreeze', 'cardId');
      return runMutation(context, 'cards.unfreeze', options, { id }, (): Card => {
        const card = lookupCard(context, id, 'cards.unfreeze');
        assertNotTerminated(context, card, 'cards.unfreeze');
        if (card.status !== 'frozen') {
          throw new InvalidRequestError(`cards.unfreeze: card ${id} is ${card.status}, not frozen`, {
            code: 'card_not_frozen',
            provider,
          });
        }
        card.status = 'active';
        const view = refreshCardView(context, card);
        context.events.stage('card.unfrozen', view);
        return view;
      });
    },

    async terminate(cardId, options) {
      beginCall(context, 'cards.terminate', options);
      const id = parseId(context, cardId, 'cards.terminate', 'cardId');
      return runMutation(context, 'cards.terminate', options, { id }, (): CardTermination => {
        const card = lookupCard(context, id, 'cards.terminate');
        assertNotTerminated(context, card, 'cards.terminate');
        const refunded = card.balance;
        voidPendingAuthorizations(card);
        state.walletBalance += refunded;
        card.balance = 0;
        card.status = 'terminated';
        refreshCardView(context, card);
        const termination: CardTermination = Object.freeze({
          cardId: id,
          status: 'terminated',
          refundedAmount: money(refunded),
          terminatedAt: nowIso(context),
        });
        context.events.stage('card.terminated', termination);
        return termination;
      });
    },
  };
}

/** A terminated card's holds are released: its authorizations will never settle. */
function voidPendingAuthorizations(card: CardRecord): void {
  if (card.holds === 0) return;
  for (const transaction of card.transactions) {
    if (transaction.authorizationState === 'pending') transaction.authorizationState = 'voided';
  }
  card.holds = 0;
}
