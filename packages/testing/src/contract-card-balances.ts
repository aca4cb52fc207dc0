import { InsufficientFundsError, InvalidRequestError, usd } from '@cardgw/core';
import { expect } from './contract-expect.js';
import {
  balanceOf,
  type ContractHarness,
  createCard,
  drainWallet,
  expectFailure,
  expectNoStateChange,
  walletOf,
} from './contract-support.js';

// Money moving between the wallet and a card: funding, withdrawing, terminating (which refunds the card), with
// their refusals and one whole lifecycle. Part of the `cards` block of the contract (contract-cards.ts).

/** Funding, withdrawing and terminating: both balances after each, the refusals that change nothing, a whole lifecycle. */
export function describeCardBalanceContract(harness: ContractHarness): void {
  const { it } = harness.runner;
  it('funds a card from the wallet and reports both balances', async () => {
    const card = await createCard(harness, { amount: usd(100) });
    const walletBefore = await walletOf(harness);
    const funding = await harness.subject().issuer.cards.fund(card.id, { amount: usd(200) });
    expect(funding).toMatchObject({
      cardId: card.id,
      previousBalance: usd(100),
      amount: usd(200),
      newBalance: usd(300),
      walletBalance: { amount: walletBefore - 20_000, currency: 'USD' },
    });
    expect(await balanceOf(harness, card.id)).toBe(30_000);
    expect(await walletOf(harness)).toBe(walletBefore - 20_000);
  });

  it('refuses to fund beyond the wallet with InsufficientFundsError, changing nothing', async () => {
    const [card] = await drainWallet(harness);
    await expectNoStateChange(harness, () =>
      expectFailure(() => harness.subject().issuer.cards.fund(card!.id, { amount: usd(1) }), InsufficientFundsError),
    );
  });

  it('withdraws from a card back to the wallet', async () => {
    const card = await createCard(harness, { amount: usd(100) });
    const walletBefore = await walletOf(harness);
    const withdrawal = await harness.subject().issuer.cards.withdraw(card.id, { amount: usd(30.25) });
    expect(withdrawal).toMatchObject({ cardId: card.id, amount: usd(30.25), newBalance: usd(69.75) });
    expect(await balanceOf(harness, card.id)).toBe(6_975);
    expect(await walletOf(harness)).toBe(walletBefore + 3_025);
  });

  it('refuses to withdraw more than the card holds, changing nothing', async () => {
    const card = await createCard(harness, { amount: usd(10) });
    await expectNoStateChange(harness, () =>
      expectFailure(
        () => harness.subject().issuer.cards.withdraw(card.id, { amount: usd(10.01) }),
        InsufficientFundsError,
      ),
    );
  });

  it('terminates a card, returning its whole balance to the wallet; the card stays readable', async () => {
    const card = await createCard(harness, { amount: usd(487.5) });
    const walletBefore = await walletOf(harness);
    const termination = await harness.subject().issuer.cards.terminate(card.id);
    expect(termination).toMatchObject({ cardId: card.id, status: 'terminated', refundedAmount: usd(487.5) });
    expect(await walletOf(harness)).toBe(walletBefore + 48_750);
    const fetched = await harness.subject().issuer.cards.get(card.id);
    expect(fetched.status).toBe('terminated');
    expect(fetched.balance).toEqual(usd(0));
  });

  it('refuses every later change to a terminated card with InvalidRequestError', async () => {
    const card = await createCard(harness);
    const { issuer } = harness.subject();
    await issuer.cards.terminate(card.id);
    await expectNoStateChange(harness, async () => {
      await expectFailure(() => issuer.cards.fund(card.id, { amount: usd(5) }), InvalidRequestError, 'fund');
      await expectFailure(() => issuer.cards.withdraw(card.id, { amount: usd(1) }), InvalidRequestError, 'withdraw');
      await expectFailure(() => issuer.cards.freeze(card.id), InvalidRequestError, 'freeze');
      await expectFailure(() => issuer.cards.unfreeze(card.id), InvalidRequestError, 'unfreeze');
      await expectFailure(() => issuer.cards.update(card.id, { label: 'x' }), InvalidRequestError, 'update');
      await expectFailure(() => issuer.cards.terminate(card.id), InvalidRequestError, 'terminate');
    });
  });

  it('walks a whole lifecycle: create, get, update, freeze, unfreeze, fund, withdraw, terminate', async () => {
    const { issuer } = harness.subject();
    const walletStart = await walletOf(harness);
    const card = await createCard(harness, { amount: usd(100), label: 'lifecycle' });
    expect((await issuer.cards.get(card.id)).status).toBe('active');
    expect((await issuer.cards.update(card.id, { label: 'renamed' })).label).toBe('renamed');
    expect((await issuer.cards.freeze(card.id)).status).toBe('frozen');
    expect((await issuer.cards.unfreeze(card.id)).status).toBe('active');
    expect((await issuer.cards.fund(card.id, { amount: usd(50) })).newBalance).toEqual(usd(150));
    expect((await issuer.cards.withdraw(card.id, { amount: usd(20) })).newBalance).toEqual(usd(130));
    expect((await issuer.cards.terminate(card.id)).refundedAmount).toEqual(usd(130));
    expect(await walletOf(harness)).toBe(walletStart);
    await expectFailure(() => issuer.cards.fund(card.id, { amount: usd(5) }), InvalidRequestError);
  });
}
