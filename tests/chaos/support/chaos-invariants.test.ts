import { createMemoryIssuer, type MemoryIssuer } from '@cardgw/adapter-memory';
import { type Card, type CardIssuer, cents, usd } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import type { CallOutcome, CreateCall, FundingCall } from './chaos-calls.js';
import { checkInvariants, type LedgerView } from './chaos-invariants.js';

// The chaos suite is only as good as its checks: each invariant, shown to catch the breach it is there for, on
// backends changed directly (no network, no faults).

const initialWallet = usd(1_000);

function ledger(): LedgerView & { privcards: MemoryIssuer; cryptocardy: MemoryIssuer } {
  const privcards = createMemoryIssuer({ provider: 'privcards', walletBalance: initialWallet });
  const cryptocardy = createMemoryIssuer({ provider: 'cryptocardy', walletBalance: initialWallet });
  return {
    privcards,
    cryptocardy,
    initialWallet,
    simulators: { privcards: { backend: privcards }, cryptocardy: { backend: cryptocardy } },
  };
}

const noRepeat = () => Promise.reject(new Error('not repeated in these tests'));

function createCall(step: number, outcome: CallOutcome, result?: Card): CreateCall {
  return {
    kind: 'create',
    step,
    key: `key-${step}`,
    marker: `chaos key-${step}`,
    amountCents: 1_000,
    outcome,
    result,
    calls: 1,
    repeat: noRepeat,
  };
}

function fundCall(step: number, card: Card, outcome: CallOutcome): FundingCall {
  return {
    kind: 'fund',
    step,
    key: `key-${step}`,
    cardId: card.id,
    signedCents: 500,
    outcome,
    result: undefined,
    calls: 1,
    repeat: noRepeat,
  };
}

const issue = (issuer: CardIssuer, step: number) =>
  issuer.cards.create({ binId: '491653', amount: cents(1_000), label: `chaos key-${step}` });

describe('the chaos invariants', () => {
  it('hold for a card issued once and funded once', async () => {
    const world = ledger();
    const card = await issue(world.privcards, 0);
    await world.privcards.cards.fund(card.id, { amount: cents(500) });
    expect(checkInvariants(world, [createCall(0, 'applied', card), fundCall(1, card, 'applied')])).toEqual([]);
  });

  it('catch one creation that issued a card at each provider', async () => {
    const world = ledger();
    const card = await issue(world.privcards, 0);
    await issue(world.cryptocardy, 0);
    expect(checkInvariants(world, [createCall(0, 'applied', card)])).toEqual([
      expect.stringMatching(/^step 0 create: 2 cards issued/),
    ]);
  });

  it('catch a creation that issued a card although it failed without ambiguity', async () => {
    const world = ledger();
    await issue(world.cryptocardy, 0);
    expect(checkInvariants(world, [createCall(0, 'not-applied')])).toEqual([
      expect.stringMatching(/failed without ambiguity, yet issued cryptocardy:card_/),
    ]);
  });

  it('catch a funding applied twice', async () => {
    const world = ledger();
    const card = await issue(world.privcards, 0);
    await world.privcards.cards.fund(card.id, { amount: cents(500) });
    await world.privcards.cards.fund(card.id, { amount: cents(500) });
    const violations = checkInvariants(world, [createCall(0, 'applied', card), fundCall(1, card, 'applied')]);
    expect(violations).toEqual([expect.stringMatching(/balance 2000$/)]);
  });

  it('allow an ambiguous funding to have applied once, and catch it applied twice', async () => {
    const world = ledger();
    const card = await issue(world.privcards, 0);
    const calls = [createCall(0, 'applied', card), fundCall(1, card, 'unknown')];
    expect(checkInvariants(world, calls)).toEqual([]);
    await world.privcards.cards.fund(card.id, { amount: cents(500) });
    expect(checkInvariants(world, calls)).toEqual([]);
    await world.privcards.cards.fund(card.id, { amount: cents(500) });
    expect(checkInvariants(world, calls)).toEqual([expect.stringMatching(/unknown \[500\]\): balance 2000$/)]);
  });

  it('catch money that appeared or vanished at a provider', async () => {
    const world = { ...ledger(), initialWallet: usd(999) };
    expect(checkInvariants(world, [])).toEqual([
      expect.stringMatching(/^privcards: wallet \+ cards \+ spent = 100000, not the initial 99900$/),
      expect.stringMatching(/^cryptocardy: /),
    ]);
  });
});
