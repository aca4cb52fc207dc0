import { formatMoney, InsufficientFundsError } from '@cardgw/core';
import {
  type CardFunding,
  type CardsResource,
  fundSchema,
  parseInput,
  withdrawSchema,
} from '@cardgw/core/provider-utils';
import { refreshCardView } from './card-record.js';
import {
  assertNotTerminated,
  beginCall,
  lookupCard,
  type MemoryContext,
  money,
  parseId,
  runMutation,
} from './memory-context.js';
import type { CardRecord } from './memory-state.js';

/** Money moving between the wallet and a card. */
export type MemoryCardFunding = Pick<CardsResource, 'fund' | 'withdraw'>;

/** `cards.fund` and `cards.withdraw` over the issuer's state. */
export function createMemoryCardFunding(context: MemoryContext): MemoryCardFunding {
  const { provider, state } = context;

  return {
    async fund(cardId, input, options) {
      beginCall(context, 'cards.fund', options);
      const id = parseId(context, cardId, 'cards.fund', 'cardId');
      const parsed = parseInput(fundSchema, input, 'cards.fund', provider);
      return runMutation(context, 'cards.fund', options, { id, parsed }, (): CardFunding => {
        const card = lookupCard(context, id, 'cards.fund');
        assertNotTerminated(context, card, 'cards.fund');
        const amount = parsed.amount.amount;
        assertWalletHolds(context, amount, 'cards.fund');
        const previousBalance = card.balance;
        card.balance += amount;
        state.walletBalance -= amount;
        if (card.status === 'pending') card.status = 'active'; // a pending_top_up card activates once funded
        refreshCardView(context, card);
        const funding = fundingOf(context, card, 'fund', previousBalance, amount);
        context.events.stage('card.funded', funding);
        return funding;
      });
    },

    async withdraw(cardId, input, options) {
      beginCall(context, 'cards.withdraw', options);
      const id = parseId(context, cardId, 'cards.withdraw', 'cardId');
      const parsed = parseInput(withdrawSchema, input, 'cards.withdraw', provider);
      return runMutation(context, 'cards.withdraw', options, { id, parsed }, (): CardFunding => {
        const card = lookupCard(context, id, 'cards.withdraw');
        assertNotTerminated(context, card, 'cards.withdraw');
        const amount = parsed.amount.amount;
        const available = card.balance - card.holds;
        if (amount > available) {
          throw new InsufficientFundsError(
            `cards.withdraw: card ${id} has ${formatMoney(money(available))} available, less than ${formatMoney(parsed.amount)}`,
            { provider },
          );
        }
        const previousBalance = card.balance;
        card.balance -= amount;
        state.walletBalance += amount;
        refreshCardView(context, card);
        return fundingOf(context, card, 'withdraw', previousBalance, amount);
      });
    },
  };
}

/** Throws `InsufficientFundsError` unless the wallet holds `amount` cents. */
export function assertWalletHolds(context: MemoryContext, amount: number, operation: string): void {
  if (context.state.walletBalance < amount) {
    throw new InsufficientFundsError(
      `${operation}: the wallet holds ${formatMoney(money(context.state.walletBalance))}, less than ${formatMoney(money(amount))}`,
      { provider: context.provider },
    );
  }
}

function fundingOf(
  context: MemoryContext,
  card: CardRecord,
  direction: 'fund' | 'withdraw',
  previousBalance: number,
  amount: number,
): CardFunding {
  return Object.freeze({
    cardId: card.id,
    direction,
    previousBalance: money(previousBalance),
    amount: money(amount),
    newBalance: money(card.balance),
    walletBalance: money(context.state.walletBalance),
  });
}
