import { type Deposit, InvalidRequestError, type Money } from '@cardgw/core';
import { parseInput } from '@cardgw/core/provider-utils';
import { z } from 'zod';
import { lookup, type MemoryContext, money, nextId, parseId, runStaged } from './memory-context.js';
import type { MemorySimulation } from './memory-simulation.js';
import { amountSchema, nonNegativeAmountSchema } from './simulation-schemas.js';

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

/** A crypto deposit arriving in the wallet: detected (pending), then confirmed or expired. */
export type DepositSimulation = Pick<MemorySimulation, 'deposit' | 'confirmDeposit' | 'expireDeposit'>;

const confirmedDepositConfirmations = 6;

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

/** `simulate.deposit`, `simulate.confirmDeposit` and `simulate.expireDeposit` over the issuer's state. */
export function createDepositSimulation(context: MemoryContext): DepositSimulation {
  const { provider, state, clock } = context;

  return {
    async deposit(input) {
      const parsed = parseInput(depositSchema, input, 'simulate.deposit', provider);
      return runStaged(context, () => {
        const { id, providerId, sequence } = nextId(context, 'deposit');
        const now = clock.now();
        const amount = parsed.amount.amount;
        // The dialect's example: $10.00 on a $500.00 deposit.
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
  };
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
