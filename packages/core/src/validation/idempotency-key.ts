import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { lazySchema } from './lazy-schema.js';
import { z } from './zod.js';

/** The longest idempotency key accepted. */
export const maximumIdempotencyKeyLength = 255;

const rule = `must be 1–${maximumIdempotencyKeyLength} visible ASCII characters`;

/**
 * The one rule for an idempotency key, wherever it is given: 1–255 visible ASCII characters (`!` to `~`), since it
 * travels as is in the `X-Idempotency-Key` header. Every issuer (the pipeline, the REST adapters, the in-memory issuer)
 * checks it through `assertRequestOptions`, so a key one issuer accepts is never refused by another.
 */
export const idempotencyKeySchema = lazySchema(() =>
  z.string({ error: rule }).regex(new RegExp(`^[\\x21-\\x7e]{1,${maximumIdempotencyKeyLength}}$`), rule),
);

/** Checks a caller's idempotency key before any I/O: `InvalidRequestError` naming the field and the rule. */
export function assertIdempotencyKey(key: unknown, operation: string, provider?: string): string {
  const result = idempotencyKeySchema.safeParse(key);
  if (result.success) return result.data;
  throw new InvalidRequestError(`${operation}: idempotencyKey ${rule}`, {
    provider,
    issues: [{ field: 'idempotencyKey', rule }],
  });
}
