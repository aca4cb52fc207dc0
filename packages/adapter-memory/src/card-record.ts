import { type Bin, type Card, CardDetails, type CardStatus } from '@cardgw/core';
import type { BillingAddress, MetadataValue } from '@cardgw/core/provider-utils';
import { generatePan } from './card-number.js';
import type { MemoryContext } from './memory-context.js';
import { money, nextId } from './memory-context.js';
import { appendToLog, type CardRecord } from './memory-state.js';

/**
 * The billing address a generic in-memory issuer's card details carry, belonging to no provider; a provider's profile
 * (`billingAddress`) brings the one its page shows.
 */
export const defaultBillingAddress: BillingAddress = Object.freeze({
  line1: '1 Example Street',
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
  country: 'US',
});

/** Cards expire three years after issue, at the end of the day (as on the providers' pages). */
const validityYears = 3;

export interface NewCard {
  readonly bin: Bin;
  readonly status: CardStatus;
  readonly balance: number;
  readonly spendingLimit?: number | undefined;
  readonly label?: string | undefined;
  readonly allowedCategories?: readonly string[] | undefined;
  readonly autoFreezeAt?: number | undefined;
  readonly metadata?: Readonly<Record<string, MetadataValue>> | undefined;
}

/** Issues a card record (PAN, CVV, expiry from the deterministic source) and stores it. */
export function createCardRecord(context: MemoryContext, card: NewCard): CardRecord {
  const { id, providerId, sequence } = nextId(context, 'card');
  const createdAt = context.clock.now();
  const created = new Date(createdAt);
  const expiryYear = created.getUTCFullYear() + validityYears;
  const expiryMonth = created.getUTCMonth() + 1;
  const fields: Omit<CardRecord, 'view'> = {
    sequence,
    id,
    providerId,
    bin: card.bin,
    pan: generatePan(card.bin.providerId, context.random, `pan:${providerId}`),
    cvv: context.random.digits(`cvv:${providerId}`, 3),
    expiryMonth,
    expiryYear,
    createdAt,
    expiresAt: new Date(Date.UTC(expiryYear, created.getUTCMonth(), created.getUTCDate(), 23, 59, 59)).toISOString(),
    status: card.status,
    balance: card.balance,
    holds: 0,
    spendingLimit: card.spendingLimit ?? card.bin.maxMonthly.amount,
    totalSpent: 0,
    transactionCount: 0,
    label: card.label,
    allowedCategories: card.allowedCategories === undefined ? undefined : Object.freeze([...card.allowedCategories]),
    autoFreezeAt: card.autoFreezeAt ?? null,
    metadata: card.metadata === undefined ? undefined : Object.freeze({ ...card.metadata }),
    lastUsedAt: undefined,
    monthlySpend: { month: monthOf(createdAt), amount: 0 },
    transactions: [],
  };
  const record: CardRecord = { ...fields, view: buildCardView(context, fields) };
  context.state.cards.set(id, record);
  appendToLog(context.state.cardLog, record);
  return record;
}

/** Rebuilds the frozen `Card` a record hands out: call after every change to the record. */
export function refreshCardView(context: MemoryContext, record: CardRecord): Card {
  record.view = buildCardView(context, record);
  return record.view;
}

function buildCardView(context: MemoryContext, record: Omit<CardRecord, 'view'>): Card {
  return Object.freeze({
    id: record.id,
    provider: context.provider,
    providerId: record.providerId,
    status: record.status,
    network: record.bin.network,
    binId: record.bin.providerId,
    last4: record.pan.slice(-4),
    balance: money(record.balance),
    spendingLimit: money(record.spendingLimit),
    totalSpent: money(record.totalSpent),
    transactionCount: record.transactionCount,
    ...(record.label === undefined ? {} : { label: record.label }),
    ...(record.allowedCategories === undefined ? {} : { allowedCategories: record.allowedCategories }),
    autoFreezeAt: record.autoFreezeAt === null ? null : money(record.autoFreezeAt),
    ...(record.metadata === undefined ? {} : { metadata: record.metadata }),
    createdAt: new Date(record.createdAt).toISOString(),
    expiresAt: record.expiresAt,
    ...(record.lastUsedAt === undefined ? {} : { lastUsedAt: new Date(record.lastUsedAt).toISOString() }),
  });
}

/** The card's details as the provider returns them, with the issuer's billing address. */
export function cardDetailsOf(record: CardRecord, billingAddress: BillingAddress = defaultBillingAddress): CardDetails {
  return new CardDetails({
    cardId: record.id,
    pan: record.pan,
    cvv: record.cvv,
    expiryMonth: record.expiryMonth,
    expiryYear: record.expiryYear,
    holderName: 'ANONYMOUS',
    billingAddress,
  });
}

/** `2026-04`: the calendar month (UTC) a spending limit counts in. */
export function monthOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 7);
}

/** What the card spent this month (resets when the month turns). */
export function monthlySpendOf(record: CardRecord, now: number): number {
  return record.monthlySpend.month === monthOf(now) ? record.monthlySpend.amount : 0;
}

/** Adds (or, for a refund, removes) spending in the month of `now`, never going below zero. */
export function addMonthlySpend(record: CardRecord, now: number, amount: number): void {
  const month = monthOf(now);
  const current = record.monthlySpend.month === month ? record.monthlySpend.amount : 0;
  record.monthlySpend = { month, amount: Math.max(0, current + amount) };
}
