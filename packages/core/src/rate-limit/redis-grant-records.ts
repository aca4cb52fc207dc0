import type { RedisRuleKeys } from './redis-script-protocol.js';
import { heldMarginShift } from './rule-window.js';
import type { RateLimitRule } from './types.js';

// What this process remembers of its own grants, and how it writes them back: kept apart from the ledger that holds
// them so the replay's wire format (see `replayScript`) reads in one place.

/**
 * A grant of this process still inside a window, made through Redis or by the local fallback while Redis was away.
 * When Redis answers again after a failure, every one is written back under its own member (idempotent if Redis kept
 * it, restored if Redis restarted empty), so the shared log holds exactly the grants made.
 */
export interface GrantRecord {
  /** Local epoch ms its window starts at: its release, or its completion once `completed`. */
  at: number;
  readonly rules: readonly RateLimitRule[];
  readonly member: string;
  /** Local epoch ms its hold runs out (equal to `at` when it has none). */
  readonly holdUntil: number;
  completed: boolean;
}

/** A grant in Redis that needs fixing once Redis answers: its acquire was given up on, or its completion was lost. */
export interface PendingFix {
  readonly member: string;
  readonly logs: readonly string[];
  /** Local epoch ms after which the fix no longer matters (the entry has left every window by then). */
  readonly until: number;
}

/** A grant of `rules` made at local time `at`, held for `holdMs` (0: its window starts at once). */
export function grantRecord(rules: readonly RateLimitRule[], member: string, at: number, holdMs: number): GrantRecord {
  return { at, rules, member, holdUntil: at + holdMs, completed: holdMs === 0 };
}

/** How long a rule's log keeps an entry: its window plus the safety margin. */
export function spanOf(rule: RateLimitRule, marginMs: number): number {
  return rule.windowMs + marginMs;
}

/** How long after its grant a call's entry can matter in Redis: its hold plus its longest span. */
export function longestHold(rules: readonly RateLimitRule[], holdMs: number, marginMs: number): number {
  let span = 0;
  for (const rule of rules) span = Math.max(span, spanOf(rule, marginMs));
  return holdMs + span;
}

/** Whether a grant still counts in one of its windows at local time `now`. */
export function isInWindow(grant: GrantRecord, now: number, marginMs: number): boolean {
  const heldFor = grant.completed ? 0 : grant.holdUntil - grant.at;
  return grant.rules.some((rule) => grant.at + heldFor > now - spanOf(rule, marginMs));
}

/** This process's grants that may still be inside a window, for a replay after an outage. */
export class RecentGrants {
  readonly #marginMs: number;
  #grants: GrantRecord[] = [];
  #limit = 1024;

  constructor(marginMs: number) {
    this.#marginMs = marginMs;
  }

  /** Keeps a grant for replay; a long run must not grow the list without bound: only grants inside a window matter. */
  add(record: GrantRecord): void {
    this.#grants.push(record);
    if (this.#grants.length >= this.#limit) {
      this.#grants = this.#grants.filter((grant) => isInWindow(grant, record.at, this.#marginMs));
      this.#limit = Math.max(1024, this.#grants.length * 2);
    }
  }

  /** The grants still inside a window at local time `now`. */
  inWindow(now: number): GrantRecord[] {
    return this.#grants.filter((grant) => isInWindow(grant, now, this.#marginMs));
  }
}

/** What one `replayScript` call changes in one log. */
interface LogChanges {
  ttl: number;
  readonly entries: (string | number)[];
  readonly removed: string[];
  readonly completed: string[];
}

/**
 * `replayScript`'s KEYS and ARGV: the grants to write (scored in Redis time: local time plus `offsetMs`), the members
 * to remove (acquire calls given up on) and the held grants to complete, grouped per log.
 */
export function replayCommand(
  keys: RedisRuleKeys,
  marginMs: number,
  offsetMs: number,
  fixes: { batch: readonly GrantRecord[]; abandoned: readonly PendingFix[]; uncompleted: readonly PendingFix[] },
): { readonly logs: string[]; readonly args: (string | number)[] } {
  const perLog = new Map<string, LogChanges>();
  const changesOf = (log: string): LogChanges => {
    let changes = perLog.get(log);
    if (!changes) {
      changes = { ttl: 0, entries: [], removed: [], completed: [] };
      perLog.set(log, changes);
    }
    return changes;
  };
  for (const grant of fixes.batch) {
    // A grant still held is written as held (scored at its hold's end), and completed there later; a completed held
    // grant keeps only the held margin.
    const score = !grant.completed
      ? grant.holdUntil
      : grant.holdUntil > grant.at
        ? grant.at - heldMarginShift(marginMs)
        : grant.at;
    for (const rule of grant.rules) {
      const changes = changesOf(keys.log(rule.name));
      changes.ttl = Math.max(changes.ttl, Math.ceil(spanOf(rule, marginMs) + (grant.holdUntil - grant.at)));
      changes.entries.push(String(score + offsetMs), grant.member);
    }
  }
  for (const fix of fixes.abandoned) for (const log of fix.logs) changesOf(log).removed.push(fix.member);
  for (const fix of fixes.uncompleted) for (const log of fix.logs) changesOf(log).completed.push(fix.member);
  const args: (string | number)[] = [];
  for (const { ttl, entries, removed, completed } of perLog.values()) {
    args.push(ttl, entries.length / 2, ...entries, removed.length, ...removed, completed.length, ...completed);
  }
  return { logs: [...perLog.keys()], args };
}
