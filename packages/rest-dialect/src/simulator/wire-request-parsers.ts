import { type CreateCardInput, type Money, moneyFromDecimal } from '@cardgw/core';
import {
  type CardListFilters,
  type CreateWebhookInput,
  type DepositListFilters,
  parseInput,
  type ThreeDSListFilters,
  type TransactionListFilters,
  type UpdateCardInput,
} from '@cardgw/core/provider-utils';
import { z } from 'zod';
import { wireDecimal } from '../rest-wire-schemas.js';

// Wire requests (snake_case, float dollars, string query values) → the port's inputs, for the simulator. Only the
// shape is checked here (a 400 names the wire field); the documented bounds are the in-memory issuer's to enforce, as
// the provider's own validation would.

type Query = Readonly<Record<string, string | undefined>>;

const money = (value: number | string): Money => moneyFromDecimal(value);
const optionalMoney = (value: number | string | undefined): Money | undefined =>
  value === undefined ? undefined : money(value);

const metadata = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const createCardBody = z.looseObject({
  bin_id: z.string({ error: 'is required (a BIN id such as 491653)' }),
  amount: wireDecimal,
  label: z.string().optional(),
  spending_limit: wireDecimal.optional(),
  allowed_categories: z.array(z.string()).optional(),
  auto_freeze_at: wireDecimal.optional(),
  metadata: metadata.optional(),
});

const updateCardBody = z.looseObject({
  label: z.string().optional(),
  spending_limit: wireDecimal.optional(),
  allowed_categories: z.array(z.string()).optional(),
  auto_freeze_at: wireDecimal.optional(),
  metadata: metadata.optional(),
});

const fundingBody = z.looseObject({ amount: wireDecimal });

const webhookBody = z.looseObject({
  url: z.string(),
  events: z.array(z.string()),
  secret: z.string().optional(),
});

export function parseCreateCardBody(body: unknown): CreateCardInput {
  const wire = parseInput(createCardBody, body, 'POST /cards');
  return withoutUndefined({
    binId: wire.bin_id,
    amount: money(wire.amount),
    label: wire.label,
    spendingLimit: optionalMoney(wire.spending_limit),
    allowedCategories: wire.allowed_categories,
    autoFreezeAt: optionalMoney(wire.auto_freeze_at),
    metadata: wire.metadata,
  }) as CreateCardInput;
}

/** `auto_freeze_at: 0` disables auto-freeze ("0 to disable"). */
export function parseUpdateCardBody(body: unknown): UpdateCardInput {
  const wire = parseInput(updateCardBody, body, 'PATCH /cards/{card_id}');
  const autoFreezeAt = optionalMoney(wire.auto_freeze_at);
  return withoutUndefined({
    label: wire.label,
    spendingLimit: optionalMoney(wire.spending_limit),
    allowedCategories: wire.allowed_categories,
    autoFreezeAt: autoFreezeAt?.amount === 0 ? null : autoFreezeAt,
    metadata: wire.metadata,
  });
}

export function parseFundingBody(body: unknown, operation: string): { amount: Money } {
  return { amount: money(parseInput(fundingBody, body, operation).amount) };
}

export function parseCreateWebhookBody(body: unknown): CreateWebhookInput {
  const wire = parseInput(webhookBody, body, 'POST /webhooks');
  return withoutUndefined({ url: wire.url, events: wire.events, secret: wire.secret }) as CreateWebhookInput;
}

const wireInteger = z
  .string()
  .regex(/^\d{1,7}$/, 'must be a positive integer')
  .transform(Number);
const queryString = z.string().min(1, 'must not be empty');

const cardListQuery = z.looseObject({
  status: queryString.optional(),
  bin_id: queryString.optional(),
  label: queryString.optional(),
  sort: queryString.optional(),
  order: queryString.optional(),
  page: wireInteger.optional(),
  per_page: wireInteger.optional(),
});

const wireCardSort: Record<string, string> = { created_at: 'createdAt', balance: 'balance', last_used: 'lastUsed' };

/** `filters` lists the port filter names the dialect documents: a query parameter it does not is ignored. */
export function parseCardListQuery(query: Query, filters: readonly string[]): CardListFilters {
  const wire = parseInput(cardListQuery, query, 'GET /cards');
  return pick(filters, {
    status: wire.status,
    binId: wire.bin_id,
    label: wire.label,
    sort: wire.sort === undefined ? undefined : (wireCardSort[wire.sort] ?? wire.sort),
    order: wire.order,
    page: wire.page,
    perPage: wire.per_page,
  }) as CardListFilters;
}

const transactionListQuery = z.looseObject({
  card_id: queryString.optional(),
  type: queryString.optional(),
  from: queryString.optional(),
  to: queryString.optional(),
  merchant: queryString.optional(),
  min_amount: queryString.refine(isCentString, 'must be a dollar amount').optional(),
  max_amount: queryString.refine(isCentString, 'must be a dollar amount').optional(),
  page: wireInteger.optional(),
  per_page: wireInteger.optional(),
});

export function parseTransactionListQuery(
  query: Query,
  filters: readonly string[],
  qualify: (id: string) => string,
): TransactionListFilters {
  const wire = parseInput(transactionListQuery, query, 'GET /transactions');
  return pick(filters, {
    cardId: wire.card_id === undefined ? undefined : qualify(wire.card_id),
    type: wire.type,
    from: wire.from,
    to: wire.to,
    merchant: wire.merchant,
    minAmount: optionalMoney(wire.min_amount),
    maxAmount: optionalMoney(wire.max_amount),
    page: wire.page,
    perPage: wire.per_page,
  }) as TransactionListFilters;
}

export function parseThreeDSListQuery(
  query: Query,
  filters: readonly string[],
  qualify: (id: string) => string,
): ThreeDSListFilters {
  return pick(filters, {
    cardId: query.card_id === undefined ? undefined : qualify(query.card_id),
    status: query.status,
  }) as ThreeDSListFilters;
}

export function parseDepositListQuery(query: Query, filters: readonly string[]): DepositListFilters {
  return pick(filters, { status: query.status, asset: query.currency?.toLowerCase() }) as DepositListFilters;
}

/** Keeps the documented filters (and `page`), drops what is undefined. */
function pick(filters: readonly string[], values: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && (name === 'page' || filters.includes(name))) result[name] = value;
  }
  return result;
}

function isCentString(value: string): boolean {
  return wireDecimal.safeParse(value).success;
}

function withoutUndefined<Value extends object>(value: Value): Value {
  for (const key of Object.keys(value) as (keyof Value)[]) if (value[key] === undefined) delete value[key];
  return value;
}
