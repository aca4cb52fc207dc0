import { AssertionError } from 'node:assert';
import { describe, it, expect as vitestExpect } from 'vitest';
import { expect } from './contract-expect.js';

/** Runs an assertion of the contract suite and returns its failure, if any. */
function failureOf(assertion: () => void): AssertionError | undefined {
  try {
    assertion();
    return undefined;
  } catch (error) {
    vitestExpect(error).toBeInstanceOf(AssertionError);
    return error as AssertionError;
  }
}

describe("the contract suite's assertions (node:assert, jest's meaning)", () => {
  it('toEqual compares fields, ignoring undefined ones and prototypes, and fails on a difference', () => {
    const nullPrototype = Object.assign(Object.create(null) as object, { campaign: 'x' });
    vitestExpect(failureOf(() => expect({ a: 1, b: undefined }).toEqual({ a: 1 }))).toBeUndefined();
    vitestExpect(failureOf(() => expect(nullPrototype).toEqual({ campaign: 'x' }))).toBeUndefined();
    vitestExpect(failureOf(() => expect(new Set(['a', 'b'])).toEqual(new Set(['b', 'a'])))).toBeUndefined();
    vitestExpect(failureOf(() => expect([1, 2]).toEqual([2, 1]))).toBeInstanceOf(AssertionError);
    vitestExpect(failureOf(() => expect({ amount: 1 }).toEqual({ amount: '1' }))).toBeInstanceOf(AssertionError);
  });

  it('toMatchObject compares only the named fields, recursively', () => {
    const card = { id: 'c', status: 'frozen', balance: { amount: 5, currency: 'USD' } };
    vitestExpect(failureOf(() => expect(card).toMatchObject({ status: 'frozen', balance: { amount: 5 } }))).toBe(
      undefined,
    );
    vitestExpect(failureOf(() => expect(card).toMatchObject({ status: 'active' }))).toBeInstanceOf(AssertionError);
    vitestExpect(failureOf(() => expect(card).toMatchObject({ missing: 1 }))).toBeInstanceOf(AssertionError);
  });

  it('arrayContaining needs every element, in any order', () => {
    vitestExpect(failureOf(() => expect(['a', 'b', 'c']).toEqual(expect.arrayContaining(['c', 'a'])))).toBe(undefined);
    vitestExpect(failureOf(() => expect(['a']).toEqual(expect.arrayContaining(['a', 'z'])))).toBeInstanceOf(
      AssertionError,
    );
  });

  it('the other matchers hold and fail as jest says, and a failure carries the given message', () => {
    vitestExpect(failureOf(() => expect(3).toBeGreaterThan(2))).toBeUndefined();
    vitestExpect(failureOf(() => expect(2).toBeGreaterThan(2))).toBeInstanceOf(AssertionError);
    vitestExpect(failureOf(() => expect(2).toBeLessThanOrEqual(2))).toBeUndefined();
    vitestExpect(failureOf(() => expect('acme:card_1').toMatch(/^acme:/))).toBeUndefined();
    vitestExpect(failureOf(() => expect(['x']).not.toContain('x'))).toBeInstanceOf(AssertionError);
    vitestExpect(failureOf(() => expect([1, 2]).toHaveLength(3))).toBeInstanceOf(AssertionError);
    vitestExpect(failureOf(() => expect(undefined).toBeDefined())).toBeInstanceOf(AssertionError);
    vitestExpect(failureOf(() => expect(null).toBeNull())).toBeUndefined();
    vitestExpect(failureOf(() => expect(1, 'the balance').toBe(2))?.message).toContain('the balance');
    vitestExpect(failureOf(() => expect(1, 'the count').toBeGreaterThan(2))?.message).toContain('the count');
  });
});
