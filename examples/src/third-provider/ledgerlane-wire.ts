import { z } from 'zod';

// LedgerLane's wire objects (ledgerlane-api.md): snake_case, money as integer cents, its own ids (`crd_…`, `mov_…`).
// Tolerant like the house's schemas: added fields are ignored; what the mapping reads is required.

const cents = z.number().int();
const optionalCents = cents.nullish();

/** A card: `card_ref`, `state` (`pending`, `open`, `paused`, `closed`) and balances in cents. */
export const ledgerlaneCardSchema = z.object({
  card_ref: z.string(),
  state: z.enum(['pending', 'open', 'paused', 'closed']),
  scheme: z.string(),
  bin: z.string(),
  last_four: z.string(),
  balance_cents: cents,
  limit_cents: optionalCents,
  spent_cents: optionalCents,
  movement_count: z.number().int().nullish(),
  nickname: z.string().nullish(),
  categories: z.array(z.string()).nullish(),
  autofreeze_cents: optionalCents,
  tags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullish(),
  opened_at: z.string(),
  expires_at: z.string().nullish(),
  last_used_at: z.string().nullish(),
});
/** A card as LedgerLane sends it. */
export type LedgerLaneCard = z.infer<typeof ledgerlaneCardSchema>;

/** `GET /cards/{ref}/secrets`. */
export const ledgerlaneCardSecretsSchema = z.object({
  card_ref: z.string(),
  number: z.string(),
  security_code: z.string(),
  exp_month: z.number().int(),
  exp_year: z.number().int(),
  holder: z.string(),
});

/** `POST /cards/{ref}/pause`. */
export const ledgerlanePauseSchema = z.object({ card_ref: z.string(), paused_at: z.string() });

/** `POST /cards/{ref}/close`. */
export const ledgerlaneCloseSchema = z.object({
  card_ref: z.string(),
  refunded_cents: cents,
  closed_at: z.string(),
});

/** `POST /cards/{ref}/load` and `/unload`. */
export const ledgerlaneTransferSchema = z.object({
  card_ref: z.string(),
  direction: z.enum(['in', 'out']),
  before_cents: cents,
  amount_cents: cents,
  after_cents: cents,
  wallet_cents: cents,
});

/** A movement (a card transaction). */
export const ledgerlaneMovementSchema = z.object({
  movement_ref: z.string(),
  card_ref: z.string(),
  kind: z.enum(['hold', 'capture', 'refund', 'declined']),
  amount_cents: cents,
  merchant: z.object({
    name: z.string(),
    category: z.string().nullish(),
    mcc: z.string().nullish(),
    country: z.string().nullish(),
  }),
  balance_after_cents: optionalCents,
  decline_reason: z.string().nullish(),
  at: z.string(),
});
/** A movement as LedgerLane sends it. */
export type LedgerLaneMovement = z.infer<typeof ledgerlaneMovementSchema>;

/** A 3-D Secure verification: the one-time `passcode` the cardholder types, valid until `expires_at`. */
export const ledgerlaneVerificationSchema = z.object({
  verification_ref: z.string(),
  card_ref: z.string(),
  merchant: z.string(),
  amount_cents: cents,
  passcode: z.string(),
  state: z.enum(['waiting', 'done', 'lapsed']),
  expires_at: z.string(),
  created_at: z.string().nullish(),
});
/** A 3-D Secure verification as LedgerLane sends it. */
export type LedgerLaneVerification = z.infer<typeof ledgerlaneVerificationSchema>;

/** A BIN. */
export const ledgerlaneBinSchema = z.object({
  bin: z.string(),
  scheme: z.string(),
  kind: z.string(),
  country: z.string().nullish(),
  three_ds: z.boolean(),
  apple_pay: z.boolean(),
  google_pay: z.boolean(),
  max_transaction_cents: cents,
  max_monthly_cents: cents,
  acceptance_rate: z.number(),
  best_for: z.array(z.string()),
});
/** A BIN as LedgerLane sends it. */
export type LedgerLaneBin = z.infer<typeof ledgerlaneBinSchema>;

/** `GET /balance`. */
export const ledgerlaneBalanceSchema = z.object({
  available_cents: cents,
  pending_cents: cents,
  deposited_cents: cents,
  spent_cents: cents,
  open_cards: z.number().int(),
  on_cards_cents: cents,
});

/** Every list: `{ items, next_cursor }`; `next_cursor` is `null` on the last page. */
export function ledgerlaneListSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}
