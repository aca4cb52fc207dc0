import { createHash } from 'node:crypto';

/**
 * The first 16 hex digits of the key's SHA-256: enough to find one call's spans and logs again (the key itself is in
 * the hook events and in `AmbiguousOutcomeError`), without putting a replayable key into a tracing backend.
 */
export function hashIdempotencyKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
