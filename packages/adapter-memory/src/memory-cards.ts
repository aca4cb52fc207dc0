import type { CardsResource } from '@cardgw/core/provider-utils';
import { createMemoryCardChanges } from './memory-card-changes.js';
import { createMemoryCardCreation } from './memory-card-creation.js';
import { createMemoryCardFunding } from './memory-card-funding.js';
import { createMemoryCardReads } from './memory-card-reads.js';
import type { MemoryContext } from './memory-context.js';

/** The in-memory `cards` resource, each group of operations from its own file, in the port's order. */
export function createMemoryCards(context: MemoryContext): CardsResource {
  const creation = createMemoryCardCreation(context);
  const reads = createMemoryCardReads(context);
  const changes = createMemoryCardChanges(context);
  const funding = createMemoryCardFunding(context);
  return {
    create: creation.create,
    list: reads.list,
    get: reads.get,
    details: reads.details,
    update: changes.update,
    freeze: changes.freeze,
    unfreeze: changes.unfreeze,
    terminate: changes.terminate,
    fund: funding.fund,
    withdraw: funding.withdraw,
  };
}
