import { ConfigError } from '../errors/config-error.js';

/**
 * Remembers which events were processed, so a redelivery (same event id) is processed once. Implement it over Redis
 * or a database table (an atomic `SET NX` / unique insert) when several processes receive webhooks.
 */
export interface WebhookEventStore {
  /** Claims an event id: `true` the first time (process it), `false` when already claimed (a redelivery). */
  claim(eventId: string): Promise<boolean>;
  /** Gives a claim back when processing failed, so the provider's redelivery is processed. */
  release(eventId: string): Promise<void>;
}

export interface MemoryWebhookEventStoreOptions {
  /**
   * The most ids kept; past it the oldest claim is forgotten (a redelivery that late would be processed again).
   * @default 10_000
   */
  readonly maxEntries?: number | undefined;
  /** How long a claim is remembered; providers redeliver within hours. @default 86_400_000 (24 hours) */
  readonly ttlMs?: number | undefined;
  /** The clock, for tests. @default Date.now */
  readonly now?: (() => number) | undefined;
}

/** A bounded in-process store: enough for one process; use a shared store behind several. */
export function createMemoryWebhookEventStore(options: MemoryWebhookEventStoreOptions = {}): WebhookEventStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new ConfigError('maxEntries must be a positive integer', { option: 'maxEntries' });
  }
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new ConfigError('ttlMs must be a positive number of milliseconds', { option: 'ttlMs' });
  }
  // Insertion order is expiry order (one ttl for all, a re-claim re-inserts), so expired ids are always at the front.
  const expiries = new Map<string, number>();

  const forgetExpired = (time: number) => {
    for (const [eventId, expiresAt] of expiries) {
      if (expiresAt > time) break;
      expiries.delete(eventId);
    }
  };

  return {
    async claim(eventId) {
      const time = now();
      forgetExpired(time);
      if (expiries.has(eventId)) return false;
      while (expiries.size >= maxEntries) {
        const oldest = expiries.keys().next();
        if (oldest.done) break;
        expiries.delete(oldest.value);
      }
      expiries.set(eventId, time + ttlMs);
      return true;
    },
    async release(eventId) {
      expiries.delete(eventId);
    },
  };
}
