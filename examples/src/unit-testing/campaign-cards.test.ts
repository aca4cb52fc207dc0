import { createMemoryIssuer, type MemoryIssuer } from '@cardgw/adapter-memory';
import { privcardsProfile } from '@cardgw/adapter-privcards/testing';
import {
  InsufficientFundsError,
  ProviderUnavailableError,
  RateLimitError,
  UnsupportedOperationError,
  usd,
} from '@cardgw/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { CampaignCards } from './campaign-cards.js';

// How an application's own tests use the in-memory issuer: no network, no mocks, a real state machine, behaving as the
// provider production uses (here PrivCards: its capabilities, HTTPS-only webhooks, published limits, answer shapes),
// so what passes here passes against PrivCards.
describe('CampaignCards (an application tested with the in-memory issuer)', () => {
  let issuer: MemoryIssuer;
  let campaigns: CampaignCards;

  beforeEach(() => {
    issuer = createMemoryIssuer({ ...privcardsProfile, walletBalance: usd(1_000) });
    campaigns = new CampaignCards(issuer, { lowBalance: usd(50), topUp: usd(200) });
  });

  it('opens a campaign card on an ads BIN, funded from the wallet', async () => {
    const card = await campaigns.openCampaign('spring', usd(300));
    expect(card.status).toBe('active');
    expect(card.balance).toEqual(usd(300));
    expect(card.metadata).toEqual({ campaign: 'spring' });
    expect((await issuer.wallet.balance()).balance).toEqual(usd(700));
  });

  it('tops up a card once purchases bring it under the threshold', async () => {
    const card = await campaigns.openCampaign('spring', usd(100));
    expect(await campaigns.topUpIfLow(card.id)).toBe('not-needed');
    const purchase = await issuer.simulate.purchase(card.id, {
      amount: usd(80),
      merchant: { name: 'FACEBK ADS', category: 'advertising', mcc: '7311' },
    });
    expect(purchase.approved).toBe(true);
    expect(await campaigns.topUpIfLow(card.id)).toBe('topped-up');
    expect((await issuer.cards.get(card.id)).balance).toEqual(usd(220));
    expect(await campaigns.spent(card.id)).toBe('$80.00');
  });

  it('reports an empty wallet instead of failing', async () => {
    const card = await campaigns.openCampaign('spring', usd(990));
    await issuer.simulate.purchase(card.id, { amount: usd(950), merchant: { name: 'GOOGLE ADS' } });
    expect(await campaigns.topUpIfLow(card.id)).toBe('wallet-empty');
  });

  it('sees a declined purchase on a frozen card, and no money moves', async () => {
    const card = await campaigns.openCampaign('spring', usd(100));
    await issuer.cards.freeze(card.id);
    const purchase = await issuer.simulate.purchase(card.id, { amount: usd(10), merchant: { name: 'TIKTOK ADS' } });
    expect(purchase.approved).toBe(false);
    expect(purchase.declineReason).toBe('card_frozen');
    expect((await issuer.cards.get(card.id)).balance).toEqual(usd(100));
    expect(await campaigns.spent(card.id)).toBe('$0.00');
  });

  it('reads the OTP of a pending 3-D Secure challenge', async () => {
    const card = await campaigns.openCampaign('spring', usd(100));
    const challenge = await issuer.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
    expect(await campaigns.pendingOtp(card.id)).toBe(challenge.otp);
    expect(challenge.otp).toMatch(/^\d{6}$/);
  });

  it('finds no OTP once the challenge has expired (5 minutes on the issuer clock)', async () => {
    const card = await campaigns.openCampaign('spring', usd(100));
    await issuer.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
    const clock = issuer.clock as { advance(ms: number): void };
    clock.advance(5 * 60_000 + 1);
    expect(await campaigns.pendingOtp(card.id)).toBeUndefined();
  });

  it('asks to try later when the provider is down (fault injection)', async () => {
    const card = await campaigns.openCampaign('spring', usd(20));
    issuer.faults.failNext(
      'cards.fund',
      new ProviderUnavailableError('provider down', { code: 'server_error', status: 503 }),
    );
    expect(await campaigns.topUpIfLow(card.id)).toBe('try-later');
    expect(await campaigns.topUpIfLow(card.id)).toBe('topped-up');
  });

  it('returns the remaining balance to the wallet when a campaign closes', async () => {
    const card = await campaigns.openCampaign('spring', usd(100));
    await issuer.simulate.purchase(card.id, { amount: usd(25.5), merchant: { name: 'FACEBK ADS' } });
    expect(await campaigns.closeCampaign(card.id)).toEqual(usd(74.5));
    expect((await issuer.wallet.balance()).balance).toEqual(usd(974.5));
    await expect(issuer.cards.fund(card.id, { amount: usd(10) })).rejects.toMatchObject({ code: 'card_terminated' });
  });

  it('surfaces an injected business error unchanged', async () => {
    const card = await campaigns.openCampaign('spring', usd(20));
    issuer.faults.failNext('cards.fund', new InsufficientFundsError('wallet too low'));
    expect(await campaigns.topUpIfLow(card.id)).toBe('wallet-empty');
  });

  it('finds out in a test, not in production, what PrivCards does not offer', async () => {
    const card = await campaigns.openCampaign('spring', usd(100));
    // PrivCards' transaction list has no merchant filter: the adapter refuses it before any request, so does the double.
    await expect(issuer.transactions.list({ cardId: card.id, merchant: 'FACEBK' }).toArray()).rejects.toSatisfy(
      UnsupportedOperationError.isInstance,
    );
    // Its card list answers a summary: a field the list does not carry reads undefined, as in production.
    const [listed] = (await issuer.cards.list()).data;
    expect(listed?.metadata).toBeUndefined();
    expect((await issuer.cards.get(card.id)).metadata).toEqual({ campaign: 'spring' });
  });

  it('meets the provider quotas: the 31st read of card details in a minute is refused', async () => {
    const card = await campaigns.openCampaign('spring', usd(100));
    for (let read = 0; read < 30; read++) await issuer.cards.details(card.id);
    await expect(issuer.cards.details(card.id)).rejects.toSatisfy(RateLimitError.isInstance);
    // A minute later (the issuer's clock moves only when told to) the quota is back.
    (issuer.clock as { advance(ms: number): void }).advance(60_100);
    await expect(issuer.cards.details(card.id)).resolves.toMatchObject({ cardId: card.id });
  });
});
