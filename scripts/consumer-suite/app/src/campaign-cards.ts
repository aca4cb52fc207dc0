import { type Card, type CardIssuer, InsufficientFundsError, type Money } from '@cardgw/core';

/** What the application decided for one campaign card. */
export type CampaignCardOutcome =
  | { readonly kind: 'issued'; readonly card: Card }
  | { readonly kind: 'declined'; readonly reason: 'insufficient_funds' };

/**
 * An application function as users write them: a card per ad campaign, on a Visa BIN for Meta ads, labelled with the
 * campaign. A wallet that cannot pay is an answer, not a crash.
 */
export async function issueCampaignCard(
  issuer: CardIssuer,
  campaign: string,
  budget: Money,
): Promise<CampaignCardOutcome> {
  try {
    const card = await issuer.cards.create({
      bin: { network: 'visa', bestFor: ['meta_ads'] },
      amount: budget,
      label: `campaign ${campaign}`,
      metadata: { campaign },
    });
    return { kind: 'issued', card };
  } catch (error) {
    if (InsufficientFundsError.isInstance(error)) return { kind: 'declined', reason: 'insufficient_funds' };
    throw error;
  }
}
