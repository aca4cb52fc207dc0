import {
  InvalidRequestError,
  maximumFundingCents,
  maximumLabelLength,
  maximumMetadataKeys,
  maximumPerPage,
  minimumFundingCents,
  parseQualifiedId,
} from '@cardgw/core';
import { z } from 'zod';
import { ledgerlaneName } from './map-ledgerlane-objects.js';

// The port's input rules, with core's documented bounds. Core keeps its own zod input schemas internal, so an adapter
// outside it writes them again from the exported bounds (README: findings).

const money = (minimum: number) =>
  z.strictObject({ amount: z.number().int().min(minimum).max(maximumFundingCents), currency: z.literal('USD') });
const fundingAmount = money(minimumFundingCents);
const metadata = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= maximumMetadataKeys, {
    message: `must have at most ${maximumMetadataKeys} keys`,
  });
const label = z.string().max(maximumLabelLength);
const categories = z.array(z.string());
const binCriteria = z.strictObject({
  network: z.string().optional(),
  type: z.enum(['authorization', 'settlement', 'refund', 'decline']).optional(),
  threeDS: z.boolean().optional(),
  applePay: z.boolean().optional(),
  googlePay: z.boolean().optional(),
  bestFor: z.array(z.string()).optional(),
  minMaxTransaction: money(0).optional(),
});
const createFields = {
  amount: fundingAmount,
  label: label.optional(),
  spendingLimit: money(1).optional(),
  allowedCategories: categories.optional(),
  autoFreezeAt: money(0).optional(),
  metadata: metadata.optional(),
};

/** `cards.create`: a BIN by id or by criteria, the amount ($1.00–$5,000.00) and the card's settings. */
export const createCardInputSchema = z.union([
  z.strictObject({ ...createFields, binId: z.string().min(1), bin: z.undefined().optional() }),
  z.strictObject({ ...createFields, bin: binCriteria, binId: z.undefined().optional() }),
]);

/** `cards.update`: only the fields given change. */
export const updateCardInputSchema = z.strictObject({
  label: label.optional(),
  spendingLimit: money(1).optional(),
  allowedCategories: categories.optional(),
  autoFreezeAt: money(0).nullable().optional(),
  metadata: metadata.optional(),
});

/** `cards.fund` and `cards.withdraw`. */
export const fundingInputSchema = z.strictObject({ amount: fundingAmount });

const pagination = {
  page: z.number().int().min(1).optional(),
  perPage: z.number().int().min(1).max(maximumPerPage).optional(),
};

/** `cards.list`: LedgerLane filters by state only. */
export const cardListInputSchema = z.strictObject({
  ...pagination,
  status: z.enum(['active', 'frozen', 'terminated']).optional(),
  binId: z.string().optional(),
  label: z.string().optional(),
  sort: z.enum(['createdAt', 'balance', 'lastUsed']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

/** `transactions.list`: LedgerLane filters by card only. */
export const transactionListInputSchema = z.strictObject({
  ...pagination,
  cardId: z.string().optional(),
  type: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  merchant: z.string().optional(),
  minAmount: money(0).optional(),
  maxAmount: money(0).optional(),
});

/** `threeDS.list`: LedgerLane takes no filter. */
export const threeDSListInputSchema = z.strictObject({
  cardId: z.string().optional(),
  status: z.enum(['pending', 'completed', 'expired']).optional(),
});

/**
 * The LedgerLane id inside a qualified id (`ledgerlane:crd_000001` → `crd_000001`), checked before any request.
 * @throws InvalidRequestError for anything else: not a string, not qualified, another provider's id.
 */
export function ledgerlaneIdOf(id: unknown, operation: string): string {
  const parsed = typeof id === 'string' ? parseQualifiedId(id) : undefined;
  if (parsed === undefined || parsed.provider !== ledgerlaneName) {
    const which =
      parsed === undefined ? 'is not a qualified id like ledgerlane:crd_000001' : `belongs to ${parsed.provider}`;
    throw new InvalidRequestError(`${operation}: the id ${which}`, {
      provider: ledgerlaneName,
      issues: [{ field: 'id', rule: 'must be a ledgerlane id' }],
    });
  }
  return parsed.providerId;
}
