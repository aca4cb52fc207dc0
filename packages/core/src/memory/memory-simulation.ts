import type { MemoryContext } from './memory-context.js';
import { createDepositSimulation, type DepositSimulation } from './simulate-deposit.js';
import { createPendingCardSimulation, type PendingCardSimulation } from './simulate-pending-card.js';
import { createPurchaseSimulation, type PurchaseSimulation } from './simulate-purchase.js';
import { createRefundSimulation, type RefundSimulation } from './simulate-refund.js';
import { createThreeDSSimulation, type ThreeDSSimulation } from './simulate-three-ds.js';

export type { DeclineReason } from './purchase-decline.js';
export type { SimulatedDepositInput } from './simulate-deposit.js';
export type { SimulatedMerchant, SimulatedPurchase, SimulatedPurchaseInput } from './simulate-purchase.js';

/**
 * What happens on the provider's side: merchants charging cards, 3-D Secure, crypto deposits arriving. Every input is
 * validated first, as the port's are: a malformed value, id or amount (not integer cents, not positive, over
 * $1,000,000,000.00) is an InvalidRequestError, and so is an id of another provider; an unknown id is a NotFoundError.
 */
export interface MemorySimulation
  extends PurchaseSimulation,
    RefundSimulation,
    ThreeDSSimulation,
    DepositSimulation,
    PendingCardSimulation {}

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
