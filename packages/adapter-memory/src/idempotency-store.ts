import { InvalidRequestError } from '@cardgw/core';

/**
 * How long an idempotency key is remembered: 24 hours on the issuer's clock, by the in-memory issuer and the
 * simulators alike (one rule everywhere). Neither provider's page says how long it keeps keys (both only show the
 * `X-Idempotency-Key` header "for safe retries"), so the double promises no more than the industry's common window
 * (Stripe's 24 hours): a test that relies on a replay more than a day later fails here instead of in production.
 * Within the window a repeat with the same parameters replays the first outcome, forever after it acts again.
 */
export const idempotencyKeyRetentionMs = 24 * 60 * 60 * 1000;
const retentionMs = idempotencyKeyRetentionMs;
/** Beyond this many remembered calls the oldest are forgotten, so a long simulator run stays bounded. */
const maximumEntries = 100_000;

interface Entry {
  readonly fingerprint: string;
  readonly result: unknown;
  readonly storedAt: number;
}

/**
 * Remembers the outcome of each successful mutating call by (operation, idempotency key), so a repeat replays it
 * instead of acting twice. A failed call is not remembered: it changed nothing, so repeating it is safe. What counts as
 * "the same call" is the request as the provider receives it (the fingerprint the caller passes: BIN criteria
 * resolved to the BIN's id, object keys in any order); the same key with other parameters is refused with
 * `idempotency_key_reused` (400) for as long as the key is remembered.
 */
export interface IdempotencyStore {
  /** The earlier result of the same call, or `undefined`; throws when the key was used for a different call. */
  replay(operation: string, key: string, fingerprint: string, provider: string): { result: unknown } | undefined;
  remember(operation: string, key: string, fingerprint: string, result: unknown): void;
}

export function createIdempotencyStore(now: () => number): IdempotencyStore {
  const entries = new Map<string, Entry>();
  const forgetExpired = () => {
    const cutoff = now() - retentionMs;
    for (const [key, entry] of entries) {
      if (entry.storedAt >= cutoff && entries.size <= maximumEntries) break;
      entries.delete(key);
    }
  };
  return {
    replay(operation, key, fingerprint, provider) {
      const entry = entries.get(`${operation}\u0000${key}`);
      if (!entry || entry.storedAt < now() - retentionMs) return undefined;
      if (entry.fingerprint !== fingerprint) {
        throw new InvalidRequestError(
          `${operation}: this idempotency key was already used with different parameters; use a new key`,
          { code: 'idempotency_key_reused', provider },
        );
      }
      return { result: entry.result };
    },
    remember(operation, key, fingerprint, result) {
      const entryKey = `${operation}\u0000${key}`;
      entries.delete(entryKey); // re-inserted at the end: the map stays in storage order for forgetExpired
      entries.set(entryKey, { fingerprint, result, storedAt: now() });
      forgetExpired();
    },
  };
}
