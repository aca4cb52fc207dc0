import { type CardStatus, maskPan } from '@cardgw/core';
import { type CardNetwork, inspectSymbol } from '@cardgw/core/provider-utils';

/** What `GET /` provisioning shows of the pending card, as `CardPreview` is built from it. The PAN is sensitive. */
export interface CardPreviewFields {
  readonly status: CardStatus;
  readonly network: CardNetwork;
  /** The full card number as given (`4916 5301 2345 2039`). */
  readonly cardNumber: string;
  /** `cvv_masked` of the page's example: three digits, treated as sensitive. */
  readonly cvvMasked?: string | undefined;
  /** `04/29`. */
  readonly expiry: string;
}

/**
 * The card `GET /` provisions with a new seed: `pending` (the page's `pending_top_up`) until the wallet is funded. Its
 * number is a PAN: readable by name (`pan`), printed masked through `JSON.stringify`, `util.inspect` and `String()`,
 * like `CardDetails`.
 */
export class CardPreview {
  readonly status: CardStatus;
  readonly network: CardNetwork;
  readonly expiry: string;
  readonly #pan: string;
  readonly #cvvMasked: string | undefined;

  constructor(fields: CardPreviewFields) {
    this.status = fields.status;
    this.network = fields.network;
    this.expiry = fields.expiry;
    this.#pan = fields.cardNumber.replace(/\D/g, '');
    this.#cvvMasked = fields.cvvMasked;
  }

  /** The card number, digits only. */
  get pan(): string {
    return this.#pan;
  }

  get last4(): string {
    return this.#pan.slice(-4);
  }

  get cvvMasked(): string | undefined {
    return this.#cvvMasked;
  }

  /** The preview with the PAN masked and the CVV hidden: what `JSON.stringify` prints. */
  toJSON(): Record<string, unknown> {
    return { status: this.status, network: this.network, pan: maskPan(this.#pan), expiry: this.expiry };
  }

  /** A one-line description with the PAN masked. */
  toString(): string {
    return `CardPreview(${this.network} ${maskPan(this.#pan)} ${this.expiry} ${this.status})`;
  }

  /** The same as `toString()`: `util.inspect` shows no PAN or CVV. */
  [inspectSymbol](): string {
    return this.toString();
  }
}
