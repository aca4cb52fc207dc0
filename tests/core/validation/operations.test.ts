import * as memory from '@cardgw/adapter-memory';
import { fullMemoryCapabilities } from '@cardgw/adapter-memory';
import * as core from '@cardgw/core/provider-utils';
import { describe, expect, it } from 'vitest';
import { allOperations, isOperation } from '../../../packages/core/src/validation/operations.js';

// That the list names exactly the `Operation` union is checked by the compiler, in operations.ts itself.
describe('allOperations', () => {
  it('names each operation of the port once, as resource.method', () => {
    expect(allOperations).toHaveLength(21);
    expect(new Set(allOperations).size).toBe(allOperations.length);
    for (const operation of allOperations)
      expect(operation).toMatch(/^(cards|transactions|wallet|bins|threeDS|webhooks)\.[a-zA-Z]+$/);
    expect(Object.isFrozen(allOperations)).toBe(true);
  });

  it('is the one list core, the memory subpath and the in-memory capabilities share', () => {
    expect(core.allOperations).toBe(allOperations);
    expect(memory.allOperations).toBe(allOperations);
    expect(fullMemoryCapabilities.operations).toBe(allOperations);
  });

  it('tells an operation from anything else', () => {
    expect(isOperation('cards.create')).toBe(true);
    for (const value of ['cards.launch', 'cards', '', undefined, null, 42, {}]) expect(isOperation(value)).toBe(false);
  });
});
