import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { privcardsProfile } from '@cardgw/adapter-privcards/testing';
import { usd } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { issueCampaignCard } from '../src/campaign-cards.js';

describe('issueCampaignCard on the in-memory issuer', () => {
  it('issues a labelled card that the campaign can spend on', async () => {
    // The provider's own BINs (its page's `bestFor` uses): the in-memory issuer's defaults belong to no provider.
    const issuer = createMemoryIssuer({ ...privcardsProfile });
    const outcome = await issueCampaignCard(issuer, 'spring', usd(300));
    if (outcome.kind !== 'issued') throw new Error(`expected a card, got ${outcome.kind}`);
    expect(outcome.card.label).toBe('campaign spring');
    const purchase = await issuer.simulate.purchase(outcome.card.id, {
      amount: usd(120),
      merchant: { name: 'FACEBK ADS', mcc: '7311' },
    });
    expect(purchase.approved).toBe(true);
    expect((await issuer.cards.get(outcome.card.id)).balance).toEqual(usd(180));
  });

  it('answers a wallet that cannot pay with a decline, not an exception', async () => {
    const issuer = createMemoryIssuer({ ...privcardsProfile, walletBalance: usd(50) });
    expect(await issueCampaignCard(issuer, 'autumn', usd(300))).toEqual({
      kind: 'declined',
      reason: 'insufficient_funds',
    });
  });
});
