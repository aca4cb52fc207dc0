import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { cents, usd } from '@cardgw/core';

/**
 * What an application's unit test typically does with the in-memory issuer: create one, open a card, make three
 * purchases, list the card's transactions, terminate the card. Resolves to the number of transactions listed (6:
 * each settled purchase is an authorization and a settlement).
 */
export async function runTypicalUserTest(): Promise<number> {
  const issuer = createMemoryIssuer();
  const card = await issuer.cards.create({ bin: { network: 'visa' }, amount: usd(100), label: 'checkout test' });
  const merchant = { name: 'Test Shop', category: 'shopping' };
  for (const amount of [cents(1_299), cents(450), cents(4_500)]) {
    await issuer.simulate.purchase(card.id, { amount, merchant });
  }
  const transactions = await issuer.transactions.list({ cardId: card.id });
  await issuer.cards.terminate(card.id);
  await issuer.close();
  return transactions.data.length;
}
