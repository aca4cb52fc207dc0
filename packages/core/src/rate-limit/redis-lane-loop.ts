import { maxTimerMs } from '../validation/duration-range.js';
import { pastDeadlineError } from './limiter-errors.js';
import { acquireRound } from './redis-acquire-round.js';
import { type Lane, settle, sleepLane } from './redis-lanes.js';
import type { RedisLimiterParts } from './redis-limiter-parts.js';

// The wait between rounds: nobody behind a lane's first call can go before it, so one answer from Redis settles every
// call whose deadline it passes, and the lane sleeps (in chunks a timer can hold) until the first may ask again.

/** Serves one lane: only its first call talks to Redis; the others wait their turn. */
export async function drainLane(parts: RedisLimiterParts, lane: Lane): Promise<void> {
  const { settings, availability } = parts;
  lane.running = true;
  try {
    for (let head = lane.waiters[0]; head && !parts.isClosed(); head = lane.waiters[0]) {
      if (!availability.up) {
        parts.fallback.evacuate(lane);
        break;
      }
      const now = settings.clock();
      if (now > head.deadline) {
        if (settle(head)) head.reject(pastDeadlineError(head.limitedBy, 0));
        continue;
      }
      const refusal = await acquireRound(parts, lane, head, now);
      if (refusal === undefined) continue;
      const { waitMs, limitedBy } = refusal;
      const admitAt = settings.clock() + waitMs;
      // Nobody behind the first call can go before it: refuse now every call this wait carries past its deadline.
      for (const waiter of [...lane.waiters]) {
        if (waiter.deadline < admitAt) {
          if (settle(waiter)) waiter.reject(pastDeadlineError(limitedBy, admitAt - now));
        } else {
          waiter.limitedBy ??= limitedBy;
        }
      }
      // A pause or window past what a timer holds is slept in chunks: the loop asks Redis again after each.
      if (lane.waiters.length > 0) await sleepLane(lane, Math.min(waitMs, maxTimerMs));
    }
  } finally {
    lane.running = false;
    parts.lanes.release(lane);
  }
}
