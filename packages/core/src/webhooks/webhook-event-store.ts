import { ConfigError } from '../errors/config-error.js';

/**
 * What `WebhookEventStore.claim` found: `claimed` (the caller now processes the event), `processing` (another
 * delivery of it is being processed right now) or `done` (it was processed already: a redelivery).
 */
export type WebhookEventClaim = 'claimed' | 'processing' | 'done';

/**
 * Remembers which events are being processed and which were, so a redelivery (same event id) is processed once and
 * a redelivery that arrives mid-processing is asked to come back rather than acknowledged (the first attempt may still
 * fail). Several processes share `createRedisWebhookEventStore`; over a database table: `claim` inserts the id as
 * processing with a lease (or reads its state), `complete` marks it done with an expiry, `release` deletes it.
 */
export interface WebhookEventStore {
  /**
   * Atomically claims an event id for processing. A `processing` claim should lapse after a lease (a few minutes),
   * so that a process that died or hung mid-processing does not block the event's redeliveries for ever.
   */
  claim(eventId: string): Promise<WebhookEventClaim>;
  /** Marks a claimed event processed: from now on `claim` answers `done` (for as long as the store remembers). */
  complete(eventId: string): Promise<void>;
  /** Gives a claim back when processing failed, so the provider's redelivery is processed. */
  release(eventId: string): Promise<void>;
}

/** Options of `createMemoryWebhookEventStore`: how many event ids it remembers, and for how long. */
export interface MemoryWebhookEventStoreOptions {
  /**
   * The most ids kept; past it the oldest is forgotten (a redelivery that late would be processed again).
   * @default 10_000
   */
  readonly maxEntries?: number | undefined;
  /** How long a processed event is remembered; providers redeliver within hours. @default 86_400_000 (24 hours) */
  readonly ttlMs?: number | undefined;
  /**
   * How long a claim stays `processing` before a redelivery may take it over (its `onEvent` hung). Longer than the
   * slowest `onEvent`: a takeover while the first is still running processes the event twice.
   * @default 300_000 (5 minutes)
   */
  readonly processingTimeoutMs?: number | undefined;
  /** The clock, for tests. @default Date.now */
  readonly now?: (() => number) | undefined;
}

interface Entry {
  readonly state: 'processing' | 'done';
  readonly expiresAt: number;
}

/** A bounded in-process store: enough for one process; use a shared store behind several. */
export function createMemoryWebhookEventStore(options: MemoryWebhookEventStoreOptions = {}): WebhookEventStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const processingTimeoutMs = options.processingTimeoutMs ?? 5 * 60 * 1000;
  const now = options.now ?? Date.now;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new ConfigError('maxEntries must be a positive integer', { option: 'maxEntries' });
  }
  for (const [option, value] of [
    ['ttlMs', ttlMs],
    ['processingTimeoutMs', processingTimeoutMs],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new ConfigError(`${option} must be a positive number of milliseconds`, { option });
    }
  }
  // Every write re-inserts, so insertion order is write order: the oldest entry is first, and with one lifetime per
  // state the expired ones are mostly at the front. Sweeping the front is housekeeping only; `claim` checks expiry.
  const entries = new Map<string, Entry>();

  const forgetExpired = (time: number) => {
    for (const [eventId, entry] of entries) {
      if (entry.expiresAt > time) break;
      entries.delete(eventId);
    }
  };

  const write = (eventId: string, entry: Entry) => {
    entries.delete(eventId);
    while (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
    entries.set(eventId, entry);
  };

  return {
    async claim(eventId) {
      const time = now();
      forgetExpired(time);
      const entry = entries.get(eventId);
      if (entry !== undefined && entry.expiresAt > time) return entry.state;
      write(eventId, { state: 'processing', expiresAt: time + processingTimeoutMs });
      return 'claimed';
    },
    async complete(eventId) {
      write(eventId, { state: 'done', expiresAt: now() + ttlMs });
    },
    async release(eventId) {
      entries.delete(eventId);
    },
  };
}
