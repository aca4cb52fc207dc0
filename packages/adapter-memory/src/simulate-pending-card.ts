import { NotFoundError } from '@cardgw/core';
import { parseInput, selectBin } from '@cardgw/core/provider-utils';
import { z } from 'zod';
import { createCardRecord } from './card-record.js';
import { type MemoryContext, runStaged } from './memory-context.js';
import type { MemorySimulation } from './memory-simulation.js';

/** A card the provider issued but has not yet activated. */
export type PendingCardSimulation = Pick<MemorySimulation, 'provisionPendingCard'>;

const provisionSchema = z.strictObject({ network: z.string().min(1).max(32).optional() });

/** `simulate.provisionPendingCard` over the issuer's state. */
export function createPendingCardSimulation(context: MemoryContext): PendingCardSimulation {
  const { provider } = context;

  return {
    async provisionPendingCard(input) {
      const parsed = parseInput(provisionSchema, input, 'simulate.provisionPendingCard', provider);
      return runStaged(context, () => {
        const bin = selectBin(context.bins, { network: parsed.network });
        if (bin === undefined) {
          throw new NotFoundError(`simulate.provisionPendingCard: no ${parsed.network} BIN at ${provider}`, {
            provider,
          });
        }
        const card = createCardRecord(context, { bin, status: 'pending', balance: 0 });
        context.events.stage('card.created', card.view);
        return card.view;
      });
    },
  };
}
