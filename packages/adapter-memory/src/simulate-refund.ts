import { InvalidRequestError } from '@cardgw/core';
import { parseInput } from '@cardgw/core/provider-utils';
import { z } from 'zod';
import { addMonthlySpend, monthOf, refreshCardView } from './card-record.js';
import { lookup, type MemoryContext, parseId, runStaged } from './memory-context.js';
import type { MemorySimulation } from './memory-simulation.js';
import { amountSchema } from './simulation-schemas.js';
import { recordTransaction } from './transaction-record.js';

/** A merchant giving money back on a settled purchase. */
export type RefundSimulation = Pick<MemorySimulation, 'refund'>;

const refundSchema = z.strictObject({ amount: amountSchema.optional() });

/** `simulate.refund` over the issuer's state. */
export function createRefundSimulation(context: MemoryContext): RefundSimulation {
  const { provider, state, clock } = context;

  return {
    async refund(settlementTransactionId, input) {
      const id = parseId(context, settlementTransactionId, 'simulate.refund', 'settlementTransactionId');
      const parsed = parseInput(refundSchema, input, 'simulate.refund', provider);
      return runStaged(context, () => {
        const settlement = lookup(context, state.transactions, id, 'transaction', 'simulate.refund');
        if (settlement.view.type !== 'settlement') {
          throw new InvalidRequestError(`simulate.refund: ${id} is a ${settlement.view.type}, not a settlement`, {
            code: 'not_a_settlement',
            provider,
          });
        }
        const refundable = settlement.absoluteAmount - settlement.refunded;
        const amount = parsed.amount?.amount ?? refundable;
        if (refundable === 0 || amount > refundable) {
          throw new InvalidRequestError(`simulate.refund: only ${refundable} cents of ${id} are left to refund`, {
            code: 'refund_exceeds_settlement',
            provider,
          });
        }
        const card = settlement.card;
        const now = clock.now();
        settlement.refunded += amount;
        // A terminated card holds nothing: its refunds land in the wallet, like its balance did.
        if (card.status === 'terminated') state.walletBalance += amount;
        else card.balance += amount;
        card.totalSpent -= amount;
        state.totalSpent -= amount;
        if (monthOf(settlement.createdAt) === monthOf(now)) addMonthlySpend(card, now, -amount);
        const refund = recordTransaction(context, {
          card,
          type: 'refund',
          absoluteAmount: amount,
          merchant: settlement.merchant,
        });
        refreshCardView(context, card);
        context.events.stage('transaction.refunded', refund.view);
        return refund.view;
      });
    },
  };
}
