import { usd } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { createMemoryIssuer, type MemoryIssuerOptions } from './memory-issuer.js';

/** One fixed script of calls; returns everything observable, secrets included. */
async function run(options: MemoryIssuerOptions = {}) {
  const issuer = createMemoryIssuer(options);
  const card = await issuer.cards.create({ bin: { network: 'mastercard' }, amount: usd(300), label: 'det' });
  const details = await issuer.cards.details(card.id);
  const purchase = await issuer.simulate.purchase(card.id, { amount: usd(12.5), merchant: { name: 'A' } });
  const challenge = await issuer.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
  const deposit = await issuer.simulate.deposit({ asset: 'btc', cryptoAmount: '0.01', amount: usd(600) });
  const webhook = await issuer.webhooks.create({ url: 'https://a.example/h', events: ['*'] });
  const addresses = await issuer.wallet.depositAddresses();
  return JSON.stringify({
    card,
    pan: details.pan,
    cvv: details.cvv,
    purchase,
    otp: challenge.otp,
    challenge,
    deposit,
    secret: webhook.secret?.reveal(),
    addresses,
    events: issuer.events.history,
    snapshot: issuer.snapshot(),
  });
}

describe('in-memory issuer determinism', () => {
  it('gives identical ids, PANs, OTPs, secrets and timestamps for the same options and calls', async () => {
    expect(await run()).toBe(await run());
  });

  it('gives other PANs, OTPs and secrets for another seed, and the same ids', async () => {
    const first = JSON.parse(await run());
    const second = JSON.parse(await run({ seed: 'another' }));
    expect(second.card.id).toBe(first.card.id);
    expect(second.pan).not.toBe(first.pan);
    expect(second.otp === first.otp && second.cvv === first.cvv).toBe(false);
    expect(second.secret).not.toBe(first.secret);
  });

  it('lists neutral deposit addresses by default: btc and eth, deterministic for the seed', async () => {
    const addresses = await createMemoryIssuer().wallet.depositAddresses();
    expect(addresses.map(({ asset, network, minimumDeposit }) => ({ asset, network, minimumDeposit }))).toEqual([
      { asset: 'btc', network: 'bitcoin', minimumDeposit: '0.001' },
      { asset: 'eth', network: 'ethereum', minimumDeposit: '0.01' },
    ]);
    expect(addresses[0]?.address).toMatch(/^bc1q[a-z0-9]{38}$/);
    expect(addresses[1]?.address).toMatch(/^0x[0-9a-f]{40}$/);
    expect(await createMemoryIssuer().wallet.depositAddresses()).toEqual(addresses);
    await expect(createMemoryIssuer().wallet.depositAddresses({ asset: 'sol' })).rejects.toMatchObject({
      code: 'unsupported_asset',
      message: expect.stringContaining('takes no deposits in sol (btc, eth)'),
    });
  });

  it('lists the deposit assets a profile gives, a token sharing another asset’s address', async () => {
    const issuer = createMemoryIssuer({
      depositAssets: [
        { asset: 'eth', network: 'ethereum', minimumDeposit: '0.005', addressFormat: 'hex' },
        { asset: 'sol', network: 'solana', minimumDeposit: '0.1', addressFormat: 'base58' },
        { asset: 'usdt', network: 'erc-20', minimumDeposit: '5.00', addressFormat: { sameAs: 'eth' } },
      ],
    });
    const addresses = await issuer.wallet.depositAddresses();
    expect(addresses.map((address) => address.asset)).toEqual(['eth', 'sol', 'usdt']);
    expect(addresses[1]?.address).toMatch(/^[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(addresses[2]?.address).toBe(addresses[0]?.address);
  });
});
