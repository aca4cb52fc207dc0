import { describe, expect, it } from 'vitest';
import { createProviderOrder } from './provider-order.js';

const providers = ['alpha', 'beta', 'gamma'];

describe('createProviderOrder', () => {
  it('ordered: always the configured order', () => {
    const order = createProviderOrder('ordered');
    expect(order({ operation: 'cards.create', providers })).toEqual(providers);
    expect(order({ operation: 'cards.create', providers })).toEqual(providers);
  });

  it('round-robin: each new card starts one provider further, wrapping around', () => {
    const order = createProviderOrder('round-robin');
    expect(order({ operation: 'cards.create', providers })).toEqual(['alpha', 'beta', 'gamma']);
    expect(order({ operation: 'cards.create', providers })).toEqual(['beta', 'gamma', 'alpha']);
    expect(order({ operation: 'cards.create', providers })).toEqual(['gamma', 'alpha', 'beta']);
    expect(order({ operation: 'cards.create', providers })).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('round-robin: account-level calls keep the configured order', () => {
    const order = createProviderOrder('round-robin');
    order({ operation: 'cards.create', providers });
    expect(order({ operation: 'wallet.balance', providers })).toEqual(providers);
    expect(order({ operation: 'cards.list', providers })).toEqual(providers);
  });

  it('a function decides the order itself', () => {
    const order = createProviderOrder(({ providers: names }) => [...names].reverse());
    expect(order({ operation: 'cards.create', providers })).toEqual(['gamma', 'beta', 'alpha']);
  });
});
