import { providerIdPattern } from '../domain/qualified-id.js';
import { webhookEventTypes } from '../domain/webhook.js';
import type { CreateCardInput } from '../port/inputs.js';
import { lazySchema } from './lazy-schema.js';
import { z } from './zod.js';

// The documented bounds, in one place. Amounts are integer cents.
/** The smallest initial funding or top-up the pages document, in cents: $1.00. */
export const minimumFundingCents = 100;
/** The largest initial funding or top-up the pages document, in cents: $5,000.00. */
export const maximumFundingCents = 500_000;
/** The longest card label the pages allow, in characters. */
export const maximumLabelLength = 64;
/** The most metadata keys a card may carry. */
export const maximumMetadataKeys = 20;
/** The largest page size the pages allow. */
export const maximumPerPage = 100;

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

const money = lazySchema(() =>
  z.strictObject(
    {
      amount: z.number({ error: 'must be integer cents (a number)' }).int('must be integer cents'),
      currency: z.literal('USD', { error: "must be 'USD'" }),
    },
    { error: "must be Money: { amount: <integer cents>, currency: 'USD' } (use usd(12.5) or cents(1250))" },
  ),
);

const fundingAmount = lazySchema(() =>
  money.refine((value) => value.amount >= minimumFundingCents && value.amount <= maximumFundingCents, {
    message: 'must be between $1.00 and $5,000.00',
  }),
);
const positiveAmount = lazySchema(() =>
  money.refine((value) => value.amount > 0, { message: 'must be more than $0.00' }),
);
const nonNegativeAmount = lazySchema(() =>
  money.refine((value) => value.amount >= 0, { message: 'must not be negative' }),
);

const label = lazySchema(() =>
  z.string({ error: 'must be a string' }).max(maximumLabelLength, `must be at most ${maximumLabelLength} characters`),
);

const category = lazySchema(() => z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'));

const metadataValue = lazySchema(() =>
  z.union([z.string().max(500, 'must be at most 500 characters'), z.number(), z.boolean(), z.null()], {
    error: 'must be a string, number, boolean or null',
  }),
);

// Checked on the raw input: once parsed into a record, a "__proto__" key would already be gone (or worse).
const metadataObject = lazySchema(() =>
  z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
    message: 'must be an object',
  }),
);

const metadata = lazySchema(() =>
  metadataObject
    .refine((value) => !Object.keys(value).some((key) => forbiddenKeys.has(key)), {
      message: 'must not use the keys __proto__, constructor or prototype',
    })
    .pipe(
      z
        .record(z.string().min(1).max(40, 'keys must be at most 40 characters'), metadataValue)
        .refine((value) => Object.keys(value).length <= maximumMetadataKeys, {
          message: `must have at most ${maximumMetadataKeys} keys`,
        }),
    ),
);

/** A provider's own id (`491653`, `card_8xK2m9Lp4q`): no slashes, spaces or query characters can reach a URL path. */
export const providerId = lazySchema(() =>
  z.string({ error: 'must be a string' }).regex(providerIdPattern, 'must be a provider id like card_8xK2m9Lp4q'),
);

/** `acme:card_8xK2m9Lp4q`. */
export const qualifiedId = lazySchema(() =>
  z
    .string({ error: 'must be a string' })
    .regex(
      /^[a-z][a-z0-9-]{0,31}:[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/,
      'must be a qualified id like acme:card_8xK2m9Lp4q',
    ),
);

const isoDate = lazySchema(() =>
  z
    .string({ error: 'must be an ISO 8601 date string' })
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO 8601 date')
    .refine(isCalendarDate, 'must be a real calendar date'),
);

/** `Date.parse('2026-02-30')` quietly gives March 2nd; this does not. */
function isCalendarDate(value: string): boolean {
  if (Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const page = lazySchema(() =>
  z.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(1_000_000),
);
const perPage = lazySchema(() =>
  z
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be between 1 and 100')
    .max(maximumPerPage, 'must be between 1 and 100'),
);

const network = lazySchema(() => z.string().regex(/^[a-z_]{2,32}$/, "must be a network name like 'visa'"));

export const binCriteriaSchema = lazySchema(() =>
  z.strictObject({
    network: network.optional(),
    type: z.string().min(1).max(64).optional(),
    threeDS: z.boolean().optional(),
    applePay: z.boolean().optional(),
    googlePay: z.boolean().optional(),
    bestFor: z.array(z.string().min(1).max(64)).max(20).optional(),
    minMaxTransaction: nonNegativeAmount.optional(),
  }),
);

/** Built with `createCardSchema`, on its first use. */
const createCardFields = () => ({
  amount: fundingAmount,
  label: label.optional(),
  spendingLimit: positiveAmount.optional(),
  allowedCategories: z.array(category, { error: 'must be an array of strings' }).max(50).optional(),
  autoFreezeAt: nonNegativeAmount.optional(),
  metadata: metadata.optional(),
});

// One strict object (not a union) so a bad field is reported as itself, not as "matches no variant".
/** The zod schema `parseInput` checks `cards.create`'s input (`CreateCardInput`): amount within the funding bounds, BIN id or criteria, label, metadata. */
export const createCardSchema = lazySchema(() =>
  z
    .strictObject({
      ...createCardFields(),
      // zod's own message for a failed union is a bare "Invalid input": say what either form looks like.
      binId: z
        .union([providerId, qualifiedId], {
          error: 'must be a BIN id like 491653 (a string), or a qualified one like acme:491653',
        })
        .optional(),
      bin: binCriteriaSchema.optional(),
    })
    .refine((value) => (value.binId === undefined) !== (value.bin === undefined), {
      message: 'must name a BIN: binId (a provider BIN id) or bin (criteria), exactly one of them',
      path: ['binId'],
    })
    // The refine guarantees exactly one of binId / bin: say so in the type.
    .transform((value) => value as typeof value & CreateCardInput),
);

/** The zod schema `parseInput` checks `cards.update`'s input (`UpdateCardInput`): at least one field to change. */
export const updateCardSchema = lazySchema(() =>
  z
    .strictObject({
      label: label.optional(),
      spendingLimit: positiveAmount.optional(),
      allowedCategories: z.array(category).max(50).optional(),
      autoFreezeAt: nonNegativeAmount.nullable().optional(),
      metadata: metadata.optional(),
    })
    .refine((value) => Object.values(value).some((field) => field !== undefined), 'must change at least one field'),
);

/** The zod schema `parseInput` checks `cards.fund`'s input: an amount in integer cents within the funding bounds. */
export const fundSchema = lazySchema(() => z.strictObject({ amount: fundingAmount }));
/** The zod schema `parseInput` checks `cards.withdraw`'s input: a positive amount in integer cents. */
export const withdrawSchema = lazySchema(() => z.strictObject({ amount: positiveAmount }));

/** The zod schema `parseInput` checks `cards.list`'s filters and pagination. */
export const cardListSchema = lazySchema(() =>
  z.strictObject({
    status: z.enum(['active', 'frozen', 'terminated']).optional(),
    binId: providerId.optional(),
    label: z.string().min(1).max(maximumLabelLength).optional(),
    sort: z.enum(['createdAt', 'balance', 'lastUsed']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    page: page.optional(),
    perPage: perPage.optional(),
  }),
);

/** The zod schema `parseInput` checks `transactions.list`'s filters (card, type, date range) and pagination. */
export const transactionListSchema = lazySchema(() =>
  z
    .strictObject({
      cardId: qualifiedId.optional(),
      type: z.enum(['authorization', 'settlement', 'refund', 'decline']).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      merchant: z.string().min(1).max(128).optional(),
      minAmount: nonNegativeAmount.optional(),
      maxAmount: nonNegativeAmount.optional(),
      page: page.optional(),
      perPage: perPage.optional(),
    })
    .refine((value) => !value.from || !value.to || Date.parse(value.from) <= Date.parse(value.to), {
      message: 'from must not be after to',
      path: ['from'],
    })
    .refine((value) => !value.minAmount || !value.maxAmount || value.minAmount.amount <= value.maxAmount.amount, {
      message: 'minAmount must not exceed maxAmount',
      path: ['minAmount'],
    }),
);

/** The zod schema `parseInput` checks `threeDS.list`'s filters and pagination. */
export const threeDSListSchema = lazySchema(() =>
  z.strictObject({
    cardId: qualifiedId.optional(),
    status: z.enum(['pending', 'completed', 'expired']).optional(),
  }),
);

const asset = lazySchema(() => z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, "must be an asset like 'btc'"));

/** The zod schema `parseInput` checks `wallet.deposits`' filters and pagination. */
export const depositListSchema = lazySchema(() =>
  z.strictObject({
    status: z.enum(['pending', 'confirmed', 'expired']).optional(),
    asset: asset.optional(),
  }),
);

/** The zod schema `parseInput` checks `wallet.depositAddresses`' query: an optional asset like 'btc'. */
export const depositAddressSchema = lazySchema(() => z.strictObject({ asset: asset.optional() }));

const webhookEvents = lazySchema(() =>
  z
    .array(z.enum(['*', ...webhookEventTypes], { error: `must be one of ${webhookEventTypes.join(', ')} or '*'` }), {
      error: 'must be an array of event names',
    })
    .min(1, "must list at least one event (use ['*'] for all)")
    .refine((events) => new Set(events).size === events.length, 'must not repeat an event'),
);

/** `secure`: real providers take HTTPS only; simulators and the in-memory issuer also take http on loopback. */
export function createWebhookSchema(allowsInsecureUrls: boolean) {
  const url = z
    .string({ error: 'must be a URL string' })
    .max(2048)
    .refine(
      (value) => {
        let parsed: URL;
        try {
          parsed = new URL(value);
        } catch {
          return false;
        }
        if (parsed.username || parsed.password) return false;
        if (parsed.protocol === 'https:') return true;
        return allowsInsecureUrls && parsed.protocol === 'http:';
      },
      allowsInsecureUrls ? 'must be an http(s) URL' : 'must be an HTTPS URL',
    );
  return z.strictObject({
    url,
    events: webhookEvents,
    secret: z
      .union([
        z.string().min(16, 'must be at least 16 characters').max(256),
        z.custom<object>((value) => typeof value === 'object' && value !== null && 'reveal' in value),
      ])
      .optional(),
  });
}

/** The zod schema `parseInput` checks `webhooks.create`'s input: an https URL (plain http only for loopback hosts). */
export const secureWebhookSchema = lazySchema(() => createWebhookSchema(false));
/** The zod schema `parseInput` checks `webhooks.create`'s input for a simulator or a test: any http(s) URL. */
export const insecureWebhookSchema = lazySchema(() => createWebhookSchema(true));
