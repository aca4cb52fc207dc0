import type { Card } from '@cardgw/core';
import {
  assertFiltersSupported,
  type CardSort,
  type CardsResource,
  cardListSchema,
  parseInput,
} from '@cardgw/core/provider-utils';
import { projectCard } from './card-projection.js';
import { cardDetailsOf } from './card-record.js';
import { beginCall, lookupCard, type MemoryContext, parseId, runRead } from './memory-context.js';
import { creationOrderSelection, filterObject, listFromMemory, type Selection, selectionOf } from './memory-list.js';
import type { CardRecord } from './memory-state.js';

/** Cards as they are read: listed (filtered, sorted, paged), one by id, one with its PAN and CVV. */
export type MemoryCardReads = Pick<CardsResource, 'list' | 'get' | 'details'>;

/** `cards.list`, `cards.get` and `cards.details` over the issuer's state. */
export function createMemoryCardReads(context: MemoryContext): MemoryCardReads {
  const { provider, state } = context;

  return {
    list(filters, options) {
      return listFromMemory(context, 'cards.list', options, () => {
        assertFiltersSupported(provider, 'cards.list', context.capabilities.cardListFilters, filterObject(filters));
        const parsed = parseInput(cardListSchema, filters, 'cards.list', provider);
        const label = parsed.label?.toLowerCase();
        const order = parsed.order ?? 'desc';
        const sort = parsed.sort ?? 'createdAt';
        const unfiltered = parsed.status === undefined && parsed.binId === undefined && label === undefined;
        const matches = (card: CardRecord) =>
          (parsed.status === undefined || card.status === parsed.status) &&
          (parsed.binId === undefined || card.bin.providerId === parsed.binId) &&
          (label === undefined || (card.label?.toLowerCase().includes(label) ?? false));
        return {
          page: parsed.page ?? 1,
          perPage: parsed.perPage ?? context.cardsPerPage,
          select: (): Selection<Card> => {
            const { entries, inClockOrder } = state.cardLog;
            const listed = context.cardFields.listed;
            const viewOf = listed === undefined ? fullViewOf : (card: CardRecord) => projectCard(card.view, listed);
            // Creation order is the createdAt order while the clock never went back: no sort, and with no filter
            // each page reads only its own cards. Filtered, the whole log is scanned once (the total needs it).
            if (sort === 'createdAt' && inClockOrder) {
              if (unfiltered) return creationOrderSelection(entries, order, viewOf);
              const matching = entries.filter(matches);
              if (order === 'desc') matching.reverse();
              return selectionOf(matching.map(viewOf));
            }
            const direction = order === 'asc' ? 1 : -1;
            const compare = cardComparators[sort];
            return selectionOf(
              entries
                .filter(matches)
                .sort((left, right) => direction * compare(left, right))
                .map(viewOf),
            );
          },
        };
      });
    },

    async get(cardId, options) {
      beginCall(context, 'cards.get', options);
      const id = parseId(context, cardId, 'cards.get', 'cardId');
      return runRead(context, 'cards.get', options, () => lookupCard(context, id, 'cards.get').view);
    },

    async details(cardId, options) {
      beginCall(context, 'cards.details', options);
      const id = parseId(context, cardId, 'cards.details', 'cardId');
      return runRead(context, 'cards.details', options, () =>
        cardDetailsOf(lookupCard(context, id, 'cards.details'), context.billingAddress),
      );
    },
  };
}

function fullViewOf(card: CardRecord): Card {
  return card.view;
}

type CardComparator = (left: CardRecord, right: CardRecord) => number;

/** Ascending comparators; `order: 'desc'` negates them. Ties fall back to creation order. */
const cardComparators: Readonly<Record<CardSort, CardComparator>> = {
  createdAt: (left, right) => left.createdAt - right.createdAt || left.sequence - right.sequence,
  balance: (left, right) => left.balance - right.balance || left.sequence - right.sequence,
  lastUsed: (left, right) => compareOptional(left.lastUsedAt, right.lastUsedAt) || left.sequence - right.sequence,
};

/** Never-used cards sort before used ones in ascending order (after them in descending). */
function compareOptional(left: number | undefined, right: number | undefined): number {
  if (left === right) return 0;
  if (left === undefined) return -1;
  if (right === undefined) return 1;
  return left - right;
}
