import { createMemoryIssuer, type MemoryIssuer } from '@cardgw/adapter-memory';
import { describe, expect, it } from 'vitest';
import { usd } from '../../../packages/core/src/domain/money.js';
import { ProviderUnavailableError } from '../../../packages/core/src/errors/index.js';
import { createFailoverIssuer } from '../../../packages/core/src/gateway/failover-issuer.js';
import { everyCapability } from '../../../packages/core/src/validation/operations.js';

// Account-level lists are served whole by one provider, not always the first: the page says which (`Page.provider`).

/** alpha first, without the merchant and amount filters (as one provider's page); beta second, with every filter. */
function setup(): { alpha: MemoryIssuer; beta: MemoryIssuer; gateway: ReturnType<typeof createFailoverIssuer> } {
  const alpha = createMemoryIssuer({
    provider: 'alpha',
    capabilities: { transactionListFilters: ['cardId', 'type', 'from', 'to'], cardListFilters: ['status'] },
  });
  const beta = createMemoryIssuer({ provider: 'beta' });
  return { alpha, beta, gateway: createFailoverIssuer([alpha, beta]) };
}

async function purchaseAt(issuer: MemoryIssuer, merchant: string): Promise<void> {
  const card = await issuer.cards.create({ binId: '491653', amount: usd(100), label: 'ads' });
  await issuer.simulate.purchase(card.id, { amount: usd(5), merchant: { name: merchant } });
}

describe('createFailoverIssuer: which provider served a list', () => {
  it('says on the page that transactions.list({ merchant }) was answered by the second provider', async () => {
    const { alpha, beta, gateway } = setup();
    await purchaseAt(alpha, 'FACEBK ADS');
    await purchaseAt(beta, 'FACEBK ADS');

    const filtered = await gateway.transactions.list({ merchant: 'FACEBK' });
    expect(filtered.provider).toBe('beta');
    expect(filtered.data.length).toBeGreaterThan(0);
    expect(new Set(filtered.data.map((transaction) => transaction.provider))).toEqual(new Set(['beta']));

    const unfiltered = await gateway.transactions.list();
    expect(unfiltered.provider).toBe('alpha');
  });

  it('names the serving provider on every account-level list, moved by a filter or by an outage', async () => {
    const { alpha, beta, gateway } = setup();
    await purchaseAt(alpha, 'GOOGLE ADS');
    await purchaseAt(beta, 'GOOGLE ADS');

    expect((await gateway.cards.list()).provider).toBe('alpha');
    expect((await gateway.cards.list({ label: 'ads' })).provider).toBe('beta');
    expect((await gateway.bins.list()).provider).toBe('alpha');
    expect((await gateway.threeDS.list()).provider).toBe('alpha');
    expect((await gateway.webhooks.list()).provider).toBe('alpha');
    expect((await gateway.wallet.deposits()).provider).toBe('alpha');

    alpha.faults.failNext('cards.list', new ProviderUnavailableError('down', { code: 'connection_failed' }));
    expect((await gateway.cards.list()).provider).toBe('beta');
  });

  it('names the card’s provider on a list scoped to a card, and keeps later pages there', async () => {
    const { beta, gateway } = setup();
    const card = await gateway.cards.create({ binId: 'beta:491653', amount: usd(500) });
    for (let index = 0; index < 60; index++) {
      await beta.simulate.purchase(card.id, { amount: usd(1), merchant: { name: 'FACEBK ADS' } });
    }
    const result = gateway.transactions.list({ cardId: card.id, perPage: 25 });
    const first = await result;
    expect(first).toMatchObject({ provider: 'beta', page: 1, hasMore: true });
    const walked = await result.toArray();
    expect(walked.length).toBeGreaterThan(25);
    expect(new Set(walked.map((transaction) => transaction.provider))).toEqual(new Set(['beta']));
  });

  it('names the only provider of a single-provider gateway', async () => {
    const gateway = createFailoverIssuer([createMemoryIssuer({ provider: 'solo' })], { provider: 'solo' });
    expect((await gateway.bins.list()).provider).toBe('solo');
  });
});

describe('the capabilities used above', () => {
  it('leave alpha without the merchant filter, which beta declares', () => {
    const { alpha, beta } = setup();
    expect(alpha.capabilities.transactionListFilters).not.toContain('merchant');
    expect(beta.capabilities.transactionListFilters).toEqual(everyCapability.transactionListFilters);
  });
});
