import { InvalidRequestError } from '@cardgw/core';
import { parseInput } from '@cardgw/core/provider-utils';
import { z } from 'zod';
import {
  assertNotTerminated,
  lookup,
  lookupCard,
  type MemoryContext,
  money,
  nextId,
  parseId,
  runStaged,
} from './memory-context.js';
import type { MemorySimulation } from './memory-simulation.js';
import { challengeOf, statusOf } from './memory-three-ds.js';
import { amountSchema, nameSchema } from './simulation-schemas.js';

/** A merchant asking for 3-D Secure, and the cardholder answering with the one-time password. */
export type ThreeDSSimulation = Pick<MemorySimulation, 'threeDSChallenge' | 'completeThreeDS'>;

const otpLifetimeMs = 5 * 60 * 1000;

const challengeSchema = z.strictObject({ merchant: nameSchema, amount: amountSchema });
const otpSchema = z.string({ error: 'must be a string' }).max(64);

/** `simulate.threeDSChallenge` and `simulate.completeThreeDS` over the issuer's state. */
export function createThreeDSSimulation(context: MemoryContext): ThreeDSSimulation {
  const { provider, state, clock } = context;

  return {
    async threeDSChallenge(cardId, input) {
      const id = parseId(context, cardId, 'simulate.threeDSChallenge', 'cardId');
      const parsed = parseInput(challengeSchema, input, 'simulate.threeDSChallenge', provider);
      return runStaged(context, () => {
        const card = lookupCard(context, id, 'simulate.threeDSChallenge');
        assertNotTerminated(context, card, 'simulate.threeDSChallenge');
        const { id: challengeId, providerId, sequence } = nextId(context, 'threeDS');
        const now = clock.now();
        const record = {
          sequence,
          id: challengeId,
          providerId,
          card,
          merchant: parsed.merchant,
          amount: money(parsed.amount.amount),
          otp: context.random.digits(`otp:${providerId}`, 6),
          createdAt: now,
          expiresAt: now + otpLifetimeMs,
          completed: false,
        };
        state.challenges.set(challengeId, record);
        const challenge = challengeOf(context, record);
        context.events.stage('3ds.challenge', challenge);
        return challenge;
      });
    },

    async completeThreeDS(challengeId, otp) {
      const id = parseId(context, challengeId, 'simulate.completeThreeDS', 'challengeId');
      const given = parseInput(otpSchema, otp, 'simulate.completeThreeDS', provider);
      return runStaged(context, () => {
        const challenge = lookup(context, state.challenges, id, '3DS challenge', 'simulate.completeThreeDS');
        const status = statusOf(challenge, clock.now());
        if (status !== 'pending') {
          throw new InvalidRequestError(`simulate.completeThreeDS: challenge ${id} is ${status}`, {
            code: status === 'expired' ? 'challenge_expired' : 'challenge_not_pending',
            provider,
          });
        }
        if (given !== challenge.otp) {
          // The OTP itself is never echoed.
          throw new InvalidRequestError(`simulate.completeThreeDS: wrong OTP for challenge ${id}`, {
            code: 'invalid_otp',
            provider,
          });
        }
        challenge.completed = true;
        return challengeOf(context, challenge);
      });
    },
  };
}
