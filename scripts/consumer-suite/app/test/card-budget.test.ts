import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { privcardsProfile } from '@cardgw/adapter-privcards/testing';
import { type Cardgw, createFailoverIssuer, usd } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { campaignBin, collectingLogger, merchantsOf, relabel, spendableCards, topUp } from '../src/card-budget.js';

describe('application code typed with the Cardgw namespace, on the in-memory issuer', () => {
  it('funds, lists, relabels and reads merchants with the types it names', async () => {
    const issuer = createMemoryIssuer({ ...privcardsProfile });
    const card = await issuer.cards.create({ bin: campaignBin, amount: usd(100), metadata: { campaign: 'spring' } });
    const paused = await issuer.cards.create({ bin: campaignBin, amount: usd(50), metadata: { campaign: 'autumn' } });
    const freeze: Cardgw.CardFreeze = await issuer.cards.freeze(paused.id);
    expect(freeze.status).toBe('frozen');

    const funding: Cardgw.CardFunding = await topUp(issuer, card.id, { amount: usd(25) });
    expect(funding.newBalance).toEqual(usd(125));

    const page = await spendableCards(issuer, { perPage: 10 });
    expect(page.data.map((listed) => listed.id)).toEqual([card.id]);

    expect((await relabel(issuer, card.id, 'spring, renamed')).label).toBe('spring, renamed');

    await issuer.simulate.purchase(card.id, { amount: usd(12), merchant: { name: 'FACEBK ADS', mcc: '7311' } });
    expect((await merchantsOf(issuer, card.id)).map((merchant) => merchant.name)).toEqual(['FACEBK ADS']);
  });

  it('builds a failover composite from options typed with the namespace', async () => {
    const lines: string[] = [];
    const breaker: Cardgw.BreakerSettings = { consecutiveFailures: 3, halfOpenAfterMs: 10_000 };
    const options: Cardgw.FailoverIssuerOptions = { breaker, logger: collectingLogger(lines) };
    const issuer: Cardgw.FailoverIssuer = createFailoverIssuer([createMemoryIssuer({ ...privcardsProfile })], options);
    const card = await issuer.cards.create({ bin: campaignBin, amount: usd(10) });
    const health: readonly Cardgw.ProviderHealth[] = issuer.health();
    expect(health.map((entry) => entry.state)).toEqual(['closed']);
    expect(card.provider).toBe(health[0]?.provider);
    options.logger?.warn?.({}, 'a failover');
    expect(lines).toEqual(['warn a failover']);
  });
});
