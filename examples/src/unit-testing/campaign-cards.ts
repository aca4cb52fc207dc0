import {
  type Card,
  type CardIssuer,
  formatMoney,
  InsufficientFundsError,
  type Money,
  ProviderUnavailableError,
  RateLimitError,
  usd,
} from '@cardgw/core';

/**
 * A small application module: one virtual card per ad campaign, topped up when it runs low, with the 3-D Secure
 * OTP fetched on demand. It depends only on `CardIssuer`, so production passes a gateway and tests pass the
 * in-memory issuer (see campaign-cards.test.ts).
 */
export class CampaignCards {
  constructor(
    private readonly issuer: CardIssuer,
    private readonly settings: { readonly lowBalance: Money; readonly topUp: Money } = {
      lowBalance: usd(50),
      topUp: usd(200),
    },
  ) {}

  /** Issues a card for a campaign, on a BIN meant for ads. */
  async openCampaign(campaign: string, budget: Money): Promise<Card> {
    return this.issuer.cards.create({
      bin: { bestFor: ['meta_ads'] },
      amount: budget,
      label: `Campaign ${campaign}`,
      metadata: { campaign },
    });
  }

  /** Tops the card up when its balance is under the threshold. Returns what happened, for the caller's log. */
  async topUpIfLow(cardId: string): Promise<'topped-up' | 'not-needed' | 'wallet-empty' | 'try-later'> {
    const card = await this.issuer.cards.get(cardId);
    if (card.balance.amount >= this.settings.lowBalance.amount) return 'not-needed';
    try {
      await this.issuer.cards.fund(cardId, { amount: this.settings.topUp });
      return 'topped-up';
    } catch (error) {
      if (InsufficientFundsError.isInstance(error)) return 'wallet-empty';
      if (RateLimitError.isInstance(error) || ProviderUnavailableError.isInstance(error)) return 'try-later';
      throw error;
    }
  }

  /** The OTP of the newest pending 3-D Secure challenge on the card, if any. */
  async pendingOtp(cardId: string): Promise<string | undefined> {
    const page = await this.issuer.threeDS.list({ cardId, status: 'pending' });
    return page.data[0]?.otp;
  }

  /** What the campaign spent: the sum of settled purchases minus refunds, formatted. */
  async spent(cardId: string): Promise<string> {
    let total = 0;
    for await (const transaction of this.issuer.transactions.list({ cardId })) {
      if (transaction.type === 'settlement' || transaction.type === 'refund') total -= transaction.amount.amount;
    }
    return formatMoney({ amount: total, currency: 'USD' });
  }

  /** Ends a campaign: the card is terminated and what is left goes back to the wallet. */
  async closeCampaign(cardId: string): Promise<Money> {
    const termination = await this.issuer.cards.terminate(cardId);
    return termination.refundedAmount;
  }
}
