import type { Money } from './money.js';
import type { QualifiedId } from './qualified-id.js';

export type TransactionType = 'authorization' | 'settlement' | 'refund' | 'decline';

export interface Merchant {
  readonly name: string;
  readonly category?: string | undefined;
  /** Merchant category code, a 4-digit string (`"7311"`). */
  readonly mcc?: string | undefined;
  readonly country?: string | undefined;
}

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
