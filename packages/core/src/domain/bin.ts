import type { CardNetwork } from './card.js';
import type { Money } from './money.js';
import type { QualifiedId } from './qualified-id.js';

/** A BIN range the provider issues from (`GET /bins`). */
export interface Bin {
  readonly id: QualifiedId;
  readonly provider: string;
  /** The id `cards.create({ binId })` takes: `491653`. */
  readonly providerId: string;
  readonly network: CardNetwork;
  /** `advertising`, `everyday`, … */
  readonly type: string;
  /** Absent on some providers' pages. */
  readonly issuerCountry?: string | undefined;
  readonly threeDS: boolean;
  readonly applePay: boolean;
  readonly googlePay: boolean;
  readonly maxTransaction: Money;
  readonly maxMonthly: Money;
  /** Percent, `97.2`. */
  readonly acceptanceRate: number;
  /** `meta_ads`, `google_ads`, `subscriptions`, … */
  readonly bestFor: readonly string[];
}

/** Ask for a card by what the BIN must offer rather than by a provider's BIN id. */
export interface BinCriteria {
  readonly network?: CardNetwork | undefined;
  readonly type?: string | undefined;
  readonly threeDS?: boolean | undefined;
  readonly applePay?: boolean | undefined;
  readonly googlePay?: boolean | undefined;
  /** Every listed use must be in the BIN's `bestFor`. */
  readonly bestFor?: readonly string[] | undefined;
  /** The BIN's `maxTransaction` must be at least this. */
  readonly minMaxTransaction?: Money | undefined;
}
