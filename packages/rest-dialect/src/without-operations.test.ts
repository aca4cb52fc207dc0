import { allOperations } from '@cardgw/core/provider-utils';
import { describe, expect, it } from 'vitest';
import { withoutOperations } from './without-operations.js';

describe('withoutOperations', () => {
  it('keeps every other operation, in order, in a frozen list', () => {
    const operations = withoutOperations(allOperations, ['wallet.deposits', 'threeDS.get']);
    expect(operations).toEqual(
      allOperations.filter((operation) => operation !== 'wallet.deposits' && operation !== 'threeDS.get'),
    );
    expect(operations).toHaveLength(allOperations.length - 2);
    expect(Object.isFrozen(operations)).toBe(true);
  });

  it('gives the whole list back when nothing is left out', () => {
    expect(withoutOperations(allOperations, [])).toEqual([...allOperations]);
  });
});
