import { InvalidRequestError, type Money, type Transaction } from '@cardgw/core';
import { type Merchant, parseInput } from '@cardgw/core/provider-utils';
import { z } from 'zod';
import { addMonthlySpend, refreshCardView } from './card-record.js';
import { lookup, lookupCard, type MemoryContext, parseId, runStaged } from './memory-context.js';
import type { MemorySimulation } from './memory-simulation.js';
import type { TransactionRecord } from './memory-state.js';
import { type DeclineReason, declineReasonFor } from './purchase-decline.js';
import { amountSchema, nameSchema } from './simulation-schemas.js';
import { recordTransaction } from './transaction-record.js';

/** The merchant of a simulated purchase; `category` is checked against the card's allowed categories. */
export interface SimulatedMerchant {
  readonly name: string;
  /** Checked against the card's `allowedCategories`. */
  readonly category?: string | undefined;
  readonly mcc?: string | undefined;
  readonly country?: string | undefined;
}

/** A merchant's charge to a card (`simulate.purchase`): amount, merchant, and whether it settles at once. */
export interface SimulatedPurchaseInput {
  /** Positive, at most $1,000,000,000.00: what the merchant charges. */
  readonly amount: Money;
  readonly merchant: SimulatedMerchant;
  /** Settle right after the authorization. @default true */
  readonly settle?: boolean | undefined;
}

/** What a simulated purchase did: approved or not, and the transactions it recorded. */
export interface SimulatedPurchase {
  readonly approved: boolean;
  /** `[authorization, settlement]`, `[authorization]` when `settle: false`, or `[decline]`. */
  readonly transactions: Transaction[];
  readonly declineReason?: DeclineReason;
}

/** A merchant charging a card: authorization, then settlement at once or later. */
export type PurchaseSimulation = Pick<MemorySimulation, 'purchase' | 'settle'>;

const purchaseSchema = z.strictObject({
  amount: amountSchema,
  merchant: z.strictObject({
    name: nameSchema,
    category: z.string().min(1).max(64).optional(),
    mcc: z
      .string()
      .regex(/^\d{4}$/, 'must be a 4-digit MCC')
      .optional(),
    country: z.string().min(2).max(3).optional(),
  }),
  settle: z.boolean().optional(),
});
/** `simulate.purchase` and `simulate.settle` over the issuer's state. */
export function createPurchaseSimulation(context: MemoryContext): PurchaseSimulation {
  const { provider, state, clock } = context;

  return {
    async purchase(cardId, input) {
      const id = parseId(context, cardId, 'simulate.purchase', 'cardId');
      const parsed = parseInput(purchaseSchema, input, 'simulate.purchase', provider);
      return runStaged(context, (): SimulatedPurchase => {
        const card = lookupCard(context, id, 'simulate.purchase');
        const now = clock.now();
        const amount = parsed.amount.amount;
        const merchant = merchantOf(parsed.merchant);
        const declineReason = declineReasonFor(card, amount, merchant, now);
        if (declineReason !== undefined) {
          const decline = recordTransaction(context, {
            card,
            type: 'decline',
            absoluteAmount: amount,
            merchant,
            declineReason,
          });
          refreshCardView(context, card);
          context.events.stage('transaction.declined', decline.view);
          return { approved: false, transactions: [decline.view], declineReason };
        }
        card.holds += amount;
        card.lastUsedAt = now;
        addMonthlySpend(card, now, amount);
        const authorization = recordTransaction(context, {
          card,
          type: 'authorization',
          absoluteAmount: amount,
          merchant,
        });
        refreshCardView(context, card);
        context.events.stage('transaction.authorized', authorization.view);
        const transactions = [authorization.view];
        if (parsed.settle !== false) transactions.push(settleAuthorization(context, authorization));
        return { approved: true, transactions };
      });
    },

    async settle(authorizationTransactionId) {
      const id = parseId(context, authorizationTransactionId, 'simulate.settle', 'authorizationTransactionId');
      return runStaged(context, () => {
        const authorization = lookup(context, state.transactions, id, 'transaction', 'simulate.settle');
        if (authorization.view.type !== 'authorization') {
          throw new InvalidRequestError(
            `simulate.settle: ${id} is a ${authorization.view.type}, not an authorization`,
            {
              code: 'not_an_authorization',
              provider,
            },
          );
        }
        if (authorization.authorizationState !== 'pending') {
          throw new InvalidRequestError(
            `simulate.settle: authorization ${id} is already ${authorization.authorizationState}`,
            {
              code: 'authorization_not_pending',
              provider,
            },
          );
        }
        return settleAuthorization(context, authorization);
      });
    },
  };
}

/** Debits the card for a pending authorization and records the settlement; auto-freezes below the threshold. */
function settleAuthorization(context: MemoryContext, authorization: TransactionRecord): Transaction {
  const card = authorization.card;
  const amount = authorization.absoluteAmount;
  card.holds -= amount;
  card.balance -= amount;
  card.totalSpent += amount;
  context.state.totalSpent += amount;
  authorization.authorizationState = 'settled';
  const settlement = recordTransaction(context, {
    card,
    type: 'settlement',
    absoluteAmount: amount,
    merchant: authorization.merchant,
  });
  refreshCardView(context, card);
  context.events.stage('transaction.settled', settlement.view);
  if (card.status === 'active' && card.autoFreezeAt !== null && card.balance < card.autoFreezeAt) {
    card.status = 'frozen';
    context.events.stage('card.frozen', refreshCardView(context, card));
  }
  return settlement.view;
}

function merchantOf(merchant: z.output<typeof purchaseSchema>['merchant']): Merchant {
  return Object.freeze({
    name: merchant.name,
    ...(merchant.category === undefined ? {} : { category: merchant.category }),
    ...(merchant.mcc === undefined ? {} : { mcc: merchant.mcc }),
    ...(merchant.country === undefined ? {} : { country: merchant.country }),
  });
}
