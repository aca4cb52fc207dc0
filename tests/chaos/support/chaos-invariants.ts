import type { MemoryIssuer, MemorySnapshot } from '@cardgw/adapter-memory';
import type { Card } from '@cardgw/core';
import type { CardTermination } from '@cardgw/core/provider-utils';
import type { FundingCall, MutatingCall } from './chaos-calls.js';
import { type ChaosProvider, chaosProviders } from './chaos-schedule.js';
import type { ChaosWorld } from './chaos-world.js';

// The invariants checked after every schedule, once every ambiguous call was repeated with its key (faults cleared):
// no card issued twice, no funding applied twice (or applied when the call said it was not), money conserved at each
// provider.

/** A funding call whose outcome is still unknown after the settling repeats: its effect is allowed, once. */
const maximumUnknownFundings = 12;

/** What the checks read: each provider's backend, and what its wallet held at the start. */
export interface LedgerView {
  readonly simulators: Readonly<Record<ChaosProvider, { readonly backend: Pick<MemoryIssuer, 'snapshot'> }>>;
  readonly initialWallet: ChaosWorld['initialWallet'];
}

export function checkInvariants(world: LedgerView, calls: readonly MutatingCall[]): string[] {
  const violations: string[] = [];
  const snapshots = Object.fromEntries(
    chaosProviders.map((provider) => [provider, world.simulators[provider].backend.snapshot()]),
  ) as Record<ChaosProvider, MemorySnapshot>;
  const allCards = chaosProviders.flatMap((provider) => snapshots[provider].cards);
  const cardsById = new Map(allCards.map((card) => [card.id, card]));

  // 1. No card issued twice: each create call (its own key, its repeats with that key) issued at most one card, in
  //    either backend; exactly the one it returned if it succeeded; none if it said it failed.
  for (const call of calls) {
    if (call.kind !== 'create') continue;
    const issued = allCards.filter((card) => card.label === call.marker);
    const where = issued.map((card) => card.id).join(', ');
    if (issued.length > 1) violations.push(`step ${call.step} create: ${issued.length} cards issued (${where})`);
    if (call.outcome === 'applied') {
      const returned = (call.result as Card).id;
      if (!issued.some((card) => card.id === returned)) {
        violations.push(`step ${call.step} create: returned ${returned}, which no backend holds (found: ${where})`);
      }
    } else if (call.outcome === 'not-applied' && issued.length > 0) {
      violations.push(`step ${call.step} create: failed without ambiguity, yet issued ${where}`);
    } else if (call.outcome === 'unknown') {
      // Never seen by the caller, so never funded: it holds what it was issued with.
      for (const card of issued) {
        if (card.balance.amount !== call.amountCents) {
          violations.push(`step ${call.step} create: unseen card ${card.id} holds ${card.balance.amount}`);
        }
      }
    }
  }

  // 2. No funding applied twice: each card's balance (or the refund at termination) is what it was issued with plus
  //    the fundings that succeeded, plus some of the still-unknown ones, each at most once.
  for (const created of calls) {
    if (created.kind !== 'create' || created.outcome !== 'applied') continue;
    const cardId = (created.result as Card).id;
    const card = cardsById.get(cardId);
    if (!card) continue; // reported above
    const fundings = calls.filter((call): call is FundingCall => 'signedCents' in call && call.cardId === cardId);
    const expected =
      created.amountCents +
      fundings.filter((call) => call.outcome === 'applied').reduce((sum, call) => sum + call.signedCents, 0);
    const unknown = fundings.filter((call) => call.outcome === 'unknown').map((call) => call.signedCents);
    const explains = (actual: number) => subsetSums(unknown).has(actual - expected);
    const context = `card ${cardId} (step ${created.step}; known ${expected}, unknown [${unknown.join(', ')}])`;
    if (unknown.length > maximumUnknownFundings) continue;
    if (card.status === 'terminated') {
      if (card.balance.amount !== 0) violations.push(`${context}: terminated with balance ${card.balance.amount}`);
      for (const call of calls) {
        if (call.kind !== 'terminate' || call.cardId !== cardId || call.outcome !== 'applied') continue;
        const refunded = (call.result as CardTermination).refundedAmount.amount;
        if (!explains(refunded)) violations.push(`${context}: refunded ${refunded} at termination (step ${call.step})`);
      }
    } else if (!explains(card.balance.amount)) {
      violations.push(`${context}: balance ${card.balance.amount}`);
    }
  }

  // 3. Money is conserved at each provider: it only moves between the wallet and the cards (and out, when spent).
  for (const provider of chaosProviders) {
    const snapshot = snapshots[provider];
    const onCards = snapshot.cards.reduce((sum, card) => sum + card.balance.amount, 0);
    const total = snapshot.walletBalance.amount + onCards + snapshot.totalSpent.amount;
    if (total !== world.initialWallet.amount) {
      violations.push(`${provider}: wallet + cards + spent = ${total}, not the initial ${world.initialWallet.amount}`);
    }
  }
  return violations;
}

/** Every sum of a subset of `values` (the empty one included). */
function subsetSums(values: readonly number[]): Set<number> {
  let sums = new Set([0]);
  for (const value of values) sums = new Set([...sums, ...[...sums].map((sum) => sum + value)]);
  return sums;
}
