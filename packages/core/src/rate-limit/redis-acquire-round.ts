import { grantRecord, longestHold } from './redis-grant-records.js';
import { armDeadline, type Lane, settle, type Waiter } from './redis-lanes.js';
import type { RedisLimiterParts } from './redis-limiter-parts.js';
import { type AcquireReply, acquireArguments, maxBatch, parseAcquireReply } from './redis-script-protocol.js';
import { acquireScript } from './redis-scripts.js';

// One round trip of the acquire protocol: the first call of a lane asks Redis for itself and for the calls behind it
// that hold their slots as long, and Redis records all of the first k in every rule's log, or none.

/** What a round that admitted nobody tells the loop: how long until a slot may free, and which rule made it wait. */
export interface Refusal {
  /** Milliseconds, from Redis's answer. */
  readonly waitMs: number;
  readonly limitedBy: string | undefined;
}

/**
 * Asks Redis for a slot for `head` (and the batch behind it), resolving the calls admitted. Resolves a `Refusal`
 * when they must wait, `undefined` when the round is over: calls admitted, or Redis failed (marked down).
 */
export async function acquireRound(
  parts: RedisLimiterParts,
  lane: Lane,
  head: Waiter,
  now: number,
): Promise<Refusal | undefined> {
  const { settings, keys, ledger } = parts;
  armDeadline(head, now, settings.commandTimeoutMs);
  const batch = batchBehind(lane, head, now);
  let reply: AcquireReply;
  const base = ledger.member();
  const members = batch.map((_, index) => `${base}#${index + 1}`);
  try {
    if (ledger.needsFlush()) await ledger.flush();
    const args = acquireArguments(base, settings.marginMs, head.rules, head.holdMs, batch.length);
    reply = parseAcquireReply(await parts.run(acquireScript, keys.acquireKeys(head.rules), args), batch.length);
  } catch (error) {
    // The command may still run when Redis answers again (a client's offline queue replays it): undo it then.
    ledger.abandon(members, keys.logs(head.rules), now + longestHold(head.rules, head.holdMs, settings.marginMs));
    parts.availability.markDown(error);
    return undefined;
  } finally {
    clearTimeout(head.deadlineTimer);
  }
  if (reply.admitted === 0) {
    return { waitMs: reply.value, limitedBy: head.rules[reply.ruleIndex - 1]?.name ?? head.limitedBy };
  }
  admit(parts, batch, members, reply);
  return undefined;
}

/** The head and the calls behind it that hold their slots as long: one round trip may admit them all. */
function batchBehind(lane: Lane, head: Waiter, now: number): Waiter[] {
  const batch = [head];
  for (const waiter of lane.waiters) {
    if (batch.length >= maxBatch) break;
    if (waiter !== head && waiter.holdMs === head.holdMs && waiter.deadline >= now) batch.push(waiter);
  }
  return batch;
}

/** Records and resolves the first `reply.admitted` calls of the batch, mirrored in the local fallback. */
function admit(parts: RedisLimiterParts, batch: readonly Waiter[], members: readonly string[], reply: AcquireReply) {
  const { settings, ledger, fallback } = parts;
  const grantedAt = settings.clock();
  ledger.offset.measure(reply.value, grantedAt);
  for (let index = 0; index < reply.admitted; index++) {
    const waiter = batch[index]!;
    const record = grantRecord(waiter.rules, members[index]!, grantedAt, waiter.holdMs);
    ledger.addRedisGrant(record);
    const mirrorComplete = fallback.mirror(waiter.rules, grantedAt, waiter.holdMs);
    // An aborted call's slot is simply lost: nothing was sent, and over-counting is the safe side.
    if (!settle(waiter)) {
      mirrorComplete?.();
      continue;
    }
    const waitedMs = grantedAt - waiter.enqueuedAt;
    if (waiter.holdMs === 0) {
      waiter.resolve({ waitedMs, limitedBy: waiter.limitedBy });
      continue;
    }
    const relevantUntil = grantedAt + longestHold(waiter.rules, waiter.holdMs, settings.marginMs);
    waiter.resolve({
      waitedMs,
      limitedBy: waiter.limitedBy,
      complete: ledger.completion(record, relevantUntil, mirrorComplete),
    });
  }
}
