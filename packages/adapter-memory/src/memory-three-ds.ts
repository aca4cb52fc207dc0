import { ThreeDSChallenge } from '@cardgw/core';
import {
  assertFiltersSupported,
  parseInput,
  type ThreeDSResource,
  type ThreeDSStatus,
  threeDSListSchema,
} from '@cardgw/core/provider-utils';
import { assertOwnId, beginCall, lookup, type MemoryContext, parseId, runRead } from './memory-context.js';
import { filterObject, listFromMemory, newestFirst, selectionOf } from './memory-list.js';
import type { ChallengeRecord } from './memory-state.js';

export function createMemoryThreeDS(context: MemoryContext): ThreeDSResource {
  const { provider, state } = context;
  return {
    list(filters, options) {
      return listFromMemory(context, 'threeDS.list', options, () => {
        assertFiltersSupported(
          provider,
          'threeDS.list',
          context.capabilities.threeDSListFilters,
          filterObject(filters),
        );
        const parsed = parseInput(threeDSListSchema, filters, 'threeDS.list', provider);
        if (parsed.cardId !== undefined) assertOwnId(context, parsed.cardId, 'threeDS.list', 'cardId');
        return {
          page: 1,
          perPage: 'all',
          select: () => {
            const now = context.clock.now();
            return selectionOf(
              [...state.challenges.values()]
                .filter(
                  (challenge) =>
                    (parsed.cardId === undefined || challenge.card.id === parsed.cardId) &&
                    (parsed.status === undefined || statusOf(challenge, now) === parsed.status),
                )
                .sort(newestFirst)
                .map((challenge) => challengeOf(context, challenge)),
            );
          },
        };
      });
    },

    async get(challengeId, options) {
      beginCall(context, 'threeDS.get', options);
      const id = parseId(context, challengeId, 'threeDS.get', 'challengeId');
      return runRead(context, 'threeDS.get', options, () =>
        challengeOf(context, lookup(context, state.challenges, id, '3DS challenge', 'threeDS.get')),
      );
    },
  };
}

/** Expiry is computed from the clock: a pending challenge past its `expiresAt` reads as expired. */
export function statusOf(challenge: ChallengeRecord, now: number): ThreeDSStatus {
  if (challenge.completed) return 'completed';
  return now > challenge.expiresAt ? 'expired' : 'pending';
}

export function challengeOf(context: MemoryContext, challenge: ChallengeRecord): ThreeDSChallenge {
  return new ThreeDSChallenge({
    id: challenge.id,
    provider: context.provider,
    providerId: challenge.providerId,
    cardId: challenge.card.id,
    merchant: challenge.merchant,
    amount: challenge.amount,
    otp: challenge.otp,
    status: statusOf(challenge, context.clock.now()),
    expiresAt: new Date(challenge.expiresAt).toISOString(),
    createdAt: new Date(challenge.createdAt).toISOString(),
  });
}
