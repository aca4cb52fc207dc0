import type { BinCriteria } from '../domain/bin.js';
import type { CardStatus, Metadata } from '../domain/card.js';
import type { Money } from '../domain/money.js';
import type { QualifiedId } from '../domain/qualified-id.js';
import type { ThreeDSStatus } from '../domain/three-ds-challenge.js';
import type { TransactionType } from '../domain/transaction.js';
import type { DepositAsset, DepositStatus } from '../domain/wallet.js';
import type { WebhookSubscription } from '../domain/webhook.js';
import type { Secret } from '../redaction/secret.js';

/** Per-call options; each overrides the issuer's setting for this call only. */
export interface RequestOptions {
  /**
   * Sent as `X-Idempotency-Key` on every attempt of a mutating call. Generated once per call when omitted; pass the
   * key of an `AmbiguousOutcomeError` to repeat that call safely.
   */
  readonly idempotencyKey?: string | undefined;
  /** Cancels the call, including its retries and any wait for the rate limiter. */
  readonly signal?: AbortSignal | undefined;
  /** Total deadline for the call, retries and limiter waits included. */
  readonly timeoutMs?: number | undefined;
  /** Retries after the first attempt. */
  readonly maxRetries?: number | undefined;
}

/** The fields of `cards.create` besides the BIN choice. */
export interface CreateCardFields {
  /** Initial funding, $1.00–$5,000.00, debited from the wallet. */
  readonly amount: Money;
  /** At most 64 characters. */
  readonly label?: string | undefined;
  /** Monthly limit; defaults to the BIN's maximum. */
  readonly spendingLimit?: Money | undefined;
  /** MCC categories to allow (`advertising`, `software`); all when omitted. */
  readonly allowedCategories?: readonly string[] | undefined;
  /** Freeze the card when its balance drops below this. */
  readonly autoFreezeAt?: Money | undefined;
  /** At most 20 keys. */
  readonly metadata?: Metadata | undefined;
}

/** Issue a card from a given BIN (`binId: '491653'`), or from the best BIN matching criteria (`bin: { … }`). */
export type CreateCardInput = CreateCardFields &
  ({ readonly binId: string; readonly bin?: undefined } | { readonly bin: BinCriteria; readonly binId?: undefined });

/** Input of `cards.update`: only the fields given change. */
export interface UpdateCardInput {
  readonly label?: string | undefined;
  readonly spendingLimit?: Money | undefined;
  readonly allowedCategories?: readonly string[] | undefined;
  /** `null` disables auto-freeze (the wire's `0`). */
  readonly autoFreezeAt?: Money | null | undefined;
  /** Merged into the existing metadata; a `null` value removes nothing (providers merge). */
  readonly metadata?: Metadata | undefined;
}

/** Input of `cards.fund` and `cards.withdraw`. */
export interface FundingInput {
  /** $1.00–$5,000.00 for funding; withdrawals at least $0.01 and at most the card's balance. */
  readonly amount: Money;
}

/** Where a list starts and its page size. */
export interface PaginationInput {
  /** 1-based page to start from. Default 1. */
  readonly page?: number | undefined;
  /** Items per page, 1–100. Default: the provider's. */
  readonly perPage?: number | undefined;
}

/** What `cards.list` can be sorted by. */
export type CardSort = 'createdAt' | 'balance' | 'lastUsed';

/** Filters and order of `cards.list`; each needs the provider's capability (else `UnsupportedOperationError`). */
export interface CardListFilters extends PaginationInput {
  readonly status?: Exclude<CardStatus, 'pending'> | undefined;
  /** The provider's BIN id (`491653`). */
  readonly binId?: string | undefined;
  /** Partial match. */
  readonly label?: string | undefined;
  readonly sort?: CardSort | undefined;
  readonly order?: 'asc' | 'desc' | undefined;
}

/** Filters of `transactions.list`; each needs the provider's capability. */
export interface TransactionListFilters extends PaginationInput {
  readonly cardId?: QualifiedId | undefined;
  readonly type?: TransactionType | undefined;
  /** ISO 8601 date or date-time, inclusive. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Partial match on the merchant's name. */
  readonly merchant?: string | undefined;
  /** Bounds on the absolute amount. */
  readonly minAmount?: Money | undefined;
  readonly maxAmount?: Money | undefined;
}

/** Filters of `threeDS.list`; each needs the provider's capability. */
export interface ThreeDSListFilters {
  readonly cardId?: QualifiedId | undefined;
  readonly status?: ThreeDSStatus | undefined;
}

/** Filters of `wallet.deposits`; each needs the provider's capability. */
export interface DepositListFilters {
  readonly status?: DepositStatus | undefined;
  readonly asset?: DepositAsset | undefined;
}

/** Input of `wallet.depositAddresses`. */
export interface DepositAddressQuery {
  /** One asset (`btc`, `eth`, `sol`, `usdt`); all when omitted. */
  readonly asset?: DepositAsset | undefined;
}

/** Input of `webhooks.create`. */
export interface CreateWebhookInput {
  /** HTTPS (real providers); `http://127.0.0.1…` is accepted by simulators only. */
  readonly url: string;
  /** Documented event names, or `['*']` for all. */
  readonly events: readonly WebhookSubscription[];
  /** A signing secret of your own; the provider generates one when omitted. */
  readonly secret?: string | Secret | undefined;
}
