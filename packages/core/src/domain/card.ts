import type { Money } from './money.js';
import type { QualifiedId } from './qualified-id.js';

/**
 * `pending` is the dialect's `pending_top_up`: a provisioned card waiting for its wallet to be funded.
 * The other three are what both providers document.
 */
export type CardStatus = 'pending' | 'active' | 'frozen' | 'terminated';

/** The documented networks; a provider that adds one is passed through as a string rather than failing. */
export type CardNetwork = 'visa' | 'mastercard' | (string & {});

/** One metadata value: a string, number, boolean or `null`. */
export type MetadataValue = string | number | boolean | null;
/** Free-form key/value pairs stored with a card (at most 20 keys, see `maximumMetadataKeys`). */
export type Metadata = Readonly<Record<string, MetadataValue>>;

/**
 * A virtual card as every issuer returns it. Money in integer cents; the PAN and CVV are never here (see
 * `cards.details`).
 */
export interface Card {
  /** Provider-qualified: `acme:card_8xK2m9Lp4q`. */
  readonly id: QualifiedId;
  readonly provider: string;
  /** The provider's own id: `card_8xK2m9Lp4q`. */
  readonly providerId: string;
  readonly status: CardStatus;
  readonly network: CardNetwork;
  /** The provider's BIN id (`491653`), as `Bin.providerId`. */
  readonly binId: string;
  readonly last4: string;
  readonly balance: Money;
  /** Monthly spending limit; absent when the provider did not say (the list endpoint omits it). */
  readonly spendingLimit?: Money | undefined;
  readonly totalSpent?: Money | undefined;
  readonly transactionCount?: number | undefined;
  readonly label?: string | undefined;
  readonly allowedCategories?: readonly string[] | undefined;
  /** Auto-freeze when the balance drops below this; `null` when disabled (the wire's `null` or `0`). */
  readonly autoFreezeAt?: Money | null | undefined;
  readonly metadata?: Metadata | undefined;
  /** ISO 8601 timestamps, normalized to `Date#toISOString()`. */
  readonly createdAt: string;
  readonly expiresAt?: string | undefined;
  readonly lastUsedAt?: string | undefined;
}

/** `POST /cards/{id}/freeze` answers with the new status only (no full card). */
export interface CardFreeze {
  readonly cardId: QualifiedId;
  readonly status: 'frozen';
  readonly frozenAt: string;
}

/** `DELETE /cards/{id}`: the whole remaining balance goes back to the wallet. */
export interface CardTermination {
  readonly cardId: QualifiedId;
  readonly status: 'terminated';
  readonly refundedAmount: Money;
  readonly terminatedAt: string;
}

/** `POST /cards/{id}/fund` and `/withdraw`: card and wallet balances after the move. */
export interface CardFunding {
  readonly cardId: QualifiedId;
  readonly direction: 'fund' | 'withdraw';
  readonly previousBalance: Money;
  /** Always positive: what moved. */
  readonly amount: Money;
  readonly newBalance: Money;
  readonly walletBalance: Money;
}
