import { ConfigError } from '../errors/config-error.js';
import {
  type CreationKeyClaim,
  type CreationKeyEntry,
  type CreationKeyLedger,
  defaultCreationKeyLeaseMs,
  defaultCreationKeyTtlMs,
} from './creation-key-ledger.js';

/** Options of `createMemoryCreationKeyLedger`: how long keys and claims are kept, in milliseconds. */
export interface MemoryCreationKeyLedgerOptions {
  /** How long a key is kept after its last change, in milliseconds. @default 86400000 (24 hours: see `defaultCreationKeyTtlMs`) */
  readonly ttlMs?: number | undefined;
  /** How long a claim holds a key without news from its holder, in milliseconds. @default 120000 */
  readonly leaseMs?: number | undefined;
  /** The most keys kept: past it the oldest are forgotten first (memory stays bounded). @default 100000 */
  readonly maxKeys?: number | undefined;
  /** Epoch milliseconds. @default Date.now */
  readonly clock?: (() => number) | undefined;
}

interface Record {
  state: CreationKeyEntry['state'];
  provider: string | undefined;
  holder: string | undefined;
  leaseUntil: number;
  expiresAt: number;
}

/**
 * The creation-key ledger of one process (the failover composite's default): a map with expiry, bounded to `maxKeys`.
 * It protects repeats and concurrent calls within the process; for several processes use `createRedisCreationKeyLedger`.
 * Throws `ConfigError` for a duration or size that is not a positive integer.
 */
export function createMemoryCreationKeyLedger(options: MemoryCreationKeyLedgerOptions = {}): CreationKeyLedger {
  const ttlMs = positiveInteger(options.ttlMs, defaultCreationKeyTtlMs, 'ttlMs');
  const leaseMs = positiveInteger(options.leaseMs, defaultCreationKeyLeaseMs, 'leaseMs');
  const maxKeys = positiveInteger(options.maxKeys, 100_000, 'maxKeys');
  const clock = options.clock ?? Date.now;
  // Insertion order is change order (a changed key is re-inserted): the first keys are the oldest.
  const records = new Map<string, Record>();

  const live = (key: string, now: number): Record | undefined => {
    const record = records.get(key);
    if (record && record.expiresAt <= now) {
      records.delete(key);
      return undefined;
    }
    return record;
  };
  const store = (key: string, record: Record) => {
    records.delete(key);
    records.set(key, record);
    while (records.size > maxKeys) {
      const oldest = records.keys().next().value;
      if (oldest === undefined) break;
      records.delete(oldest);
    }
  };
  const holds = (record: Record | undefined, holder: string) =>
    record !== undefined && record.state === 'in_flight' && record.holder === holder;

  return {
    async claim(key, holder): Promise<CreationKeyClaim> {
      const now = clock();
      const record = live(key, now);
      if (record === undefined || (record.state === 'in_flight' && record.leaseUntil <= now && !record.provider)) {
        store(key, {
          state: 'in_flight',
          provider: undefined,
          holder,
          leaseUntil: now + leaseMs,
          expiresAt: now + ttlMs,
        });
        return { claimed: true };
      }
      // A holder gone silent after sending: the key may have acted there.
      const state = record.state === 'in_flight' && record.leaseUntil <= now ? 'unknown' : record.state;
      return { claimed: false, entry: { state, provider: record.provider } };
    },
    async assign(key, holder, provider) {
      const now = clock();
      const record = live(key, now);
      if (!holds(record, holder) || record === undefined) return false;
      store(key, { ...record, provider, leaseUntil: now + leaseMs, expiresAt: now + ttlMs });
      return true;
    },
    async finish(key, holder, outcome) {
      const now = clock();
      const record = live(key, now);
      if (!holds(record, holder) || record === undefined) return;
      if (outcome === 'released' || record.provider === undefined) {
        records.delete(key);
        return;
      }
      store(key, { ...record, state: outcome, holder: undefined, expiresAt: now + ttlMs });
    },
  };
}

function positiveInteger(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ConfigError(`${option} must be a positive integer (milliseconds or a count)`, { option });
  }
  return value;
}
