import {
  assertFiltersSupported,
  type Card,
  type CardsResource,
  type CreateCardInput,
  NotFoundError,
  parseInput,
  parseQualifiedId,
  qualifyId,
  type RequestOptions,
  selectBin,
} from '@cardgw/core';
import { fetchLedgerLaneBins } from './ledgerlane-bins.js';
import { type LedgerLaneClient, lazy, lazyCheck } from './ledgerlane-client.js';
import {
  cardListInputSchema,
  createCardInputSchema,
  fundingInputSchema,
  ledgerlaneIdOf,
  updateCardInputSchema,
} from './ledgerlane-inputs.js';
import { createCursorPageResult, failedPage, ledgerlaneDefaultPerPage } from './ledgerlane-pages.js';
import {
  ledgerlaneCardSchema,
  ledgerlaneCardSecretsSchema,
  ledgerlaneCloseSchema,
  ledgerlaneListSchema,
  ledgerlanePauseSchema,
  ledgerlaneTransferSchema,
} from './ledgerlane-wire.js';
import { ledgerlaneName, mapLedgerLaneCard, mapLedgerLaneSecrets } from './map-ledgerlane-objects.js';

const wireState = { active: 'open', frozen: 'paused', terminated: 'closed' } as const;

/** `issuer.cards` over LedgerLane's `/cards` endpoints: ids checked, input validated, cents on the wire. */
export function createLedgerLaneCards(client: LedgerLaneClient): CardsResource {
  const { provider } = client;
  const cardSchema = ledgerlaneCardSchema;
  const cardPath = (id: unknown, operation: string, suffix = '') =>
    `/cards/${encodeURIComponent(ledgerlaneIdOf(id, operation))}${suffix}`;

  /** The LedgerLane BIN of a create: its id (bare or qualified), or the best one matching the criteria. */
  async function binFor(input: CreateCardInput, options?: RequestOptions): Promise<string> {
    if (input.binId !== undefined) {
      const qualified = parseQualifiedId(input.binId);
      return qualified === undefined ? input.binId : ledgerlaneIdOf(input.binId, 'cards.create');
    }
    const bin = selectBin(await fetchLedgerLaneBins(client, { ...options, idempotencyKey: undefined }), input.bin);
    if (bin === undefined) {
      throw new NotFoundError('cards.create: no LedgerLane BIN matches the criteria', {
        provider: client.provider,
        code: 'no_matching_bin',
      });
    }
    return bin.providerId;
  }

  return {
    create: (input, options) =>
      lazy(async () => {
        client.guard('cards.create');
        const valid = parseInput(createCardInputSchema, input, 'cards.create', provider) as CreateCardInput;
        const bin = await binFor(valid, options);
        const wire = await client.call({
          operation: 'cards.create',
          method: 'POST',
          path: '/cards',
          body: {
            bin,
            amount_cents: valid.amount.amount,
            nickname: valid.label,
            limit_cents: valid.spendingLimit?.amount,
            categories: valid.allowedCategories,
            autofreeze_cents: valid.autoFreezeAt?.amount,
            tags: valid.metadata,
          },
          schema: cardSchema,
          options,
        });
        return mapLedgerLaneCard(wire);
      }),
    list: (filters, options) => {
      const valid = lazyCheck(() => {
        client.guard('cards.list');
        assertFiltersSupported(provider, 'cards.list', client.capabilities.cardListFilters, filters);
        return parseInput(cardListInputSchema, filters ?? {}, 'cards.list', provider);
      });
      if (valid instanceof Error) return failedPage(ledgerlaneName, valid);
      const perPage = valid.perPage ?? ledgerlaneDefaultPerPage;
      return createCursorPageResult<Card>(
        valid.page ?? 1,
        perPage,
        async (cursor) => {
          const page = await client.call({
            operation: 'cards.list',
            method: 'GET',
            path: '/cards',
            query: { state: valid.status && wireState[valid.status], limit: perPage, cursor },
            schema: ledgerlaneListSchema(cardSchema),
            options,
          });
          return { items: page.items.map(mapLedgerLaneCard), nextCursor: page.next_cursor };
        },
        provider,
      );
    },
    get: (cardId, options) =>
      lazy(async () => {
        client.guard('cards.get');
        const path = cardPath(cardId, 'cards.get');
        return mapLedgerLaneCard(
          await client.call({ operation: 'cards.get', method: 'GET', path, schema: cardSchema, options }),
        );
      }),
    details: (cardId, options) =>
      lazy(async () => {
        client.guard('cards.details');
        const path = cardPath(cardId, 'cards.details', '/secrets');
        const wire = await client.call({
          operation: 'cards.details',
          method: 'GET',
          path,
          schema: ledgerlaneCardSecretsSchema,
          options,
        });
        return mapLedgerLaneSecrets(wire);
      }),
    update: (cardId, input, options) =>
      lazy(async () => {
        client.guard('cards.update');
        const path = cardPath(cardId, 'cards.update');
        const valid = parseInput(updateCardInputSchema, input, 'cards.update', provider);
        const body = {
          nickname: valid.label,
          limit_cents: valid.spendingLimit?.amount,
          categories: valid.allowedCategories,
          // LedgerLane turns auto-freeze off with 0.
          autofreeze_cents: valid.autoFreezeAt === null ? 0 : valid.autoFreezeAt?.amount,
          tags: valid.metadata,
        };
        const wire = await client.call({
          operation: 'cards.update',
          method: 'PATCH',
          path,
          body,
          schema: cardSchema,
          options,
        });
        return mapLedgerLaneCard(wire);
      }),
    freeze: (cardId, options) =>
      lazy(async () => {
        client.guard('cards.freeze');
        const path = cardPath(cardId, 'cards.freeze', '/pause');
        const wire = await client.call({
          operation: 'cards.freeze',
          method: 'POST',
          path,
          schema: ledgerlanePauseSchema,
          options,
        });
        return { cardId: qualifyId(provider, wire.card_ref), status: 'frozen', frozenAt: wire.paused_at };
      }),
    unfreeze: (cardId, options) =>
      lazy(async () => {
        client.guard('cards.unfreeze');
        const path = cardPath(cardId, 'cards.unfreeze', '/resume');
        return mapLedgerLaneCard(
          await client.call({ operation: 'cards.unfreeze', method: 'POST', path, schema: cardSchema, options }),
        );
      }),
    terminate: (cardId, options) =>
      lazy(async () => {
        client.guard('cards.terminate');
        const path = cardPath(cardId, 'cards.terminate', '/close');
        const wire = await client.call({
          operation: 'cards.terminate',
          method: 'POST',
          path,
          schema: ledgerlaneCloseSchema,
          options,
        });
        return {
          cardId: qualifyId(provider, wire.card_ref),
          status: 'terminated',
          refundedAmount: { amount: wire.refunded_cents, currency: 'USD' },
          terminatedAt: wire.closed_at,
        };
      }),
    fund: (cardId, input, options) => transfer('cards.fund', '/load', cardId, input, options),
    withdraw: (cardId, input, options) => transfer('cards.withdraw', '/unload', cardId, input, options),
  };

  function transfer(
    operation: 'cards.fund' | 'cards.withdraw',
    suffix: string,
    cardId: string,
    input: unknown,
    options: RequestOptions | undefined,
  ) {
    return lazy(async () => {
      client.guard(operation);
      const path = cardPath(cardId, operation, suffix);
      const valid = parseInput(fundingInputSchema, input, operation, provider);
      const wire = await client.call({
        operation,
        method: 'POST',
        path,
        body: { amount_cents: valid.amount.amount },
        schema: ledgerlaneTransferSchema,
        options,
      });
      const usd = (amount: number) => ({ amount, currency: 'USD' }) as const;
      return {
        cardId: qualifyId(provider, wire.card_ref),
        direction: wire.direction === 'in' ? 'fund' : 'withdraw',
        previousBalance: usd(wire.before_cents),
        amount: usd(wire.amount_cents),
        newBalance: usd(wire.after_cents),
        walletBalance: usd(wire.wallet_cents),
      } as const;
    });
  }
}
