import { inspectSymbol } from '../redaction/secret.js';
import type { Money } from './money.js';
import type { QualifiedId } from './qualified-id.js';

/** A 3-D Secure challenge's state: `pending` (OTP usable until `expiresAt`), `completed` or `expired`. */
export type ThreeDSStatus = 'pending' | 'completed' | 'expired';

/** What a `ThreeDSChallenge` is built from. The OTP is sensitive. */
export interface ThreeDSChallengeFields {
  readonly id: QualifiedId;
  readonly provider: string;
  readonly providerId: string;
  readonly cardId: QualifiedId;
  readonly merchant: string;
  readonly amount: Money;
  readonly otp: string;
  readonly status: ThreeDSStatus;
  readonly expiresAt: string;
  /** Absent on some providers' pages. */
  readonly createdAt?: string | undefined;
}

/**
 * A 3-D Secure challenge and its one-time password (OTPs expire after 5 minutes). The OTP is readable by name but
 * prints redacted through `JSON.stringify`, `util.inspect` and `String()`.
 */
export class ThreeDSChallenge {
  readonly id: QualifiedId;
  readonly provider: string;
  readonly providerId: string;
  readonly cardId: QualifiedId;
  readonly merchant: string;
  readonly amount: Money;
  readonly #otp: string;
  readonly status: ThreeDSStatus;
  readonly expiresAt: string;
  readonly createdAt: string | undefined;

  constructor(fields: ThreeDSChallengeFields) {
    this.id = fields.id;
    this.provider = fields.provider;
    this.providerId = fields.providerId;
    this.cardId = fields.cardId;
    this.merchant = fields.merchant;
    this.amount = fields.amount;
    this.#otp = fields.otp;
    this.status = fields.status;
    this.expiresAt = fields.expiresAt;
    this.createdAt = fields.createdAt;
  }

  get otp(): string {
    return this.#otp;
  }

  /** Every field, the OTP replaced by `[redacted]`: what `JSON.stringify` prints. */
  toJSON(): Record<string, unknown> {
    const { id, provider, providerId, cardId, merchant, amount, status, expiresAt, createdAt } = this;
    return { id, provider, providerId, cardId, merchant, amount, otp: '[redacted]', status, expiresAt, createdAt };
  }

  /** `ThreeDSChallenge(<id> <status>)`. */
  toString(): string {
    return `ThreeDSChallenge(${this.id} ${this.status})`;
  }

  /** Every field but the OTP, for `util.inspect`. */
  [inspectSymbol](): string {
    return `ThreeDSChallenge ${JSON.stringify(this.toJSON())}`;
  }
}
