// Application code that names the types it meets through `Cardgw`, the root's type namespace, never through
// `@cardgw/core/provider-utils` (the adapter authors' entry): the inputs it passes, the results and pages it gets back.
import type { Cardgw } from '@cardgw/core';

/** Where a campaign's card may be issued: Visa, for Meta ads. */
export const campaignBin: Cardgw.BinCriteria = { network: 'visa', bestFor: ['meta_ads'] };

/** Tops a card up; the funding answer says the card's new balance. */
export async function topUp(
  issuer: Cardgw.CardIssuer,
  cardId: string,
  input: Cardgw.FundingInput,
  options?: Cardgw.RequestOptions,
): Promise<Cardgw.CardFunding> {
  return issuer.cards.fund(cardId, input, options);
}

/** One page of cards, only those that can spend (a frozen or terminated card is left out). */
export async function spendableCards(
  issuer: Cardgw.CardIssuer,
  filters: Cardgw.CardListFilters,
): Promise<Cardgw.Page<Cardgw.Card>> {
  const page = await issuer.cards.list(filters);
  const spendable: Cardgw.CardStatus = 'active';
  return { ...page, data: page.data.filter((card) => card.status === spendable) };
}

/** The merchants a card's settled purchases went to, every page walked. */
export async function merchantsOf(issuer: Cardgw.CardIssuer, cardId: string): Promise<Cardgw.Merchant[]> {
  const merchants: Cardgw.Merchant[] = [];
  const filters: Cardgw.TransactionListFilters = { cardId };
  for await (const transaction of issuer.transactions.list(filters)) {
    const type: Cardgw.TransactionType = transaction.type;
    if (type === 'settlement') merchants.push(transaction.merchant);
  }
  return merchants;
}

/** Renames a card, typed as the update input the port takes. */
export function relabel(issuer: Cardgw.CardIssuer, cardId: string, label: string): Promise<Cardgw.Card> {
  const input: Cardgw.UpdateCardInput = { label };
  return issuer.cards.update(cardId, input);
}

/** A logger for the gateway's `logger` option, keeping what it is told. */
export function collectingLogger(lines: string[]): Cardgw.Logger {
  const keep = (level: string) => (_fields: Record<string, unknown>, message: string) => {
    lines.push(`${level} ${message}`);
  };
  return { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}
