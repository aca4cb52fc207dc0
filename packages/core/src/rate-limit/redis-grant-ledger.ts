import { randomUUID } from 'node:crypto';
import type { RedisAvailability } from './redis-availability.js';
import { type GrantRecord, isInWindow, type PendingFix, RecentGrants, replayCommand } from './redis-grant-records.js';
import type { RedisLimiterSettings } from './redis-limiter-options.js';
import { RedisClockOffset, type RedisRuleKeys } from './redis-script-protocol.js';
import { completeScript, type RedisScript, replayScript } from './redis-scripts.js';
import { heldMarginShift } from './rule-window.js';

// The shared log must count exactly the grants made, through an outage too (docs/architecture.md, 9c): this process
// keeps its own grants, the acquire calls it gave up on and the completions it could not send, and writes them to
// Redis once it answers again.

/** Runs one of the limiter's scripts under the command timeout. */
export type ScriptRunner = (
  script: RedisScript,
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<unknown>;

export class GrantLedger {
  readonly #settings: RedisLimiterSettings;
  readonly #keys: RedisRuleKeys;
  readonly #availability: RedisAvailability;
  readonly #run: ScriptRunner;
  readonly #isClosed: () => boolean;
  /** Redis time minus local time: converts fallback grants to Redis scores. */
  readonly offset = new RedisClockOffset();
  /** Members are `<instance>:<sequence>`: unique across processes, so a replay is idempotent. */
  readonly #instance = randomUUID();
  #sequence = 0;
  /** Grants made by the fallback not yet written to Redis. */
  #outage: GrantRecord[] = [];
  /** Every grant of this process that may still be inside a window. */
  readonly #recent: RecentGrants;
  /** Grants in Redis: their completion goes to Redis directly. */
  readonly #flushed = new WeakSet<GrantRecord>();
  /** Members of acquire calls that failed or timed out: the command may still run late, and must be undone. */
  #abandoned: PendingFix[] = [];
  /** Held grants whose completion could not be sent: their window starts when Redis answers again. */
  #uncompleted: PendingFix[] = [];
  #flushing: Promise<void> | undefined;
  /** Whether the flush under way writes every recent grant (a probe's), or only the fallback's latest. */
  #flushingAll = false;

  constructor(
    settings: RedisLimiterSettings,
    keys: RedisRuleKeys,
    availability: RedisAvailability,
    run: ScriptRunner,
    isClosed: () => boolean,
  ) {
    this.#settings = settings;
    this.#keys = keys;
    this.#availability = availability;
    this.#run = run;
    this.#isClosed = isClosed;
    this.#recent = new RecentGrants(settings.marginMs);
  }

  /** A new member, unique to this process. */
  member(): string {
    return `${this.#instance}:${++this.#sequence}`;
  }

  /** A grant Redis made: already in the shared log. */
  addRedisGrant(record: GrantRecord): void {
    this.#recent.add(record);
    this.#flushed.add(record);
  }

  /** A grant the local fallback made: Redis learns of it when it answers again. */
  addOutageGrant(record: GrantRecord): void {
    this.#outage.push(record);
    this.#recent.add(record);
  }

  /** An acquire call given up on: the members it may still have recorded are removed once Redis answers. */
  abandon(members: readonly string[], logs: readonly string[], until: number): void {
    for (const member of members) this.#abandoned.push({ member, logs, until });
  }

  needsFlush(): boolean {
    return this.#outage.length > 0 || this.#abandoned.length > 0 || this.#uncompleted.length > 0;
  }

  /**
   * The `complete` of a held grant: starts its window in the local record, and in Redis when the grant is there (at
   * once, or once Redis answers again); a grant not yet written to Redis is written as completed.
   */
  completion(record: GrantRecord, relevantUntil: number, completeLocally?: () => void): () => void {
    return () => {
      if (record.completed || this.#isClosed()) return;
      record.completed = true;
      record.at = Math.min(this.#settings.clock(), record.holdUntil);
      completeLocally?.();
      if (!this.#flushed.has(record)) return;
      const logs = this.#keys.logs(record.rules);
      const member = record.member;
      const fix: PendingFix = { member, logs, until: relevantUntil };
      if (!this.#availability.up) {
        this.#uncompleted.push(fix);
        return;
      }
      this.#run(completeScript, logs, [member, heldMarginShift(this.#settings.marginMs)]).catch((error: unknown) => {
        this.#uncompleted.push(fix);
        this.#availability.markDown(error);
      });
    };
  }

  /**
   * Writes the grants made during an outage (those still inside a window) to Redis, in one script call per batch.
   * `probe`: back after a failure, so every recent grant is written again (Redis may have restarted empty).
   */
  flush(probe = false): Promise<void> {
    if (this.#flushing) {
      // A probe must write every recent grant: joining a smaller flush under way, it waits for it, then writes its own.
      if (probe && !this.#flushingAll) return this.#flushing.catch(() => {}).then(() => this.flush(true));
      return this.#flushing;
    }
    this.#flushingAll = probe;
    this.#flushing = (async () => {
      do {
        const now = this.#settings.clock();
        // Back after a failure: Redis may have restarted empty, so every recent grant is written again (its own
        // member makes that idempotent); otherwise only what the fallback granted meanwhile.
        const batch = probe ? this.#recent.inWindow(now) : this.#outage.filter((grant) => this.#inWindow(grant, now));
        const abandoned = this.#abandoned.filter((fix) => fix.until > now);
        const uncompleted = this.#uncompleted.filter((fix) => fix.until > now);
        this.#outage = [];
        this.#abandoned = [];
        this.#uncompleted = [];
        try {
          if (batch.length > 0 || abandoned.length > 0 || uncompleted.length > 0 || probe) {
            const { logs, args } = replayCommand(this.#keys, this.#settings.marginMs, this.offset.ms, {
              batch,
              abandoned,
              uncompleted,
            });
            await this.#run(replayScript, logs, args);
          }
          for (const grant of batch) this.#flushed.add(grant);
        } catch (error) {
          this.#outage = batch.concat(this.#outage);
          this.#abandoned = abandoned.concat(this.#abandoned);
          this.#uncompleted = uncompleted.concat(this.#uncompleted);
          throw error;
        }
      } while (this.needsFlush());
    })().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  #inWindow(grant: GrantRecord, now: number): boolean {
    return isInWindow(grant, now, this.#settings.marginMs);
  }
}
