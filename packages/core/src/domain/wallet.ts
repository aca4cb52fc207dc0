import type { Money } from './money.js';

/** `GET /wallet/balance`. */
export interface WalletBalance {
  readonly provider: string;
  readonly balance: Money;
  readonly pendingDeposits: Money;
  readonly totalDeposited: Money;
  readonly totalSpent: Money;
  readonly activeCards: number;
  readonly cardsTotalBalance: Money;
}

/** The assets of `GET /wallet/deposit-address?currency=`. */
export type DepositAsset = 'btc' | 'eth' | 'sol' | 'usdt' | (string & {});

/** One entry of `GET /wallet/deposit-address`: the page returns three maps keyed by asset; we return one row each. */
export interface DepositAddress {
  /** The provider whose account the address funds (a failover composite may answer from another account). */
  readonly provider: string;
  readonly asset: DepositAsset;
  readonly address: string;
  /** `bitcoin`, `ethereum`, `solana`, `erc-20`. */
  readonly network?: string | undefined;
  /** A decimal string in the asset's unit (`"0.0001"`): crypto amounts stay decimal strings. */
  readonly minimumDeposit?: string | undefined;
}

/**
 * A crypto deposit's state: `pending` until confirmed on chain, then `confirmed` (credited) or `expired` (not
 * credited).
 */
export type DepositStatus = 'pending' | 'confirmed' | 'expired';

/** `GET /wallet/deposits`. */
export interface Deposit {
  readonly id: string;
  readonly provider: string;
  readonly asset: DepositAsset;
  /** Decimal string in the asset's unit. */
  readonly cryptoAmount: string;
  readonly amount: Money;
  readonly fee: Money;
  readonly credited: Money;
  readonly status: DepositStatus;
  readonly txHash?: string | undefined;
  readonly confirmations?: number | undefined;
  readonly createdAt: string;
  readonly confirmedAt?: string | undefined;
}
