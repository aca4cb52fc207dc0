import { inspectSymbol, maskPan } from '../redaction/secret.js';
import type { QualifiedId } from './qualified-id.js';

/** The billing address a card's details carry, as the provider returns it (no field is sensitive). */
export interface BillingAddress {
  readonly line1: string;
  readonly line2?: string | undefined;
  readonly city: string;
  readonly state?: string | undefined;
  readonly zip: string;
  readonly country: string;
}

/**
 * What `CardDetails` is built from: the card's PAN, CVV, expiry, holder and billing address. PAN and CVV are sensitive.
 */
export interface CardDetailsFields {
  readonly cardId: QualifiedId;
  readonly pan: string;
  readonly cvv: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly holderName: string;
  readonly billingAddress?: BillingAddress | undefined;
}

/**
 * PAN, CVV and expiry (`GET /cards/{id}/details`). PCI-sensitive: `pan` and `cvv` are readable when asked for by
 * name, but the object prints redacted through `JSON.stringify`, `util.inspect`, `String()` and spreading.
 */
export class CardDetails {
  readonly cardId: QualifiedId;
  readonly #pan: string;
  readonly #cvv: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly holderName: string;
  readonly billingAddress: BillingAddress | undefined;

  constructor(fields: CardDetailsFields) {
    this.cardId = fields.cardId;
    this.#pan = fields.pan;
    this.#cvv = fields.cvv;
    this.expiryMonth = fields.expiryMonth;
    this.expiryYear = fields.expiryYear;
    this.holderName = fields.holderName;
    this.billingAddress = fields.billingAddress;
  }

  get pan(): string {
    return this.#pan;
  }

  get cvv(): string {
    return this.#cvv;
  }

  get last4(): string {
    return this.#pan.slice(-4);
  }

  /** `04/29`. */
  get expiry(): string {
    return `${String(this.expiryMonth).padStart(2, '0')}/${String(this.expiryYear % 100).padStart(2, '0')}`;
  }

  /** The details with the PAN masked (`491653******2039`) and the CVV hidden: what `JSON.stringify` prints. */
  toJSON(): Record<string, unknown> {
    return {
      cardId: this.cardId,
      pan: maskPan(this.#pan),
      cvv: '•••',
      expiryMonth: this.expiryMonth,
      expiryYear: this.expiryYear,
      holderName: this.holderName,
      billingAddress: this.billingAddress,
    };
  }

  /** `CardDetails(<card id> <masked PAN> <MM/YY>)`. */
  toString(): string {
    return `CardDetails(${this.cardId} ${maskPan(this.#pan)} ${this.expiry})`;
  }

  /** The same as `toString()`: `util.inspect` shows no PAN or CVV. */
  [inspectSymbol](): string {
    return this.toString();
  }
}
