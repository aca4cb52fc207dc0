import { assertFiltersSupported, parseInput, type TransactionsResource } from '@cardgw/core';
import { type LedgerLaneClient, lazy, lazyCheck } from './ledgerlane-client.js';
import { ledgerlaneIdOf, transactionListInputSchema } from './ledgerlane-inputs.js';
import { createCursorPageResult, failedPage, ledgerlaneDefaultPerPage } from './ledgerlane-pages.js';
import { ledgerlaneListSchema, ledgerlaneMovementSchema } from './ledgerlane-wire.js';
import { ledgerlaneName, mapLedgerLaneMovement } from './map-ledgerlane-objects.js';

const wireKind = { authorization: 'hold', settlement: 'capture', refund: 'refund', decline: 'declined' } as const;

/** `issuer.transactions` over LedgerLane's `/movements`, walked by cursor. */
export function createLedgerLaneTransactions(client: LedgerLaneClient): TransactionsResource {
  const { provider } = client;
  return {
    list: (filters, options) => {
      const valid = lazyCheck(() => {
        client.guard('transactions.list');
        assertFiltersSupported(provider, 'transactions.list', client.capabilities.transactionListFilters, filters);
        const checked = parseInput(transactionListInputSchema, filters ?? {}, 'transactions.list', provider);
        const card = checked.cardId === undefined ? undefined : ledgerlaneIdOf(checked.cardId, 'transactions.list');
        return { ...checked, card };
      });
      if (valid instanceof Error) return failedPage(ledgerlaneName, valid);
      const perPage = valid.perPage ?? ledgerlaneDefaultPerPage;
      return createCursorPageResult(
        valid.page ?? 1,
        perPage,
        async (cursor) => {
          const page = await client.call({
            operation: 'transactions.list',
            method: 'GET',
            path: '/movements',
            query: {
              card_ref: valid.card,
              kind: valid.type && wireKind[valid.type as keyof typeof wireKind],
              limit: perPage,
              cursor,
            },
            schema: ledgerlaneListSchema(ledgerlaneMovementSchema),
            options,
          });
          return { items: page.items.map(mapLedgerLaneMovement), nextCursor: page.next_cursor };
        },
        provider,
      );
    },
    get: (transactionId, options) =>
      lazy(async () => {
        client.guard('transactions.get');
        const path = `/movements/${encodeURIComponent(ledgerlaneIdOf(transactionId, 'transactions.get'))}`;
        const wire = await client.call({
          operation: 'transactions.get',
          method: 'GET',
          path,
          schema: ledgerlaneMovementSchema,
          options,
        });
        return mapLedgerLaneMovement(wire);
      }),
  };
}
