import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';

/**
 * The assertions the contract suite makes, on `node:assert`: the same checks and the same `AssertionError` (with its
 * actual/expected diff) whichever runner hosts the suite, so the suite needs nothing from the runner but its test
 * functions. Only the matchers the suite uses, with jest's meaning: `toEqual` compares own enumerable fields and
 * ignores `undefined` ones and prototypes, `toMatchObject` compares the fields the expected object names.
 */
export interface ContractAssertion {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toMatchObject(expected: object): void;
  toMatch(expected: RegExp | string): void;
  toHaveLength(expected: number): void;
  toContain(expected: unknown): void;
  toBeGreaterThan(expected: number): void;
  toBeGreaterThanOrEqual(expected: number): void;
  toBeLessThan(expected: number): void;
  toBeLessThanOrEqual(expected: number): void;
  toBeNull(): void;
  toBeUndefined(): void;
  toBeDefined(): void;
  readonly not: Pick<ContractAssertion, 'toBe' | 'toContain'>;
}

/** Matches an array holding at least these elements, in any order (jest's `expect.arrayContaining`). */
class ArrayContaining {
  constructor(readonly elements: readonly unknown[]) {}
}

export interface ContractExpect {
  (actual: unknown, message?: string): ContractAssertion;
  arrayContaining(elements: readonly unknown[]): unknown;
}

export const expect: ContractExpect = Object.assign(
  (actual: unknown, message?: string): ContractAssertion => assertionsOn(actual, message),
  { arrayContaining: (elements: readonly unknown[]): unknown => new ArrayContaining(elements) },
);

function assertionsOn(actual: unknown, message: string | undefined): ContractAssertion {
  const fail = (description: string, expected?: unknown): never => {
    throw new assert.AssertionError({
      message: message === undefined ? description : `${message}: ${description}`,
      actual,
      expected,
      operator: 'expect',
    });
  };
  const numeric = (expected: number, holds: (value: number) => boolean, relation: string) => {
    if (typeof actual !== 'number' || !holds(actual))
      fail(`expected ${String(actual)} ${relation} ${expected}`, expected);
  };
  return {
    toBe: (expected) => assert.equal(actual, expected, message),
    toEqual: (expected) => {
      if (expected instanceof ArrayContaining) {
        if (!Array.isArray(actual)) fail('expected an array', expected.elements);
        const values = (actual as unknown[]).map(comparable);
        const missing = expected.elements.filter(
          (element) => !values.some((value) => isDeepStrictEqual(value, comparable(element))),
        );
        if (missing.length > 0) fail(`expected the array to contain ${JSON.stringify(missing)}`, expected.elements);
        return;
      }
      assert.deepEqual(comparable(actual), comparable(expected), message);
    },
    toMatchObject: (expected) => assert.deepEqual(comparable(pick(actual, expected)), comparable(expected), message),
    toMatch: (expected) => {
      if (typeof actual !== 'string') fail('expected a string', expected);
      if (typeof expected === 'string') assert.ok((actual as string).includes(expected), message);
      else assert.match(actual as string, expected, message);
    },
    toHaveLength: (expected) => assert.equal((actual as { length?: unknown } | null)?.length, expected, message),
    toContain: (expected) => {
      if (!contains(actual, expected)) fail(`expected to contain ${String(expected)}`, expected);
    },
    toBeGreaterThan: (expected) => numeric(expected, (value) => value > expected, '>'),
    toBeGreaterThanOrEqual: (expected) => numeric(expected, (value) => value >= expected, '>='),
    toBeLessThan: (expected) => numeric(expected, (value) => value < expected, '<'),
    toBeLessThanOrEqual: (expected) => numeric(expected, (value) => value <= expected, '<='),
    toBeNull: () => assert.equal(actual, null, message),
    toBeUndefined: () => assert.equal(actual, undefined, message),
    toBeDefined: () => {
      if (actual === undefined) fail('expected a value, got undefined');
    },
    not: {
      toBe: (expected) => assert.notEqual(actual, expected, message),
      toContain: (expected) => {
        if (contains(actual, expected)) fail(`expected not to contain ${String(expected)}`, expected);
      },
    },
  };
}

function contains(container: unknown, element: unknown): boolean {
  if (typeof container === 'string') return typeof element === 'string' && container.includes(element);
  if (Array.isArray(container)) return container.includes(element);
  if (container instanceof Set) return container.has(element);
  return false;
}

/** A copy made of plain objects, arrays, Sets and Maps, without `undefined` fields: what `toEqual` compares. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value instanceof Set) return new Set([...value].map(comparable));
  if (value instanceof Map) return new Map([...value].map(([key, entry]) => [key, comparable(entry)]));
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return value;
  const plain: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) plain[key] = comparable(entry);
  return plain;
}

/** The part of `actual` that `expected` names (recursively), for `toMatchObject`. */
function pick(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual) && actual.length === expected.length) {
    return actual.map((element, index) => pick(element, expected[index]));
  }
  if (!isRecord(expected) || !isRecord(actual) || Array.isArray(actual)) return actual;
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) if (key in actual) picked[key] = pick(actual[key], expected[key]);
  return picked;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof RegExp);
}
