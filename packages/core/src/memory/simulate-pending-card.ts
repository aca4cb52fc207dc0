import { z } from 'zod';
import type { Card } from '../domain/card.js';
import { selectBin } from '../domain/select-bin.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { parseInput } from '../validation/parse-input.js';
import { createCardRecord } from './card-record.js';
import { type MemoryContext, runStaged } from './memory-context.js';

/** A card the provider issued but has not yet activated. */
export interface PendingCardSimulation {
  /** A card in status `pending` (CryptoCardy's `pending_top_up`) with no balance; funding it activates it. */
  provisionPendingCard(input?: { readonly network?: string | undefined }): Promise<Card>;
}

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
