import type { Card, Deposit, Money, ThreeDSChallenge, Transaction } from '@cardgw/core';
import type { MemoryContext } from './memory-context.js';
import type { SimulatedDepositInput } from './simulate-deposit.js';
import { createDepositSimulation } from './simulate-deposit.js';
import { createPendingCardSimulation } from './simulate-pending-card.js';
import type { SimulatedPurchase, SimulatedPurchaseInput } from './simulate-purchase.js';
import { createPurchaseSimulation } from './simulate-purchase.js';
import { createRefundSimulation } from './simulate-refund.js';
import { createThreeDSSimulation } from './simulate-three-ds.js';

export type { DeclineReason } from './purchase-decline.js';
export type { SimulatedDepositInput } from './simulate-deposit.js';
export type { SimulatedMerchant, SimulatedPurchase, SimulatedPurchaseInput } from './simulate-purchase.js';

/**
 * What happens on the provider's side: merchants charging cards, 3-D Secure, crypto deposits arriving. Every input is
 * validated first, as the port's are: a malformed value, id or amount (not integer cents, not positive, over
 * $1,000,000,000.00) is an InvalidRequestError, and so is an id of another provider; an unknown id is a NotFoundError.
 */
export interface MemorySimulation {
  /**
   * A merchant charges the card: declined (a `decline` transaction with its reason) when the card is not active, its
   * available balance or monthly spending limit is short, the merchant's category is not allowed or the amount is
   * over the BIN's maximum; else authorized and, by default, settled (debiting the card, auto-freezing it below
   * `autoFreezeAt`).
   */
  purchase(cardId: string, input: SimulatedPurchaseInput): Promise<SimulatedPurchase>;
  /** Settles a pending authorization: debits the card. */
  settle(authorizationTransactionId: string): Promise<Transaction>;
  /** Refunds a settlement (all of what is left to refund by default): credits the card (the wallet once terminated). */
  refund(settlementTransactionId: string, input?: { readonly amount?: Money | undefined }): Promise<Transaction>;
  /** A merchant asks for 3-D Secure: a pending challenge with a 6-digit OTP, expiring 5 minutes later (issuer clock). */
  threeDSChallenge(
    cardId: string,
    input: { readonly merchant: string; readonly amount: Money },
  ): Promise<ThreeDSChallenge>;
  /** The cardholder enters the OTP. Wrong, expired or already completed → InvalidRequestError. */
  completeThreeDS(challengeId: string, otp: string): Promise<ThreeDSChallenge>;
  /** A crypto deposit is detected: pending, counted in `pendingDeposits`. */
  deposit(input: SimulatedDepositInput): Promise<Deposit>;
  /** The deposit confirms: the wallet is credited with its amount minus the fee. */
  confirmDeposit(depositId: string): Promise<Deposit>;
  /** The deposit never confirms: nothing is credited. */
  expireDeposit(depositId: string): Promise<Deposit>;
  /** A card in status `pending` (the dialect's `pending_top_up`) with no balance; funding it activates it. */
  provisionPendingCard(input?: { readonly network?: string | undefined }): Promise<Card>;
}

/** Every simulation over one issuer's state, each concept from its own file. */
export function createMemorySimulation(context: MemoryContext): MemorySimulation {
  return {
    ...createPurchaseSimulation(context),
    ...createRefundSimulation(context),
    ...createThreeDSSimulation(context),
    ...createDepositSimulation(context),
    ...createPendingCardSimulation(context),
  };
}
