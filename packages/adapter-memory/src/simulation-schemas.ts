import { z } from 'zod';

// The rules every simulated amount and name follows (purchases, refunds, 3-D Secure, deposits): the port's own rules
// with a ceiling of their own, since a simulation may move more than one card's limits.

/** $1,000,000,000.00: far beyond any real purchase or deposit, and a ledger of such amounts stays exact in cents. */
export const maximumSimulatedCents = 100_000_000_000;
/** The rule's wording when an amount is over `maximumSimulatedCents`. */
export const maximumRule = 'must be at most $1,000,000,000.00';

/** Positive `Money` in integer cents, at most `maximumSimulatedCents`. */
export const amountSchema = z.strictObject(
  {
    amount: z
      .number()
      .int('must be integer cents')
      .positive('must be more than $0.00')
      .max(maximumSimulatedCents, maximumRule),
    currency: z.literal('USD', { error: "must be 'USD'" }),
  },
  { error: "must be Money: { amount: <integer cents>, currency: 'USD' }" },
);
/** As `amountSchema`, $0.00 allowed (a fee). */
export const nonNegativeAmountSchema = amountSchema.extend({
  amount: z.number().int('must be integer cents').nonnegative().max(maximumSimulatedCents, maximumRule),
});
/** A merchant's name: 1 to 128 characters. */
export const nameSchema = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(128);
