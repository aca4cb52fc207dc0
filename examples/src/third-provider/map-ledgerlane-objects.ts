import {
  type Bin,
  type Card,
  CardDetails,
  type CardStatus,
  cents,
  type Money,
  qualifyId,
  ThreeDSChallenge,
  type ThreeDSStatus,
  type Transaction,
  type TransactionType,
  type WalletBalance,
} from '@cardgw/core';
import type { z } from 'zod';
import type {
  LedgerLaneBin,
  LedgerLaneCard,
  LedgerLaneMovement,
  LedgerLaneVerification,
  ledgerlaneBalanceSchema,
  ledgerlaneCardSecretsSchema,
} from './ledgerlane-wire.js';

/** The name every LedgerLane id is qualified with: `ledgerlane:crd_…`. */
export const ledgerlaneName = 'ledgerlane';

const cardStatuses: Readonly<Record<LedgerLaneCard['state'], CardStatus>> = {
  pending: 'pending',
  open: 'active',
  paused: 'frozen',
  closed: 'terminated',
};

const movementTypes: Readonly<Record<LedgerLaneMovement['kind'], TransactionType>> = {
  hold: 'authorization',
  capture: 'settlement',
  refund: 'refund',
  declined: 'decline',
};

/** LedgerLane already speaks integer cents: no decimal conversion, only the currency it does not send. */
function money(value: number): Money {
  return cents(value);
}

function optionalMoney(value: number | null | undefined): Money | undefined {
  return value === null || value === undefined ? undefined : money(value);
}

/** A LedgerLane card as the port's `Card`. `autofreeze_cents` 0 or null means off (`null`). */
export function mapLedgerLaneCard(wire: LedgerLaneCard): Card {
  return {
    id: qualifyId(ledgerlaneName, wire.card_ref),
    provider: ledgerlaneName,
    providerId: wire.card_ref,
    status: cardStatuses[wire.state],
    network: wire.scheme,
    binId: wire.bin,
    last4: wire.last_four,
    balance: money(wire.balance_cents),
    spendingLimit: optionalMoney(wire.limit_cents),
    totalSpent: optionalMoney(wire.spent_cents),
    transactionCount: wire.movement_count ?? undefined,
    label: wire.nickname ?? undefined,
    allowedCategories: wire.categories ?? undefined,
    autoFreezeAt:
      wire.autofreeze_cents === undefined ? undefined : wire.autofreeze_cents ? money(wire.autofreeze_cents) : null,
    metadata: wire.tags ?? undefined,
    createdAt: new Date(wire.opened_at).toISOString(),
    expiresAt: wire.expires_at ?? undefined,
    lastUsedAt: wire.last_used_at ?? undefined,
  };
}

/** A movement as the port's `Transaction`. */
export function mapLedgerLaneMovement(wire: LedgerLaneMovement): Transaction {
  return {
    id: qualifyId(ledgerlaneName, wire.movement_ref),
    provider: ledgerlaneName,
    providerId: wire.movement_ref,
    cardId: qualifyId(ledgerlaneName, wire.card_ref),
    type: movementTypes[wire.kind],
    amount: money(wire.amount_cents),
    merchant: {
      name: wire.merchant.name,
      category: wire.merchant.category ?? undefined,
      mcc: wire.merchant.mcc ?? undefined,
      country: wire.merchant.country ?? undefined,
    },
    balanceAfter: optionalMoney(wire.balance_after_cents),
    declineReason: wire.decline_reason ?? undefined,
    createdAt: new Date(wire.at).toISOString(),
  };
}

const verificationStatuses: Readonly<Record<LedgerLaneVerification['state'], ThreeDSStatus>> = {
  waiting: 'pending',
  done: 'completed',
  lapsed: 'expired',
};

/** A verification as the port's `ThreeDSChallenge` (its OTP prints redacted). */
export function mapLedgerLaneVerification(wire: LedgerLaneVerification): ThreeDSChallenge {
  return new ThreeDSChallenge({
    id: qualifyId(ledgerlaneName, wire.verification_ref),
    provider: ledgerlaneName,
    providerId: wire.verification_ref,
    cardId: qualifyId(ledgerlaneName, wire.card_ref),
    merchant: wire.merchant,
    amount: money(wire.amount_cents),
    otp: wire.passcode,
    status: verificationStatuses[wire.state],
    expiresAt: wire.expires_at,
    createdAt: wire.created_at ?? undefined,
  });
}

/** A LedgerLane BIN as the port's `Bin`. */
export function mapLedgerLaneBin(wire: LedgerLaneBin): Bin {
  return {
    id: qualifyId(ledgerlaneName, wire.bin),
    provider: ledgerlaneName,
    providerId: wire.bin,
    network: wire.scheme,
    type: wire.kind,
    issuerCountry: wire.country ?? undefined,
    threeDS: wire.three_ds,
    applePay: wire.apple_pay,
    googlePay: wire.google_pay,
    maxTransaction: money(wire.max_transaction_cents),
    maxMonthly: money(wire.max_monthly_cents),
    acceptanceRate: wire.acceptance_rate,
    bestFor: wire.best_for,
  };
}

/** `GET /cards/{ref}/secrets` as `CardDetails` (PAN and CVV print redacted). */
export function mapLedgerLaneSecrets(wire: z.infer<typeof ledgerlaneCardSecretsSchema>): CardDetails {
  return new CardDetails({
    cardId: qualifyId(ledgerlaneName, wire.card_ref),
    pan: wire.number,
    cvv: wire.security_code,
    expiryMonth: wire.exp_month,
    expiryYear: wire.exp_year,
    holderName: wire.holder,
  });
}

/** `GET /balance` as the port's `WalletBalance`. */
export function mapLedgerLaneBalance(wire: z.infer<typeof ledgerlaneBalanceSchema>): WalletBalance {
  return {
    provider: ledgerlaneName,
    balance: money(wire.available_cents),
    pendingDeposits: money(wire.pending_cents),
    totalDeposited: money(wire.deposited_cents),
    totalSpent: money(wire.spent_cents),
    activeCards: wire.open_cards,
    cardsTotalBalance: money(wire.on_cards_cents),
  };
}
