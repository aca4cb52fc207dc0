import type { Bin, Card } from '@cardgw/core';
import { formatMoney, InsufficientFundsError, InvalidRequestError, NotFoundError } from '@cardgw/core';
import type { CardFreeze, CardFunding, CardSort, CardsResource, CardTermination } from '@cardgw/core/provider-utils';
import {
  assertFiltersSupported,
  cardListSchema,
  createCardSchema,
  describeCriteria,
  fundSchema,
  maximumMetadataKeys,
  parseInput,
  selectBin,
  updateCardSchema,
  withdrawSchema,
} from '@cardgw/core/provider-utils';
import { cardDetailsOf, createCardRecord, refreshCardView } from './card-record.js';
import {
  assertNotTerminated,
  assertOwnId,
  beginCall,
  type CardField,
  lookupCard,
  type MemoryContext,
  money,
  nowIso,
  parseId,
  runMutation,
  runRead,
} from './memory-context.js';
import { creationOrderSelection, filterObject, listFromMemory, type Selection, selectionOf } from './memory-list.js';
import type { CardRecord } from './memory-state.js';

export function createMemoryCards(context: MemoryContext): CardsResource {
  const { provider, state } = context;

  return {
    async create(input, options) {
      beginCall(context, 'cards.create', options);
      const parsed = parseInput(createCardSchema, input, 'cards.create', provider);
      if (parsed.binId?.includes(':')) assertOwnId(context, parsed.binId, 'cards.create', 'binId');
      // As an adapter does: BIN criteria are resolved before the request (no match: a NotFoundError that never
      // reached the provider), and the request names the BIN by its own id, so the same BIN given by criteria or by
      // id (qualified or not) is the same request for its idempotency key.
      const chosen = parsed.binId === undefined ? binByCriteria(context, parsed.bin) : undefined;
      const binId = chosen?.providerId ?? ownBinId(parsed.binId ?? '');
      const { bin: _criteria, binId: _given, ...fields } = parsed;
      // `0` on the wire disables auto-freeze, as the adapters read it back: stored as `null`.
      const autoFreezeAt = fields.autoFreezeAt?.amount === 0 ? undefined : fields.autoFreezeAt?.amount;
      const request = { ...fields, binId };
      return runMutation(context, 'cards.create', options, request, () => {
        const bin = chosen ?? binById(context, binId);
        const amount = parsed.amount.amount;
        assertWalletHolds(context, amount, 'cards.create');
        const card = createCardRecord(context, {
          bin,
          status: 'active',
          balance: amount,
          spendingLimit: parsed.spendingLimit?.amount,
          label: parsed.label,
          allowedCategories: parsed.allowedCategories,
          autoFreezeAt,
          metadata: parsed.metadata,
        });
        state.walletBalance -= amount;
        // The event carries the card as the creation answers it (the page shows no event payload).
        const created = projectCard(card.view, context.cardFields.created);
        context.events.stage('card.created', created);
        return created;
      });
    },

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
      return runRead(context, 'cards.details', options, () => cardDetailsOf(lookupCard(context, id, 'cards.details')));
    },

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

    async fund(cardId, input, options) {
      beginCall(context, 'cards.fund', options);
      const id = parseId(context, cardId, 'cards.fund', 'cardId');
      const parsed = parseInput(fundSchema, input, 'cards.fund', provider);
      return runMutation(context, 'cards.fund', options, { id, parsed }, (): CardFunding => {
        const card = lookupCard(context, id, 'cards.fund');
        assertNotTerminated(context, card, 'cards.fund');
        const amount = parsed.amount.amount;
        assertWalletHolds(context, amount, 'cards.fund');
        const previousBalance = card.balance;
        card.balance += amount;
        state.walletBalance -= amount;
        if (card.status === 'pending') card.status = 'active'; // CryptoCardy: a pending_top_up card activates once funded
        refreshCardView(context, card);
        const funding = fundingOf(context, card, 'fund', previousBalance, amount);
        context.events.stage('card.funded', funding);
        return funding;
      });
    },

    async withdraw(cardId, input, options) {
      beginCall(context, 'cards.withdraw', options);
      const id = parseId(context, cardId, 'cards.withdraw', 'cardId');
      const parsed = parseInput(withdrawSchema, input, 'cards.withdraw', provider);
      return runMutation(context, 'cards.withdraw', options, { id, parsed }, (): CardFunding => {
        const card = lookupCard(context, id, 'cards.withdraw');
        assertNotTerminated(context, card, 'cards.withdraw');
        const amount = parsed.amount.amount;
        const available = card.balance - card.holds;
        if (amount > available) {
          throw new InsufficientFundsError(
            `cards.withdraw: card ${id} has ${formatMoney(money(available))} available, less than ${formatMoney(parsed.amount)}`,
            { provider },
          );
        }
        const previousBalance = card.balance;
        card.balance -= amount;
        state.walletBalance += amount;
        refreshCardView(context, card);
        return fundingOf(context, card, 'withdraw', previousBalance, amount);
      });
    },
  };
}

/** `491653` from `memory:491653` (already checked to be this provider's) or `491653`. */
function ownBinId(binId: string): string {
  return binId.slice(binId.indexOf(':') + 1);
}

/** A BIN by its provider id (`491653`): the provider answers 404 when it has none. */
function binById(context: MemoryContext, providerId: string): Bin {
  const bin = context.bins.find((bin) => bin.providerId === providerId);
  if (bin === undefined) {
    throw new NotFoundError(`cards.create: ${context.provider} has no BIN ${providerId}`, {
      provider: context.provider,
      status: 404,
    });
  }
  return bin;
}

/** The BIN criteria choose, on the caller's side (no `status`: nothing was asked of the provider), as adapters do. */
function binByCriteria(context: MemoryContext, criteria: Parameters<typeof selectBin>[1]): Bin {
  const bin = selectBin(context.bins, criteria);
  if (bin === undefined) {
    throw new NotFoundError(`cards.create: no BIN of ${context.provider} matches ${describeCriteria(criteria)}`, {
      provider: context.provider,
    });
  }
  return bin;
}

function assertWalletHolds(context: MemoryContext, amount: number, operation: string): void {
  if (context.state.walletBalance < amount) {
    throw new InsufficientFundsError(
      `${operation}: the wallet holds ${formatMoney(money(context.state.walletBalance))}, less than ${formatMoney(money(amount))}`,
      { provider: context.provider },
    );
  }
}

function fundingOf(
  context: MemoryContext,
  card: CardRecord,
  direction: 'fund' | 'withdraw',
  previousBalance: number,
  amount: number,
): CardFunding {
  return Object.freeze({
    cardId: card.id,
    direction,
    previousBalance: money(previousBalance),
    amount: money(amount),
    newBalance: money(card.balance),
    walletBalance: money(context.state.walletBalance),
  });
}

/** A terminated card's holds are released: its authorizations will never settle. */
function voidPendingAuthorizations(card: CardRecord): void {
  if (card.holds === 0) return;
  for (const transaction of card.transactions) {
    if (transaction.authorizationState === 'pending') transaction.authorizationState = 'voided';
  }
  card.holds = 0;
}

function fullViewOf(card: CardRecord): Card {
  return card.view;
}

/** The card with only the identity fields and `fields` (the page's summary); every field when `fields` is undefined. */
function projectCard(card: Card, fields: readonly CardField[] | undefined): Card {
  if (fields === undefined) return card;
  const projected: Record<string, unknown> = { id: card.id, provider: card.provider, providerId: card.providerId };
  for (const field of fields) if (card[field] !== undefined) projected[field] = card[field];
  return Object.freeze(projected as unknown as Card);
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
