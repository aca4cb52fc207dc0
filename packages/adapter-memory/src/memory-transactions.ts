import type { Transaction } from '@cardgw/core';
import {
  assertFiltersSupported,
  parseInput,
  type TransactionsResource,
  transactionListSchema,
} from '@cardgw/core/provider-utils';
import { assertOwnId, beginCall, lookup, type MemoryContext, parseId, runRead } from './memory-context.js';
import {
  creationOrderSelection,
  filterObject,
  listFromMemory,
  matchingNewestFirst,
  type Selection,
  selectionOf,
} from './memory-list.js';
import type { TransactionRecord } from './memory-state.js';

export function createMemoryTransactions(context: MemoryContext): TransactionsResource {
  const { provider, state } = context;
  return {
    list(filters, options) {
      return listFromMemory(context, 'transactions.list', options, () => {
        const given = filterObject(filters);
        assertFiltersSupported(provider, 'transactions.list', context.capabilities.transactionListFilters, given);
        const parsed = parseInput(transactionListSchema, filters, 'transactions.list', provider);
        if (parsed.cardId !== undefined) assertOwnId(context, parsed.cardId, 'transactions.list', 'cardId');
        const from = parsed.from === undefined ? undefined : instantOf(parsed.from, 'start');
        const to = parsed.to === undefined ? undefined : instantOf(parsed.to, 'end');
        const merchant = parsed.merchant?.toLowerCase();
        const { type, minAmount, maxAmount } = parsed;
        const onlyByCard =
          type === undefined &&
          from === undefined &&
          to === undefined &&
          merchant === undefined &&
          minAmount === undefined &&
          maxAmount === undefined;
        const matches = (transaction: TransactionRecord) =>
          (type === undefined || transaction.view.type === type) &&
          (from === undefined || transaction.createdAt >= from) &&
          (to === undefined || transaction.createdAt <= to) &&
          (merchant === undefined || transaction.merchant.name.toLowerCase().includes(merchant)) &&
          (minAmount === undefined || transaction.absoluteAmount >= minAmount.amount) &&
          (maxAmount === undefined || transaction.absoluteAmount <= maxAmount.amount);
        return {
          page: parsed.page ?? 1,
          perPage: parsed.perPage ?? context.transactionsPerPage,
          select: (): Selection<Transaction> => {
            // A card's own index when the card is named: its transactions, and no one else's, are read.
            const candidates =
              parsed.cardId === undefined
                ? state.transactionLog.entries
                : (state.cards.get(parsed.cardId)?.transactions ?? []);
            const { inClockOrder } = state.transactionLog;
            // The hot path (every transaction, or a card's): each page reads only its own items.
            if (onlyByCard && inClockOrder) return creationOrderSelection(candidates, 'desc', viewOf);
            return selectionOf(matchingNewestFirst(candidates, inClockOrder, matches).map(viewOf));
          },
        };
      });
    },

    async get(transactionId, options) {
      beginCall(context, 'transactions.get', options);
      const id = parseId(context, transactionId, 'transactions.get', 'transactionId');
      return runRead(
        context,
        'transactions.get',
        options,
        () => lookup(context, state.transactions, id, 'transaction', 'transactions.get').view,
      );
    },
  };
}

/**
 * Epoch ms of an ISO date or date-time bound, inclusive: a bare date starts at 00:00 (`from`) or ends at 23:59:59.999
 * (`to`) UTC; a date-time without a zone is read as UTC, so results never depend on the machine's time zone.
 */
export function instantOf(value: string, bound: 'start' | 'end'): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    return bound === 'start' ? start : start + 24 * 60 * 60 * 1000 - 1;
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  return Date.parse(hasZone ? value : `${value}Z`);
}

function viewOf(transaction: TransactionRecord): Transaction {
  return transaction.view;
}
