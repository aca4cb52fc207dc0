/** The kinds of record the in-memory issuer numbers. */
export type IdKind = 'card' | 'transaction' | 'threeDS' | 'deposit' | 'webhook' | 'event';

/** `card_000001`, `txn_000001`, `3ds_000001`, `dep_000001`, `wh_000001`, `evt_000001`. */
export const defaultIdPrefixes: Readonly<Record<IdKind, string>> = Object.freeze({
  card: 'card_',
  transaction: 'txn_',
  threeDS: '3ds_',
  deposit: 'dep_',
  webhook: 'wh_',
  event: 'evt_',
});

/** Hands out the provider's own ids, sequential per kind: same calls in the same order, same ids. */
export interface IdSequence {
  next(kind: IdKind): string;
}

export function createIdSequence(prefixes: Partial<Record<IdKind, string>> = {}): IdSequence {
  const counters: Record<IdKind, number> = { card: 0, transaction: 0, threeDS: 0, deposit: 0, webhook: 0, event: 0 };
  return {
    next(kind) {
      counters[kind] += 1;
      return `${prefixes[kind] ?? defaultIdPrefixes[kind]}${String(counters[kind]).padStart(6, '0')}`;
    },
  };
}
