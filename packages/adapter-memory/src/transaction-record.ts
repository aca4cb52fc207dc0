import type { Transaction } from '@cardgw/core';
import type { Merchant, TransactionType } from '@cardgw/core/provider-utils';
import { type MemoryContext, money, nextId } from './memory-context.js';
import { appendToLog, type CardRecord, type TransactionRecord } from './memory-state.js';

export interface NewTransaction {
  readonly card: CardRecord;
  readonly type: TransactionType;
  /** Positive cents; the sign comes from the type (refunds credit, the rest debit). */
  readonly absoluteAmount: number;
  readonly merchant: Merchant;
  readonly declineReason?: string | undefined;
}

/** Records a transaction on a card, after the card's balance has been updated (it is the `balanceAfter`). */
export function recordTransaction(context: MemoryContext, transaction: NewTransaction): TransactionRecord {
  const { id, providerId, sequence } = nextId(context, 'transaction');
  const createdAt = context.clock.now();
  const signed = transaction.type === 'refund' ? transaction.absoluteAmount : -transaction.absoluteAmount;
  const view: Transaction = Object.freeze({
    id,
    provider: context.provider,
    providerId,
    cardId: transaction.card.id,
    type: transaction.type,
    amount: money(signed),
    merchant: transaction.merchant,
    balanceAfter: money(transaction.card.balance),
    ...(transaction.declineReason === undefined ? {} : { declineReason: transaction.declineReason }),
    createdAt: new Date(createdAt).toISOString(),
  });
  const record: TransactionRecord = {
    sequence,
    card: transaction.card,
    createdAt,
    absoluteAmount: transaction.absoluteAmount,
    merchant: transaction.merchant,
    view,
    refunded: 0,
    ...(transaction.type === 'authorization' ? { authorizationState: 'pending' as const } : {}),
  };
  context.state.transactions.set(id, record);
  appendToLog(context.state.transactionLog, record);
  transaction.card.transactions.push(record);
  transaction.card.transactionCount += 1;
  return record;
}
