import { InvalidRequestError } from '../errors/invalid-request-error.js';

/** How long a key is remembered, as providers document for their idempotency keys. */
const retentionMs = 24 * 60 * 60 * 1000;
/** Beyond this many remembered calls the oldest are forgotten, so a long simulator run stays bounded. */
const maximumEntries = 100_000;

interface Entry {
  readonly fingerprint: string;
  readonly result: unknown;
  readonly storedAt: number;
}

/**
 * Remembers the outcome of each successful mutating call by (operation, idempotency key), so a repeat replays it
 * instead of acting twice. A failed call is not remembered: it changed nothing, so repeating it is safe.
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
