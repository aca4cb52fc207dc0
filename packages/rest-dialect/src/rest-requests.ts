import { type Money, moneyToDecimal, type Secret } from '@cardgw/core';
import type {
  CardListFilters,
  CardSort,
  DepositAddressQuery,
  DepositListFilters,
  Metadata,
  QueryValue,
  ThreeDSListFilters,
  TransactionListFilters,
  UpdateCardInput,
} from '@cardgw/core/provider-utils';

// Domain → wire: integer cents become the dollar numbers the providers expect (`moneyToDecimal`), camelCase becomes
// snake_case, qualified ids become the provider's own. Only the fields given are sent: an absent field is left to the
// provider's default, never sent as `null`. Inputs are already validated (parseInput) and ids already resolved.

/** A query string as the providers expect it (snake_case). */
export type WireQuery = Record<string, QueryValue>;
/** A JSON request body as the providers expect it (snake_case, float dollars). */
export type WireBody = Record<string, unknown>;

/** `POST /cards` (the dialect's body), with the BIN already chosen. */
export interface CreateCardRequest {
  readonly binId: string;
  readonly amount: Money;
  readonly label?: string | undefined;
  readonly spendingLimit?: Money | undefined;
  readonly allowedCategories?: readonly string[] | undefined;
  readonly autoFreezeAt?: Money | undefined;
  readonly metadata?: Metadata | undefined;
}

/** The dialect's `POST /cards` body, from a `CreateCardRequest`: dollars as floats, snake_case names. */
export function buildCreateCardBody(input: CreateCardRequest): WireBody {
  return compact({
    bin_id: input.binId,
    amount: moneyToDecimal(input.amount),
    label: input.label,
    spending_limit: optionalDecimal(input.spendingLimit),
    allowed_categories: input.allowedCategories,
    auto_freeze_at: optionalDecimal(input.autoFreezeAt),
    metadata: input.metadata,
  });
}

/** `PATCH /cards/{id}`. `autoFreezeAt: null` disables auto-freeze: the wire's `0` ("0 to disable"). */
export function buildUpdateCardBody(input: UpdateCardInput): WireBody {
  return compact({
    label: input.label,
    spending_limit: optionalDecimal(input.spendingLimit),
    allowed_categories: input.allowedCategories,
    auto_freeze_at: input.autoFreezeAt === null ? 0 : optionalDecimal(input.autoFreezeAt),
    metadata: input.metadata,
  });
}

/** `POST /cards/{id}/fund` and `/withdraw`. */
export function buildFundingBody(amount: Money): WireBody {
  return { amount: moneyToDecimal(amount) };
}

const wireCardSort: Record<CardSort, string> = { createdAt: 'created_at', balance: 'balance', lastUsed: 'last_used' };

/** `GET /cards`. `page` is always sent, so every page request says which page it wants. */
export function buildCardListQuery(filters: CardListFilters, page: number): WireQuery {
  return compact({
    status: filters.status,
    bin_id: filters.binId,
    label: filters.label,
    sort: filters.sort === undefined ? undefined : wireCardSort[filters.sort],
    order: filters.order,
    page,
    per_page: filters.perPage,
  });
}

/** `GET /transactions`, with `cardId` already resolved to the provider's own id. */
export function buildTransactionListQuery(
  filters: Omit<TransactionListFilters, 'cardId'> & { readonly cardId?: string | undefined },
  page: number,
): WireQuery {
  return compact({
    card_id: filters.cardId,
    type: filters.type,
    from: filters.from,
    to: filters.to,
    merchant: filters.merchant,
    min_amount: optionalDecimal(filters.minAmount),
    max_amount: optionalDecimal(filters.maxAmount),
    page,
    per_page: filters.perPage,
  });
}

/** `GET /3ds`, with `cardId` already resolved to the provider's own id. */
export function buildThreeDSListQuery(
  filters: Omit<ThreeDSListFilters, 'cardId'> & { readonly cardId?: string | undefined },
): WireQuery {
  return compact({ card_id: filters.cardId, status: filters.status });
}

/** `GET /wallet/deposits`: the asset travels as `currency`. */
export function buildDepositListQuery(filters: DepositListFilters): WireQuery {
  return compact({ status: filters.status, currency: filters.asset });
}

/** `GET /wallet/deposit-address?currency=`. */
export function buildDepositAddressQuery(query: DepositAddressQuery): WireQuery {
  return compact({ currency: query.asset });
}

/** `POST /webhooks`. The secret leaves its wrapper here only, on its way to the provider. */
export function buildCreateWebhookBody(input: {
  readonly url: string;
  readonly events: readonly string[];
  readonly secret?: string | Secret | undefined;
}): WireBody {
  const secret = input.secret;
  return compact({
    url: input.url,
    events: input.events,
    secret: secret === undefined || typeof secret === 'string' ? secret : secret.reveal(),
  });
}

function optionalDecimal(money: Money | undefined): number | undefined {
  return money === undefined ? undefined : moneyToDecimal(money);
}

function compact<Value>(fields: Record<string, Value | undefined>): Record<string, Value> {
  const result: Record<string, Value> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) result[key] = value;
  return result;
}
