/**
 * Where the failover composite records, for each creation's idempotency key (`cards.create` and `webhooks.create`),
 * which provider it was sent to, so that a repeat of the key, or a second call with it while the first is under way,
 * never reaches another provider (issue 13; docs/money-safety.md). One ledger per composite: in memory by default
 * (`createMemoryCreationKeyLedger`), or shared by every process using one Redis (`createRedisCreationKeyLedger`).
 *
 * A call CLAIMS its key before its first request, ASSIGNS it to each provider before sending there (so a crash or a
 * concurrent call sees where it may have acted), and FINISHES it when it ends. Keys are the composite's own:
 * `<operation>:<idempotency key>`.
 */
export interface CreationKeyLedger {
  /**
   * Takes the key for `holder` when nobody holds it (or its holder's lease ran out before it sent anything). Otherwise
   * answers what the ledger knows about it, and takes nothing.
   */
  claim(key: string, holder: string): Promise<CreationKeyClaim>;
  /**
   * Records, before any request, that `holder` sends the key to `provider`, and renews its lease. `false` when the
   * holder no longer holds the key (its lease ran out and another call took it): then nothing may be sent.
   */
  assign(key: string, holder: string, provider: string): Promise<boolean>;
  /**
   * Ends `holder`'s call: `succeeded` and `unknown` keep the provider the key was last assigned to until the entry
   * expires (a repeat goes there only); `released` forgets the key (nothing was done anywhere: a repeat may go
   * anywhere). A holder that no longer holds the key changes nothing.
   */
  finish(key: string, holder: string, outcome: 'succeeded' | 'unknown' | 'released'): Promise<void>;
}

/** What the ledger knows about a key it did not give to the caller. */
export interface CreationKeyEntry {
  /**
   * `in_flight`: a call holds the key; `succeeded`: it was served by `provider`; `unknown`: it may have acted at
   * `provider` (an ambiguous end, or a holder whose lease ran out after it sent).
   */
  readonly state: 'in_flight' | 'succeeded' | 'unknown';
  /** Where the key was (last) sent: a repeat goes there only. Undefined while a holder has not sent it yet. */
  readonly provider: string | undefined;
}

/** What `claim` answers: the key is now this caller's, or someone holds or held it already (its entry says where). */
export type CreationKeyClaim =
  | { readonly claimed: true }
  | { readonly claimed: false; readonly entry: CreationKeyEntry };

/**
 * How long the ledger keeps a key after its last change: 24 hours, Stripe's documented idempotency window ("keys are
 * eligible to be removed … after they're at least 24 hours old"), which job queues' retry schedules are built around.
 * A repeat after that is a new call (and the provider may well have forgotten the key too).
 */
export const defaultCreationKeyTtlMs = 24 * 60 * 60 * 1000;

/**
 * How long a claim holds a key without news from its holder (each `assign` renews it): 2 minutes, longer than a call
 * at the adapters' defaults (a 30 s deadline per provider tried). A holder that crashed before sending anything frees
 * its key after this; one that had sent it leaves it with that provider (`unknown`), never free.
 */
export const defaultCreationKeyLeaseMs = 2 * 60 * 1000;
