import { maxTimerMs } from './duration-range.js';
import { idempotencyKeySchema } from './idempotency-key.js';
import { lazySchema } from './lazy-schema.js';
import { parseInput } from './parse-input.js';
import { z } from './zod.js';

/** The most retries a call may ask for, as the adapters' `maxRetries` option allows. */
const maximumRetries = 20;

/** Whether `value` is an `AbortSignal` (or behaves as one: `aborted`, `addEventListener`, `removeEventListener`). */
export const isAbortSignal = (value: unknown): value is AbortSignal =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AbortSignal).aborted === 'boolean' &&
  typeof (value as AbortSignal).addEventListener === 'function' &&
  typeof (value as AbortSignal).removeEventListener === 'function';

/**
 * The schema of a call's `RequestOptions`. Loose: unknown keys are ignored, as an options bag of a newer version may
 * carry more. Exported for `call-terms.ts` and for tests that count how often a call checks its options.
 * @internal
 */
export const requestOptionsSchema = lazySchema(() =>
  z.looseObject(
    {
      idempotencyKey: idempotencyKeySchema.optional(),
      signal: z.custom<AbortSignal>(isAbortSignal, { message: 'must be an AbortSignal' }).optional(),
      timeoutMs: z
        .number({ error: 'must be a number of milliseconds' })
        .positive('must be a positive number of milliseconds')
        .finite('must be a finite number of milliseconds')
        .max(maxTimerMs, 'must be at most 2147483647 milliseconds (2^31−1, the longest a timer holds)')
        .optional(),
      maxRetries: z
        .number({ error: 'must be a number' })
        .int('must be an integer')
        .min(0, `must be between 0 and ${maximumRetries}`)
        .max(maximumRetries, `must be between 0 and ${maximumRetries}`)
        .optional(),
    },
    { error: 'must be an object of request options ({ idempotencyKey, signal, timeoutMs, maxRetries })' },
  ),
);

/**
 * Checks a call's `RequestOptions` before any I/O: an idempotency key that is not 1–255 visible ASCII characters (on
 * every call, reads included), a signal that is not an `AbortSignal`, a deadline that is not 1 ms to 2^31−1 ms, a
 * retry count outside 0–20 are the caller's mistake (`InvalidRequestError`), never a `TypeError`
 * or a provider failure that failover would act on. `undefined` and `null` mean "no options".
 */
export function assertRequestOptions(options: unknown, operation: string, provider?: string): void {
  if (options === undefined || options === null) return;
  parseInput(requestOptionsSchema, options, operation, provider);
}
