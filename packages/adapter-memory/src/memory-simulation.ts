import type { Card, Deposit, Money, ThreeDSChallenge, Transaction } from '@cardgw/core';
import { InvalidRequestError, NotFoundError } from '@cardgw/core';
import type { Merchant } from '@cardgw/core/provider-utils';
import { parseInput, selectBin } from '@cardgw/core/provider-utils';
import { z } from 'zod';
import { addMonthlySpend, createCardRecord, monthlySpendOf, monthOf, refreshCardView } from './card-record.js';
import {
  assertNotTerminated,
  lookup,
  lookupCard,
  type MemoryContext,
  money,
  nextId,
  parseId,
  runStaged,
} from './memory-context.js';
import type { CardRecord, TransactionRecord } from './memory-state.js';
import { challengeOf, statusOf } from './memory-three-ds.js';
import { recordTransaction } from './transaction-record.js';

/** Why the in-memory issuer declined a purchase (recorded on the `decline` transaction). */
export type DeclineReason =
  | 'card_frozen'
  | 'card_terminated'
  /** A `pending` card (CryptoCardy's `pending_top_up`) is not usable before it is funded. */
  | 'card_not_active'
  | 'insufficient_card_balance'
  | 'spending_limit_exceeded'
  | 'category_not_allowed'
  | 'over_bin_max_transaction';

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

/** A crypto deposit the blockchain brings in (`simulate.deposit`). */
export interface SimulatedDepositInput {
  /** `btc`, `eth`, `sol`, `usdt`. */
  readonly asset: string;
  /** Decimal string in the asset's unit: `"0.0075"`. */
  readonly cryptoAmount: string;
  /** The USD value: positive, at most $1,000,000,000.00. */
  readonly amount: Money;
  /** @default 2% of `amount`, rounded to the cent */
  readonly fee?: Money | undefined;
  /** @default a deterministic 64-hex hash */
  readonly txHash?: string | undefined;
}

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
  /** A card in status `pending` (CryptoCardy's `pending_top_up`) with no balance; funding it activates it. */
  provisionPendingCard(input?: { readonly network?: string | undefined }): Promise<Card>;
}

const otpLifetimeMs = 5 * 60 * 1000;
const confirmedDepositConfirmations = 6;

/** $1,000,000,000.00: far beyond any real purchase or deposit, and a ledger of such amounts stays exact in cents. */
const maximumSimulatedCents = 100_000_000_000;
const maximumRule = 'must be at most $1,000,000,000.00';

const amountSchema = z.strictObject(
  {
    amount: z
      .number()
      .int('must be integer cents')
      .positive('must be more than $0.00')
      .max(maximumSimulatedCents, maximumRule),
    currency: z.literal('USD', { error: "must be 'USD'" }),
  },
  { error: "must be Money: { amount: <integer cents>, currency: 'USD' }" },
);
const nonNegativeAmountSchema = amountSchema.extend({
  amount: z.number().int('must be integer cents').nonnegative().max(maximumSimulatedCents, maximumRule),
});
const nameSchema = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(128);

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
const refundSchema = z.strictObject({ amount: amountSchema.optional() });
const challengeSchema = z.strictObject({ merchant: nameSchema, amount: amountSchema });
const otpSchema = z.string({ error: 'must be a string' }).max(64);
const depositSchema = z
  .strictObject({
    asset: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, "must be an asset like 'btc'"),
    cryptoAmount: z.string().regex(/^\d{1,20}(\.\d{1,18})?$/, 'must be a decimal string like "0.0075"'),
    amount: amountSchema,
    fee: nonNegativeAmountSchema.optional(),
    txHash: z.string().min(1).max(128).optional(),
  })
  .refine((value) => value.fee === undefined || value.fee.amount <= value.amount.amount, {
    message: 'fee must not exceed the amount',
    path: ['fee'],
  });
const provisionSchema = z.strictObject({ network: z.string().min(1).max(32).optional() });

export function createMemorySimulation(context: MemoryContext): MemorySimulation {
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

    async threeDSChallenge(cardId, input) {
      const id = parseId(context, cardId, 'simulate.threeDSChallenge', 'cardId');
      const parsed = parseInput(challengeSchema, input, 'simulate.threeDSChallenge', provider);
      return runStaged(context, () => {
        const card = lookupCard(context, id, 'simulate.threeDSChallenge');
        assertNotTerminated(context, card, 'simulate.threeDSChallenge');
        const { id: challengeId, providerId, sequence } = nextId(context, 'threeDS');
        const now = clock.now();
        const record = {
          sequence,
          id: challengeId,
          providerId,
          card,
          merchant: parsed.merchant,
          amount: money(parsed.amount.amount),
          otp: context.random.digits(`otp:${providerId}`, 6),
          createdAt: now,
          expiresAt: now + otpLifetimeMs,
          completed: false,
        };
        state.challenges.set(challengeId, record);
        const challenge = challengeOf(context, record);
        context.events.stage('3ds.challenge', challenge);
        return challenge;
      });
    },

    async completeThreeDS(challengeId, otp) {
      const id = parseId(context, challengeId, 'simulate.completeThreeDS', 'challengeId');
      const given = parseInput(otpSchema, otp, 'simulate.completeThreeDS', provider);
      return runStaged(context, () => {
        const challenge = lookup(context, state.challenges, id, '3DS challenge', 'simulate.completeThreeDS');
        const status = statusOf(challenge, clock.now());
        if (status !== 'pending') {
          throw new InvalidRequestError(`simulate.completeThreeDS: challenge ${id} is ${status}`, {
            code: status === 'expired' ? 'challenge_expired' : 'challenge_not_pending',
            provider,
          });
        }
        if (given !== challenge.otp) {
          // The OTP itself is never echoed.
          throw new InvalidRequestError(`simulate.completeThreeDS: wrong OTP for challenge ${id}`, {
            code: 'invalid_otp',
            provider,
          });
        }
        challenge.completed = true;
        return challengeOf(context, challenge);
      });
    },

    async deposit(input) {
      const parsed = parseInput(depositSchema, input, 'simulate.deposit', provider);
      return runStaged(context, () => {
        const { id, providerId, sequence } = nextId(context, 'deposit');
        const now = clock.now();
        const amount = parsed.amount.amount;
        // CryptoCardy's example: $10.00 on a $500.00 deposit.
        const fee = parsed.fee?.amount ?? Math.round(amount / 50);
        const deposit: Deposit = Object.freeze({
          id,
          provider,
          asset: parsed.asset,
          cryptoAmount: parsed.cryptoAmount,
          amount: money(amount),
          fee: money(fee),
          credited: money(amount - fee),
          status: 'pending',
          txHash: parsed.txHash ?? context.random.hex(`tx:${providerId}`, 64),
          confirmations: 0,
          createdAt: new Date(now).toISOString(),
        });
        state.deposits.set(id, { sequence, createdAt: now, view: deposit });
        context.events.stage('deposit.pending', deposit);
        return deposit;
      });
    },

    async confirmDeposit(depositId) {
      const id = parseId(context, depositId, 'simulate.confirmDeposit', 'depositId');
      return runStaged(context, () => {
        const record = pendingDeposit(context, id, 'simulate.confirmDeposit');
        record.view = Object.freeze({
          ...record.view,
          status: 'confirmed',
          confirmations: confirmedDepositConfirmations,
          confirmedAt: new Date(clock.now()).toISOString(),
        });
        state.walletBalance += record.view.credited.amount;
        state.totalDeposited += record.view.credited.amount;
        context.events.stage('deposit.confirmed', record.view);
        return record.view;
      });
    },

    async expireDeposit(depositId) {
      const id = parseId(context, depositId, 'simulate.expireDeposit', 'depositId');
      return runStaged(context, () => {
        const record = pendingDeposit(context, id, 'simulate.expireDeposit');
        record.view = Object.freeze({ ...record.view, status: 'expired' });
        return record.view;
      });
    },

    async provisionPendingCard(input) {
      const parsed = parseInput(provisionSchema, input, 'simulate.provisionPendingCard', provider);
      return runStaged(context, () => {
        const bin = selectBin(context.bins, { network: parsed.network });
        if (bin === undefined) {
          throw new NotFoundError(`simulate.provisionPendingCard: no ${parsed.network} BIN at ${provider}`, {
            provider,
          });
        }
        const card = createCardRecord(context, { bin, status: 'pending', balance: 0 });
        context.events.stage('card.created', card.view);
        return card.view;
      });
    },
  };
}

/** The first rule a purchase breaks, in the order a card network checks them; `undefined` when it may go through. */
function declineReasonFor(
  card: CardRecord,
  amount: number,
  merchant: Merchant,
  now: number,
): DeclineReason | undefined {
  if (card.status === 'frozen') return 'card_frozen';
  if (card.status === 'terminated') return 'card_terminated';
  if (card.status !== 'active') return 'card_not_active';
  if (amount > card.balance - card.holds) return 'insufficient_card_balance';
  if (monthlySpendOf(card, now) + amount > card.spendingLimit) return 'spending_limit_exceeded';
  if (card.allowedCategories !== undefined && card.allowedCategories.length > 0) {
    const category = merchant.category?.toLowerCase();
    if (!card.allowedCategories.some((allowed) => allowed.toLowerCase() === category)) return 'category_not_allowed';
  }
  if (amount > card.bin.maxTransaction.amount) return 'over_bin_max_transaction';
  return undefined;
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

function pendingDeposit(context: MemoryContext, id: string, operation: string) {
  const record = lookup(context, context.state.deposits, id, 'deposit', operation);
  if (record.view.status !== 'pending') {
    throw new InvalidRequestError(`${operation}: deposit ${id} is ${record.view.status}, not pending`, {
      code: 'deposit_not_pending',
      provider: context.provider,
    });
  }
  return record;
}

function merchantOf(merchant: z.output<typeof purchaseSchema>['merchant']): Merchant {
  return Object.freeze({
    name: merchant.name,
    ...(merchant.category === undefined ? {} : { category: merchant.category }),
    ...(merchant.mcc === undefined ? {} : { mcc: merchant.mcc }),
    ...(merchant.country === undefined ? {} : { country: merchant.country }),
  });
}
