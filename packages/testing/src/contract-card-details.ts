import { inspect } from 'node:util';
import { isLuhnValid } from '@cardgw/adapter-memory';
import { expect } from './contract-expect.js';
import { binsOf, type ContractHarness, createCard } from './contract-support.js';

// A card's sensitive details: readable by name, redacted wherever they are printed. Part of the `cards` block of the
// contract (contract-cards.ts).

/** Revealing a card's PAN, CVV and expiry, which must print redacted. */
export function describeCardDetailsContract(harness: ContractHarness): void {
  const { it } = harness.runner;
  it('reveals PAN, CVV and expiry by name but prints them redacted', async () => {
    const [bin] = await binsOf(harness);
    const card = await createCard(harness);
    const details = await harness.subject().issuer.cards.details(card.id);
    expect(details.cardId).toBe(card.id);
    expect(isLuhnValid(details.pan), 'the PAN should pass the Luhn check').toBe(true);
    expect(details.pan.startsWith(bin!.providerId.replace(/\D/g, '').slice(0, 6))).toBe(true);
    expect(details.pan.endsWith(card.last4)).toBe(true);
    expect(details.cvv).toMatch(/^\d{3,4}$/);
    expect(details.expiryMonth).toBeGreaterThanOrEqual(1);
    expect(details.expiryMonth).toBeLessThanOrEqual(12);
    expect(details.expiryYear).toBeGreaterThanOrEqual(new Date(card.createdAt).getUTCFullYear());
    for (const printed of [JSON.stringify(details), inspect(details, { depth: 10 }), String(details)]) {
      expect(printed).not.toContain(details.pan);
      expect(printed).not.toContain(`"${details.cvv}"`);
    }
    expect(JSON.stringify(details)).toContain(card.last4);
  });
}
