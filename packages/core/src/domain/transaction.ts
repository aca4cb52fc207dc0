import type { Money } from './money.js';
import type { QualifiedId } from './qualified-id.js';

/** The documented transaction types: `authorization`, `settlement`, `refund` and `decline`. */
export type TransactionType = 'authorization' | 'settlement' | 'refund' | 'decline';

/** The merchant of a transaction, as far as the provider names it. */
export interface Merchant {
  readonly name: string;
  readonly category?: string | undefined;
  /** Merchant category code, a 4-digit string (`"7311"`). */
  readonly mcc?: string | undefined;
  readonly country?: string | undefined;
}

/** One card transaction. `amount` is signed integer cents: negative for a charge, positive for a refund. */
export interface Transaction {
  readonly id: QualifiedId;
  readonly provider: string;
  readonly providerId: string;
  readonly cardId: QualifiedId;
  readonly type: TransactionType;
  /** Signed: a purchase is negative (`-12.50` on the wire), a refund positive. */
  readonly amount: Money;
  readonly merchant: Merchant;
  readonly balanceAfter?: Money | undefined;
  /** From `GET /transactions/{id}` ("includes … 3DS status"); its values are not documented, so kept as given. */
  readonly threeDSStatus?: string | undefined;
  /** Why a decline happened, when the provider (or the in-memory issuer) says. */
  readonly declineReason?: string | undefined;
  readonly createdAt: string;
  // The "authorization timeline" of GET /transactions/{id} is mentioned but its shape is not documented: not mapped.
}
