import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeThrown } from './support/chaos-calls.js';
import { type ChaosSchedule, chaosScheduleArbitrary, describeSchedule } from './support/chaos-schedule.js';
import { type ChaosWorld, startChaosWorld } from './support/chaos-world.js';
import { runSchedule, type ScheduleRun } from './support/run-schedule.js';

// Randomized fault schedules against both simulators through the whole stack (the PrivCards and CryptoCardy adapters
// behind the failover composite, over real HTTP on 127.0.0.1, each simulator behind a fault proxy, the creation-key
// ledger on a real redis-server), checking after every schedule that no card was issued twice, no funding applied
// twice, money was conserved at each provider, every failure was a CardGatewayError, no promise rejection went
// unhandled and nothing hung. Faults: the simulators' own (latency, refused connections, resets, commits without an
// answer, 429s, 5xx before executing), 500/502/503/504/403 answered by the proxy after the provider committed (JSON,
// HTML or empty), 2–10 callers with one key at once, one key through a replica sharing the Redis ledger, and that
// Redis killed and started again on its append-only file (docs/money-safety.md: the ledger's Redis must persist).
// Webhooks: two real receiver processes (the library's handler and Redis event store, on the same Redis) get signed
// deliveries in the background of each schedule — one event to one, the same delivery to both at once, redeliveries,
// a delivery racing a receiver that hangs on it past its lease — and, once the faults stop, every event no receiver
// acknowledged is delivered again until one does: each event processed exactly once across both processes, every
// answer a documented one. Every call left ambiguous is repeated with its key after the faults, and the run asserts
// that none stays ambiguous (docs/money-safety.md §5: it once did, while the Redis clients were still reconnecting).
//
//   pnpm test:chaos                                   the CI size, a new seed each run (printed)
//   CARDGW_CHAOS_SEED=123 pnpm test:chaos             the same schedules again
//   CARDGW_CHAOS_SEED=123 CARDGW_CHAOS_PATH=41 …      from schedule 41 of that seed (a counterexample's path)
//   CARDGW_CHAOS_SCHEDULES=10000 pnpm test:chaos      the large run

/**
 * About 75 s on the 2-core machine it was measured on (≈ 13 schedules per second: see the summary line) before the
 * webhook receivers; they add a fraction of a second to the schedules with a stalled receiver (its lease must lapse).
 */
const ciSchedules = 1_000;
const scheduleTimeoutMs = 20_000;
/** How often a run prints how far it got. */
const progressEvery = 500;

const schedules = positiveInteger(process.env.CARDGW_CHAOS_SCHEDULES) ?? ciSchedules;
const seed = integer(process.env.CARDGW_CHAOS_SEED) ?? Math.floor(Math.random() * 2 ** 31);
const path = process.env.CARDGW_CHAOS_PATH || undefined;

interface Violation {
  /** The schedule's index in this seed's sequence: its fast-check path. */
  readonly index: number;
  readonly schedule: ChaosSchedule;
  readonly violations: readonly string[];
}

let world: ChaosWorld;
const unhandled: unknown[] = [];
const collectUnhandled = (reason: unknown) => unhandled.push(reason);
let scheduleNumber = 0;

beforeAll(async () => {
  process.on('unhandledRejection', collectUnhandled);
  world = await startChaosWorld();
});

afterAll(async () => {
  process.off('unhandledRejection', collectUnhandled);
  await world?.close();
});

/** One schedule, bounded in time, with the unhandled rejections it caused counted as violations. */
async function runBounded(schedule: ChaosSchedule): Promise<ScheduleRun> {
  const before = unhandled.length;
  const id = `s${++scheduleNumber}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<ScheduleRun>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          violations: [`hung: not finished after ${scheduleTimeoutMs} ms`],
          calls: 0,
          ambiguous: 0,
          unresolved: 0,
          webhooks: { events: 0, deliveries: 0, answers: {} },
        }),
      scheduleTimeoutMs,
    );
  });
  const run = await Promise.race([runSchedule(world, schedule, id), hang]).finally(() => clearTimeout(timer));
  if (run.violations[0]?.startsWith('hung')) await world.calm();
  await new Promise((resolve) => setImmediate(resolve)); // let a stray rejection surface
  const rejections = unhandled.slice(before).map((reason) => `unhandled rejection: ${describeThrown(reason)}`);
  return rejections.length === 0 ? run : { ...run, violations: [...run.violations, ...rejections] };
}

describe('the failover gateway over both simulators, under randomized faults', () => {
  it(
    'issues no card twice, applies no funding twice, conserves money and throws only CardGatewayErrors',
    async () => {
      const found: Violation[] = [];
      let index = path === undefined ? 0 : Number.parseInt(path, 10);
      let ran = 0;
      let calls = 0;
      let ambiguous = 0;
      let unresolved = 0;
      let webhookEvents = 0;
      let webhookDeliveries = 0;
      const webhookAnswers = new Map<string, number>();
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(chaosScheduleArbitrary, async (schedule) => {
          const run = await runBounded(schedule);
          if (run.violations.length > 0) found.push({ index, schedule, violations: run.violations });
          index++;
          ran++;
          calls += run.calls;
          ambiguous += run.ambiguous;
          unresolved += run.unresolved;
          webhookEvents += run.webhooks.events;
          webhookDeliveries += run.webhooks.deliveries;
          for (const [answer, count] of Object.entries(run.webhooks.answers)) {
            webhookAnswers.set(answer, (webhookAnswers.get(answer) ?? 0) + count);
          }
          // A long run says how far it got: a shared machine may not let it finish in the time one has.
          if (ran % progressEvery === 0 && ran < schedules) {
            const elapsed = ((performance.now() - started) / 1000).toFixed(1);
            console.log(`chaos progress: ${ran} schedules, ${found.length} violations, ${calls} calls, ${elapsed} s`);
          }
          return true; // counted here, shrunk below: every schedule runs
        }),
        // A path replays that one schedule (fast-check would otherwise go on from it).
        path === undefined ? { seed, numRuns: schedules } : { seed, path, numRuns: 1 },
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `chaos: ${ran} schedules, ${found.length} violations (seed ${seed}) — ${calls} calls, ` +
          `${ambiguous} ambiguous (${unresolved} still so after the faults), ` +
          `${webhookEvents} webhook events in ${webhookDeliveries} deliveries ` +
          `(${[...webhookAnswers].map(([answer, count]) => `${count}× ${answer}`).join(', ')}), ${seconds.toFixed(1)} s`,
      );

      const first = found[0];
      if (first) {
        const shortest = await shrink(first);
        const report = [
          `chaos violation (seed ${seed}, path ${shortest.path}; replay: CARDGW_CHAOS_SEED=${seed} CARDGW_CHAOS_PATH=${first.index})`,
          describeSchedule(shortest.schedule),
          ...shortest.violations.map((violation) => `  ✗ ${violation}`),
          ...found.slice(1, 6).map((other) => `  also at path ${other.index}: ${other.violations[0]}`),
        ].join('\n');
        expect.fail(report);
      }
      expect(ran).toBe(path === undefined ? schedules : 1);
      // Once the faults are over, repeating an ambiguous call with its key resolves it: the provider replays what it
      // did with the key. A call still ambiguous then means the world was still faulted (it once was: the settling
      // repeats ran while the Redis clients were still reconnecting) or a key could not be resolved, which is a bug.
      expect(unresolved).toBe(0);
    },
    Math.max(600_000, schedules * 1_000),
  );
});

/** fast-check's shrinking from the first failing schedule: the shortest schedule that still breaks an invariant. */
async function shrink(
  first: Violation,
): Promise<{ schedule: ChaosSchedule; violations: readonly string[]; path: string }> {
  let last = { schedule: first.schedule, violations: first.violations, path: String(first.index) };
  const details = await fc.check(
    fc.asyncProperty(chaosScheduleArbitrary, async (schedule) => {
      const run = await runBounded(schedule);
      if (run.violations.length > 0 && schedule.steps.length <= last.schedule.steps.length) {
        last = { ...last, schedule, violations: run.violations };
      }
      return run.violations.length === 0;
    }),
    { seed, path: String(first.index), numRuns: 1 },
  );
  return details.failed && details.counterexamplePath ? { ...last, path: details.counterexamplePath } : last;
}

function integer(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`expected an integer, got ${text}`);
  return value;
}

function positiveInteger(text: string | undefined): number | undefined {
  const value = integer(text);
  if (value !== undefined && value < 1) throw new Error(`expected a positive integer, got ${text}`);
  return value;
}
