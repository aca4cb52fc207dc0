import { pastDeadlineError } from './limiter-errors.js';
import type { Waiter, WaiterQueue } from './local-waiter-queue.js';
import type { RuleWindow } from './rule-window.js';

// The in-process limiter's scheduling rule, apart from its bookkeeping: when a queued call may go, when one that must
// wait can no longer make its deadline, and when the queue next needs waking. `local-rate-limiter.ts` runs a pass after
// every change (a call queued, aborted or completed, a pause, the timer).

/** What a pass works on: the queue, and the limiter's own ways to grant slots and to take a waiter out. */
export interface AdmissionParts {
  readonly queue: WaiterQueue;
  readonly grant: (windows: readonly RuleWindow[], now: number, holdMs: number) => (() => void) | undefined;
  /** Takes a waiter out of the queue; false when it had already been settled. */
  readonly settle: (waiter: Waiter) => boolean;
}

/**
 * When a new call could be admitted at the earliest, counting the calls already queued on each of its rules, and the
 * rule that sets that time (undefined when none delays it).
 */
export function estimateAdmission(
  windows: readonly RuleWindow[],
  names: readonly string[],
  queue: WaiterQueue,
  now: number,
): { readonly estimate: number; readonly limitedBy: string | undefined } {
  let estimate = now;
  let limitedBy: string | undefined;
  for (let index = 0; index < windows.length; index++) {
    const name = names[index]!;
    const slot = windows[index]!.slotTime(queue.waitingOn(name), now);
    if (slot > estimate) {
      estimate = slot;
      limitedBy = name;
    }
  }
  return { estimate, limitedBy };
}

/**
 * Admits every queued call that can go now, in arrival order, refuses those that can no longer make their deadline,
 * and returns the next moment something can change (epoch ms; Infinity when nothing waits on time).
 *
 * `claims` holds, per rule, the earliest admission time of an earlier call still waiting on it: a later call may
 * take that rule's slot only if the rule still has room for the earlier call by then. A rule is "closed" once no
 * later call can take it in this pass; when every queued rule is closed the pass stops early (O(1) for one busy
 * rule set, however long the queue).
 */
export function runAdmissionPass(parts: AdmissionParts, now: number): number {
  expirePastDeadlines(parts, now);
  const claims = new Map<string, number>();
  const closed = new Set<string>();
  let wake = Number.POSITIVE_INFINITY;
  for (let waiter = parts.queue.head; waiter; ) {
    const next = waiter.next;
    const { windows, names } = waiter;
    let earliest = now;
    let limitedBy: string | undefined;
    let blocked = false;
    for (let index = 0; index < windows.length; index++) {
      const window = windows[index]!;
      const name = names[index]!;
      const slot = window.slotTime(0, now);
      // On a tie the rule named when the call queued keeps the blame.
      if (slot > earliest || (slot === earliest && slot > now && name === waiter.limitedBy)) {
        earliest = slot;
        limitedBy = name;
      }
      const claim = claims.get(name);
      if (claim !== undefined && (closed.has(name) || window.slotTime(1, now) > claim)) blocked = true;
    }
    if (earliest <= now && !blocked) {
      const complete = parts.grant(windows, now, waiter.holdMs);
      parts.settle(waiter);
      const waitedMs = now - waiter.enqueuedAt;
      waiter.resolve(
        complete === undefined
          ? { waitedMs, limitedBy: waiter.limitedBy }
          : { waitedMs, limitedBy: waiter.limitedBy, complete },
      );
    } else if (earliest > waiter.deadline) {
      parts.settle(waiter);
      waiter.reject(pastDeadlineError(limitedBy, earliest - now));
    } else {
      if (limitedBy !== undefined) waiter.limitedBy = limitedBy;
      if (earliest > now && earliest < wake) wake = earliest;
      for (let index = 0; index < windows.length; index++) {
        const window = windows[index]!;
        const name = names[index]!;
        const claim = Math.min(claims.get(name) ?? Number.POSITIVE_INFINITY, earliest);
        claims.set(name, claim);
        const ready = window.slotTime(0, now);
        if (ready > now && ready < wake) wake = ready;
        if (ready > now || window.slotTime(1, now) > claim) closed.add(name);
      }
      if (closed.size >= parts.queue.ruleCount) break;
    }
    waiter = next;
  }
  const nextDeadline = parts.queue.peekDeadline()?.deadline;
  return nextDeadline !== undefined && nextDeadline < wake ? nextDeadline : wake;
}

/** Refuses the waiters whose deadline has passed, earliest first, with how long they would still have waited. */
function expirePastDeadlines(parts: AdmissionParts, now: number): void {
  const { queue } = parts;
  // Strictly past: a call whose slot comes exactly at its deadline is still admitted by the pass that follows.
  for (let top = queue.peekDeadline(); top && (top.settled || top.deadline < now); top = queue.peekDeadline()) {
    queue.popDeadline();
    if (top.settled) continue;
    let earliest = now;
    for (const window of top.windows) earliest = Math.max(earliest, window.slotTime(0, now));
    parts.settle(top);
    top.reject(pastDeadlineError(top.limitedBy, earliest - now));
  }
}
