import { AuthenticationError, usd } from '@cardgw/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createCryptoCardy } from '../cryptocardy-adapter.js';
import { provisionCryptoCardy } from '../cryptocardy-provisioning.js';
import { type CryptoCardySimulator, startCryptoCardySimulator } from './cryptocardy-simulator.js';

const running: CryptoCardySimulator[] = [];

async function start(): Promise<CryptoCardySimulator> {
  const simulator = await startCryptoCardySimulator();
  running.push(simulator);
  return simulator;
}

afterEach(async () => {
  for (const simulator of running.splice(0)) await simulator.close();
});

describe('CryptoCardy simulator', () => {
  it('provisions a seed it then accepts, a pending card and a deterministic wallet', async () => {
    const simulator = await start();
    const provisioned = await provisionCryptoCardy({ baseUrl: simulator.url, card: 'mastercard', asset: 'ETH' });
    expect(provisioned.card).toMatchObject({ status: 'pending', network: 'mastercard' });
    expect(provisioned.card.pan).toMatch(/^5\d{15}$/);
    expect(provisioned.wallet.asset).toBe('ETH');
    expect(provisioned.wallet.address).toMatch(/^0x[0-9a-f]{40}$/);

    const issuer = createCryptoCardy({ seed: provisioned.seed, baseUrl: simulator.url, env: {} });
    const [card] = await issuer.cards.list().toArray();
    expect(card).toMatchObject({ status: 'pending', network: 'mastercard', last4: provisioned.card.last4 });
    // Funding the pending card activates it.
    await issuer.cards.fund(card!.id, { amount: usd(25) });
    expect((await issuer.cards.get(card!.id)).status).toBe('active');
    await issuer.close();
  });

  it('answers GET / in the page’s shape, with a +00:00 timestamp', async () => {
    const simulator = await start();
    const response = await fetch(`${simulator.url}?card=visa&asset=BTC`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      success: true,
      request_id: expect.stringMatching(/^req_/),
      seed: expect.stringMatching(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/),
      card: { state: 'pending_top_up', network: 'visa', card_number: expect.stringMatching(/^4\d{3}( \d{4}){3}$/) },
      wallet: { asset: 'BTC', address: expect.stringMatching(/^bc1q/) },
      created_at: expect.stringMatching(/\+00:00$/),
    });
    const again = (await (await fetch(`${simulator.url}?card=visa&asset=SOL`)).json()) as { seed: string };
    expect(again.seed).not.toBe(body.seed);
    expect((await fetch(`${simulator.url}?card=amex`)).status).toBe(400);
  });

  it('refuses an unknown seed with 401, mapped to AuthenticationError', async () => {
    const simulator = await start();
    const stranger = createCryptoCardy({ seed: '0000-0000-0000-0000', baseUrl: simulator.url, env: {}, maxRetries: 0 });
    await expect(stranger.bins.list()).rejects.toSatisfy(AuthenticationError.isInstance);
    await stranger.close();
  });

  it('serves the deposits history with the asset as currency, and 3DS by id', async () => {
    const simulator = await start();
    const issuer = createCryptoCardy({ seed: simulator.seed, baseUrl: simulator.url, env: {} });
    await simulator.backend.simulate.deposit({ asset: 'btc', cryptoAmount: '0.0075', amount: usd(500) });
    await simulator.backend.simulate.deposit({ asset: 'eth', cryptoAmount: '0.2', amount: usd(600) });
    const deposits = await issuer.wallet.deposits({ asset: 'btc' }).toArray();
    expect(deposits).toHaveLength(1);
    expect(deposits[0]).toMatchObject({ asset: 'btc', cryptoAmount: '0.0075', amount: usd(500), status: 'pending' });

    const card = await issuer.cards.create({ binId: '491653', amount: usd(20) });
    const challenge = await simulator.backend.simulate.threeDSChallenge(card.id, {
      merchant: 'SPOTIFY',
      amount: usd(9.99),
    });
    const fetched = await issuer.threeDS.get(challenge.id);
    expect(fetched).toMatchObject({ id: challenge.id, amount: usd(9.99), merchant: 'SPOTIFY', status: 'pending' });
    expect(fetched.otp).toBe(challenge.otp);
    await issuer.close();
  });
});
