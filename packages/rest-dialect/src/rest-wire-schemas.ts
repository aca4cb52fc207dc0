import { decimalToMinorUnits, lazySchema, providerIdPattern, z } from '@cardgw/core/provider-utils';
import type { z as Zod } from 'zod';

// The wire format both documented providers speak, as their API pages show it. Tolerant by design: objects keep
// unknown fields (providers add fields), optional fields also accept `null`, strings that may grow (network, BIN type,
// asset, event names) stay strings. Required fields and the enums the domain closes (card status, transaction type,
// 3DS and deposit status) are strict: a response we cannot represent is a ProviderResponseError, not a guess.
// Refinement messages never echo the value: it may be a PAN, a CVV or an OTP.

/**
 * A provider's own id (`card_8xK2m9Lp4q`, `491653`): every id field of every answer. Checked here, at the edge, because
 * the mappers qualify it (`acme:card_8xK2m9Lp4q`) and an id outside the pattern (`a/b`, empty) would give a
 * qualified id that every later call refuses.
 */
export const wireId = lazySchema(() =>
  z
    .string({ error: 'must be a provider id' })
    .regex(providerIdPattern, 'must be a provider id (a letter or digit, then letters, digits, _ . -)'),
);

/** Float dollars (`487.50`) or a decimal string, with at most two decimals: converted exactly by the mappers. */
export const wireDecimal = lazySchema(() =>
  z
    .union([z.number(), z.string()], { error: 'must be a dollar amount' })
    .refine(isCentAmount, 'must be a dollar amount with at most two decimals'),
);

/** ISO 8601, `Z` or `+00:00` offsets alike; normalized by the mappers with `Date#toISOString()`. */
export const wireTimestamp = lazySchema(() =>
  z
    .string({ error: 'must be an ISO 8601 timestamp' })
    .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 timestamp'),
);

const wireMetadata = lazySchema(() => z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])));

/** `pending_top_up` is a provisioned card awaiting its wallet's funding. */
export const wireCardStatus = lazySchema(() => z.enum(['active', 'frozen', 'terminated', 'pending_top_up', 'pending']));

/** The card object: full from `GET /cards/{id}`, `POST /cards`, `PATCH`, `unfreeze`; a subset in `GET /cards`. */
export const wireCardSchema = lazySchema(() =>
  z.looseObject({
    id: wireId,
    bin_id: wireId,
    network: z.string(),
    last4: z.string(),
    status: wireCardStatus,
    balance: wireDecimal,
    spending_limit: wireDecimal.nullish(),
    total_spent: wireDecimal.nullish(),
    transaction_count: z.number().int().nullish(),
    label: z.string().nullish(),
    allowed_categories: z.array(z.string()).nullish(),
    /** `null` or `0`: auto-freeze disabled. */
    auto_freeze_at: wireDecimal.nullish(),
    metadata: wireMetadata.nullish(),
    created_at: wireTimestamp,
    expires_at: wireTimestamp.nullish(),
    last_used_at: wireTimestamp.nullish(),
  }),
);

/** `GET /cards/{id}/details`. */
export const wireCardDetailsSchema = lazySchema(() =>
  z.looseObject({
    id: wireId,
    pan: z.string().regex(/^\d{12,19}$/, 'must be a PAN of 12 to 19 digits'),
    cvv: z.string().regex(/^\d{3,4}$/, 'must be a CVV of 3 or 4 digits'),
    exp_month: z.number().int().min(1).max(12),
    exp_year: z.number().int().min(2000).max(2200),
    holder_name: z.string(),
    billing_address: z
      .looseObject({
        line1: z.string(),
        line2: z.string().nullish(),
        city: z.string(),
        state: z.string().nullish(),
        zip: z.string(),
        country: z.string(),
      })
      .nullish(),
  }),
);

/** `POST /cards/{id}/freeze`. */
export const wireCardFreezeSchema = lazySchema(() =>
  z.looseObject({
    id: wireId,
    status: z.literal('frozen'),
    frozen_at: wireTimestamp,
  }),
);

/** `DELETE /cards/{id}`. */
export const wireCardTerminationSchema = lazySchema(() =>
  z.looseObject({
    id: wireId,
    status: z.literal('terminated'),
    refunded_amount: wireDecimal,
    terminated_at: wireTimestamp,
  }),
);

/**
 * `POST /cards/{id}/fund` (documented: `funded_amount`) and `/withdraw` (documented only as "updated card and wallet
 * balances": assumed `withdrawn_amount`, a plain `amount` tolerated).
 */
export const wireCardFundingSchema = lazySchema(() =>
  z.looseObject({
    id: wireId,
    previous_balance: wireDecimal,
    funded_amount: wireDecimal.nullish(),
    withdrawn_amount: wireDecimal.nullish(),
    amount: wireDecimal.nullish(),
    new_balance: wireDecimal,
    wallet_balance: wireDecimal,
  }),
);

const wireMerchantObject = lazySchema(() =>
  z.looseObject({
    name: z.string(),
    category: z.string().nullish(),
    mcc: z.string().nullish(),
    country: z.string().nullish(),
  }),
);

/** A transaction's merchant is an object; a bare name (as 3DS challenges carry) is tolerated. */
export const wireMerchant = lazySchema(() => z.union([wireMerchantObject, z.string()]));

/** The schema of one wire transaction (tolerant: unknown fields pass, optional ones may be null). */
export const wireTransactionSchema = lazySchema(() =>
  z.looseObject({
    id: wireId,
    card_id: wireId,
    type: z.enum(['authorization', 'settlement', 'refund', 'decline']),
    amount: wireDecimal,
    // Money is USD only: an amount in another currency must not be read as dollars.
    currency: z.literal('USD').nullish(),
    merchant: wireMerchant,
    balance_after: wireDecimal.nullish(),
    /** "3DS status" of `GET /transactions/{id}`: the field name and values are undocumented (assumed). */
    three_ds_status: z.string().nullish(),
    decline_reason: z.string().nullish(),
    created_at: wireTimestamp,
  }),
);

/** `GET /wallet/balance`. */
export const wireWalletBalanceSchema = lazySchema(() =>
  z.looseObject({
    balance: wireDecimal,
    currency: z.literal('USD').nullish(),
    pending_deposits: wireDecimal,
    total_deposited: wireDecimal,
    total_spent: wireDecimal,
    cards_active: z.number().int(),
    cards_total_balance: wireDecimal,
  }),
);

const wireAssetMap = lazySchema(() => z.record(z.string(), z.string()));

/** `GET /wallet/deposit-address`: three maps keyed by asset. */
export const wireDepositAddressesSchema = lazySchema(() =>
  z.looseObject({
    addresses: wireAssetMap,
    networks: wireAssetMap.nullish(),
    min_deposit: z.record(z.string(), z.union([z.string(), z.number()])).nullish(),
  }),
);

/** Crypto amounts stay decimal strings; a JSON number is tolerated and kept as written. */
const wireCryptoAmount = lazySchema(() => z.union([z.string(), z.number()]));

/** `GET /wallet/deposits`. */
export const wireDepositSchema = lazySchema(() =>
  z.looseObject({
    id: wireId,
    currency: z.string(),
    amount_crypto: wireCryptoAmount,
    amount_usd: wireDecimal,
    fee_usd: wireDecimal,
    credited_usd: wireDecimal,
    status: z.enum(['pending', 'confirmed', 'expired']),
    tx_hash: z.string().nullish(),
    confirmations: z.number().int().nullish(),
    created_at: wireTimestamp,
    confirmed_at: wireTimestamp.nullish(),
  }),
);

/** `GET /bins`. `issuer_country` is absent from some providers' examples. */
export const wireBinSchema = lazySchema(() =>
  z.looseObject({
    id: wireId,
    network: z.string(),
    type: z.string(),
    issuer_country: z.string().nullish(),
    '3ds': z.boolean(),
    apple_pay: z.boolean(),
    google_pay: z.boolean(),
    max_transaction: wireDecimal,
    max_monthly: wireDecimal,
    acceptance_rate: z.number(),
    best_for: z.array(z.string()).nullish(),
  }),
);

/** `GET /3ds`, `GET /3ds/{id}`. `created_at` is absent from some providers' examples. */
export const wireThreeDSChallengeSchema = lazySchema(() =>
  z.looseObject({
    id: wireId,
    card_id: wireId,
    merchant: wireMerchant,
    amount: wireDecimal,
    otp: z.string(),
    status: z.enum(['pending', 'completed', 'expired']),
    expires_at: wireTimestamp,
    created_at: wireTimestamp.nullish(),
  }),
);

/** `POST /webhooks` (with the secret) and `GET /webhooks` (usually without). */
export const wireWebhookSchema = lazySchema(() =>
  z.looseObject({
    id: wireId,
    url: z.string(),
    // Kept as strings: an event name added by the provider must not break listing the endpoints.
    events: z.array(z.string()),
    secret: z.string().nullish(),
    active: z.boolean().nullish(),
    created_at: wireTimestamp,
  }),
);

/** `{ page, per_page, total, total_pages }`; transactions show no `total_pages`. */
export const wirePaginationSchema = lazySchema(() =>
  z.looseObject({
    page: z.number().int().min(1),
    per_page: z.number().int().min(1),
    total: z.number().int().min(0).nullish(),
    total_pages: z.number().int().min(0).nullish(),
  }),
);

/** A list: `{ data: [...], pagination? }` as documented, or a bare array ("returns array of all … endpoints"). */
export function wireListSchema<Item extends Zod.ZodType>(item: Item) {
  return lazySchema(() => {
    const envelope = z.looseObject({ data: z.array(item), pagination: wirePaginationSchema.nullish() });
    return z.union([envelope, z.array(item).transform((data) => ({ data, pagination: undefined }))]);
  });
}

/** `DELETE /webhooks/{id}`: the page documents no body; an empty body, `null` or any JSON is accepted. */
export const wireAnyBodySchema = lazySchema(() => z.unknown());

/** A card as the providers send it. */
export type WireCard = Zod.infer<typeof wireCardSchema>;
/** A card status as the providers send it. */
export type WireCardStatus = Zod.infer<typeof wireCardStatus>;
/** `GET /cards/{id}/details` as the providers send it (PAN and CVV in clear: map it at once). */
export type WireCardDetails = Zod.infer<typeof wireCardDetailsSchema>;
/** `POST /cards/{id}/freeze` as the providers send it. */
export type WireCardFreeze = Zod.infer<typeof wireCardFreezeSchema>;
/** `DELETE /cards/{id}` as the providers send it. */
export type WireCardTermination = Zod.infer<typeof wireCardTerminationSchema>;
/** A fund or withdraw answer as the providers send it. */
export type WireCardFunding = Zod.infer<typeof wireCardFundingSchema>;
/** A transaction's merchant as the providers send it. */
export type WireMerchant = Zod.infer<typeof wireMerchant>;
/** A transaction as the providers send it. */
export type WireTransaction = Zod.infer<typeof wireTransactionSchema>;
/** `GET /wallet` as the providers send it. */
export type WireWalletBalance = Zod.infer<typeof wireWalletBalanceSchema>;
/** `GET /wallet/deposit-address` as the providers send it. */
export type WireDepositAddresses = Zod.infer<typeof wireDepositAddressesSchema>;
/** A deposit as the dialect sends it. */
export type WireDeposit = Zod.infer<typeof wireDepositSchema>;
/** A BIN as the providers send it. */
export type WireBin = Zod.infer<typeof wireBinSchema>;
/** A 3-D Secure challenge as the providers send it (OTP in clear: map it at once). */
export type WireThreeDSChallenge = Zod.infer<typeof wireThreeDSChallengeSchema>;
/** A webhook endpoint as the providers send it. */
export type WireWebhook = Zod.infer<typeof wireWebhookSchema>;
/** The pagination block of a list answer. */
export type WirePagination = Zod.infer<typeof wirePaginationSchema>;
/** A list answer: one page of items and its pagination. */
export interface WireList<Item> {
  readonly data: readonly Item[];
  readonly pagination?: WirePagination | null | undefined;
}

function isCentAmount(value: number | string): boolean {
  try {
    decimalToMinorUnits(value);
    return true;
  } catch {
    return false;
  }
}
