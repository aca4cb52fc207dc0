import type { Bin, Card, CardStatus, Deposit, Money, Transaction } from '@cardgw/core';
import type { Merchant, MetadataValue, QualifiedId, WebhookEndpoint } from '@cardgw/core/provider-utils';

// The mutable records behind the issuer. Amounts are integer cents; every record keeps a frozen public view that is
// rebuilt on each change, so reads hand out that view without copying.

export interface CardRecord {
  /** Creation order: the tie-break of every sort. */
  readonly sequence: number;
  readonly id: QualifiedId;
  readonly providerId: string;
  readonly bin: Bin;
  readonly pan: string;
  readonly cvv: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly createdAt: number;
  readonly expiresAt: string;
  status: CardStatus;
  balance: number;
  /** Authorized and not yet settled: unavailable for purchases and withdrawals. */
  holds: number;
  spendingLimit: number;
  /** Settled purchases minus refunds. */
  totalSpent: number;
  transactionCount: number;
  label: string | undefined;
  allowedCategories: readonly string[] | undefined;
  /** `null`: auto-freeze disabled. */
  autoFreezeAt: number | null;
  metadata: Readonly<Record<string, MetadataValue>> | undefined;
  lastUsedAt: number | undefined;
  /** Spending in the current calendar month (UTC), against the monthly spending limit. */
  monthlySpend: { month: string; amount: number };
  /** This card's transactions in creation order: `transactions.list({ cardId })` reads them without a scan. */
  readonly transactions: TransactionRecord[];
  view: Card;
}

export interface TransactionRecord {
  readonly sequence: number;
  readonly card: CardRecord;
  readonly createdAt: number;
  /** Positive cents: what moved (or would have, for a decline). */
  readonly absoluteAmount: number;
  readonly merchant: Merchant;
  readonly view: Transaction;
  /** Authorizations only. */
  authorizationState?: 'pending' | 'settled' | 'voided';
  /** Settlements only: how much was refunded so far. */
  refunded: number;
}

export interface ChallengeRecord {
  readonly sequence: number;
  readonly id: QualifiedId;
  readonly providerId: string;
  readonly card: CardRecord;
  readonly merchant: string;
  readonly amount: Money;
  readonly otp: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  completed: boolean;
}

export interface DepositRecord {
  readonly sequence: number;
  readonly createdAt: number;
  view: Deposit;
}

export interface WebhookRecord {
  readonly sequence: number;
  /** With its secret: the list strips it. */
  readonly endpoint: WebhookEndpoint;
}

/**
 * Records in creation order (append-only), and whether their clock times never went backwards along it. While they
 * did not, newest first is this order reversed, so a list needs no sort; a `clock.set()` into the past clears the
 * flag for good and lists sort again.
 */
export interface CreationLog<Entry extends { readonly createdAt: number }> {
  readonly entries: Entry[];
  inClockOrder: boolean;
}

export interface MemoryState {
  walletBalance: number;
  /** Confirmed deposits, as credited. */
  totalDeposited: number;
  /** Settled purchases minus refunds, every card together. */
  totalSpent: number;
  /** The last sequence number handed out (one counter for every record, so "newest first" is total). */
  sequence: number;
  readonly cards: Map<QualifiedId, CardRecord>;
  /** The same cards, for lists: in creation order, by position. */
  readonly cardLog: CreationLog<CardRecord>;
  readonly transactions: Map<QualifiedId, TransactionRecord>;
  /** The same transactions, for lists: in creation order, by position. */
  readonly transactionLog: CreationLog<TransactionRecord>;
  readonly challenges: Map<QualifiedId, ChallengeRecord>;
  readonly deposits: Map<QualifiedId, DepositRecord>;
  readonly webhooks: Map<QualifiedId, WebhookRecord>;
}

export function createMemoryState(walletBalance: number): MemoryState {
  return {
    walletBalance,
    totalDeposited: 0,
    totalSpent: 0,
    sequence: 0,
    cards: new Map(),
    cardLog: { entries: [], inClockOrder: true },
    transactions: new Map(),
    transactionLog: { entries: [], inClockOrder: true },
    challenges: new Map(),
    deposits: new Map(),
    webhooks: new Map(),
  };
}

export function appendToLog<Entry extends { readonly createdAt: number }>(log: CreationLog<Entry>, entry: Entry): void {
  const last = log.entries.at(-1);
  if (last !== undefined && entry.createdAt < last.createdAt) log.inClockOrder = false;
  log.entries.push(entry);
}
