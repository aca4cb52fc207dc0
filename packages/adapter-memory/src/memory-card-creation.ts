import { type Bin, NotFoundError } from '@cardgw/core';
import {
  type CardsResource,
  createCardSchema,
  describeCriteria,
  parseCallInput,
  selectBin,
} from '@cardgw/core/provider-utils';
import { projectCard } from './card-projection.js';
import { createCardRecord } from './card-record.js';
import { assertWalletHolds } from './memory-card-funding.js';
import { assertOwnId, beginCall, type MemoryContext, runMutation } from './memory-context.js';

/** A card issued from the wallet, on a BIN chosen by id or by criteria. */
export type MemoryCardCreation = Pick<CardsResource, 'create'>;

/** `cards.create` over the issuer's state. */
export function createMemoryCardCreation(context: MemoryContext): MemoryCardCreation {
  const { provider, state } = context;

  return {
    async create(input, options) {
      beginCall(context, 'cards.create', options);
      const parsed = parseCallInput(createCardSchema, input, options, 'cards.create', provider);
      if (parsed.binId?.includes(':')) assertOwnId(context, parsed.binId, 'cards.create', 'binId');
      // As an adapter does: BIN criteria are resolved before the request (no match: a NotFoundError that never
      // reached the provider), and the request names the BIN by its own id, so the same BIN given by criteria or by
      // id (qualified or not) is the same request for its idempotency key.
      const chosen = parsed.binId === undefined ? binByCriteria(context, parsed.bin) : undefined;
      const binId = chosen?.providerId ?? ownBinId(parsed.binId ?? '');
      const { bin: _criteria, binId: _given, ...fields } = parsed;
      // `0` on the wire disables auto-freeze, as the adapters read it back: stored as `null`.
      const autoFreezeAt = fields.autoFreezeAt?.amount === 0 ? undefined : fields.autoFreezeAt?.amount;
      const request = { ...fields, binId };
      return runMutation(context, 'cards.create', options, request, () => {
        const bin = chosen ?? binById(context, binId);
        const amount = parsed.amount.amount;
        assertWalletHolds(context, amount, 'cards.create');
        const card = createCardRecord(context, {
          bin,
          status: 'active',
          balance: amount,
          spendingLimit: parsed.spendingLimit?.amount,
          label: parsed.label,
          allowedCategories: parsed.allowedCategories,
          autoFreezeAt,
          metadata: parsed.metadata,
        });
        state.walletBalance -= amount;
        // The event carries the card as the creation answers it (the page shows no event payload).
        const created = projectCard(card.view, context.cardFields.created);
        context.events.stage('card.created', created);
        return created;
      });
    },
  };
}

/** `491653` from `memory:491653` (already checked to be this provider's) or `491653`. */
function ownBinId(binId: string): string {
  return binId.slice(binId.indexOf(':') + 1);
}

/** A BIN by its provider id (`491653`): the provider answers 404 when it has none. */
function binById(context: MemoryContext, providerId: string): Bin {
  const bin = context.bins.find((bin) => bin.providerId === providerId);
  if (bin === undefined) {
    throw new NotFoundError(`cards.create: ${context.provider} has no BIN ${providerId}`, {
      provider: context.provider,
      status: 404,
    });
  }
  return bin;
}

/** The BIN criteria choose, on the caller's side (no `status`: nothing was asked of the provider), as adapters do. */
function binByCriteria(context: MemoryContext, criteria: Parameters<typeof selectBin>[1]): Bin {
  const bin = selectBin(context.bins, criteria);
  if (bin === undefined) {
    throw new NotFoundError(
      `cards.create: no BIN of ${context.provider} matches ${describeCriteria(criteria)}${noUsesHint(context, criteria)}`,
      { provider: context.provider },
    );
  }
  return bin;
}

/**
 * When the criteria ask for uses and none of this issuer's BINs lists any (the neutral defaults), say how to get a
 * provider's BINs: a test written before the defaults became neutral asked for `meta_ads` and got it.
 */
function noUsesHint(context: MemoryContext, criteria: Parameters<typeof selectBin>[1]): string {
  if ((criteria.bestFor ?? []).length === 0 || context.bins.some((bin) => bin.bestFor.length > 0)) return '';
  return " (this issuer's BINs list no bestFor uses: the defaults belong to no provider; pass your provider's profile, exported by its adapter's /testing subpath, or `bins`)";
}
