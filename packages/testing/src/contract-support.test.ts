import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { cents, usd } from '@cardgw/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContractHarness, eventMark, eventsSince, otherProvider, stateOf } from './contract-support.js';

/** A harness over a memory issuer whose event history is already full (1,000 events kept). */
async function fullHistory() {
  const issuer = createMemoryIssuer();
  const card = await issuer.cards.create({ binId: '491653', amount: usd(100) });
  for (let index = 0; index < 1_000; index++) {
    await issuer.simulate.purchase(card.id, { amount: cents(1), merchant: { name: 'A' }, settle: false });
  }
  expect(issuer.events.history).toHaveLength(1_000);
  const harness: ContractHarness = {
    options: {},
    runner: { describe, it, beforeEach, afterEach },
    subject: () => ({ issuer, backend: issuer }),
  };
  return { issuer, card, harness };
}

describe('contract support', () => {
  it('finds the events after a mark once the history is full and its length no longer grows', async () => {
    const { issuer, card, harness } = await fullHistory();
    const mark = eventMark(harness);
    const length = issuer.events.history.length;
    await issuer.cards.freeze(card.id);
    await issuer.cards.unfreeze(card.id);
    // Counting by position finds nothing: the history dropped as many events as it gained.
    expect(issuer.events.history.slice(length)).toEqual([]);
    expect(eventsSince(harness, mark).map((event) => event.type)).toEqual(['card.frozen', 'card.unfrozen']);
  });

  it('sees a new event in the state even when the history is full', async () => {
    const { issuer, card, harness } = await fullHistory();
    const before = stateOf(harness);
    await issuer.cards.freeze(card.id);
    expect(stateOf(harness)).not.toBe(before);
    expect(JSON.parse(stateOf(harness)).lastEvent).toBe(issuer.events.history.at(-1)?.id);
  });

  it('names a provider that is neither of the ones taken', () => {
    expect(otherProvider('memory')).toBe('elsewhere');
    expect(otherProvider('elsewhere', 'elsewhere2')).toBe('elsewhere3');
  });
});
