import fc from 'fast-check';

// What one chaos schedule is: a short sequence of steps, each either a fault injected at one simulator or one call
// through the failover gateway. Schedules are drawn by fast-check from a seed, so a seed (and a path) names a
// schedule exactly; what the network does with it (timing, backoff jitter) is not seeded.

export const chaosProviders = ['privcards', 'cryptocardy'] as const;
export type ChaosProvider = (typeof chaosProviders)[number];

export type FaultStep =
  | { readonly kind: 'latency'; readonly provider: ChaosProvider; readonly ms: number }
  | { readonly kind: 'refuse'; readonly provider: ChaosProvider }
  | { readonly kind: 'accept'; readonly provider: ChaosProvider }
  | { readonly kind: 'reset'; readonly provider: ChaosProvider; readonly count: number }
  | {
      readonly kind: 'timeout-after-commit';
      readonly provider: ChaosProvider;
      readonly count: number;
      /** Undefined: the answer is held until the client's attempt timeout gives up. */
      readonly destroyAfterMs: number | undefined;
    }
  | {
      readonly kind: 'rate-limit';
      readonly provider: ChaosProvider;
      readonly count: number;
      readonly retryAfterSeconds: number;
    }
  | { readonly kind: 'fail'; readonly provider: ChaosProvider; readonly count: number; readonly status: number }
  | {
      /**
       * The provider's proxy forwards the next `count` mutating requests (the provider commits), then answers `status`
       * itself: in a JSON body of its own, as an HTML error page, or empty; with `Retry-After: 0` or none.
       */
      readonly kind: 'answer-after-commit';
      readonly provider: ChaosProvider;
      readonly count: number;
      readonly status: number;
      readonly body: 'json' | 'html' | 'empty';
      readonly retryAfter: boolean;
    }
  /** The ledger's Redis is killed (SIGKILL), or started again on its append-only file. */
  | { readonly kind: 'redis-down' }
  | { readonly kind: 'redis-up' };

/** How a new card names its BIN: a bare BIN id (any provider), a provider's own (pinned), or criteria. */
export type CreateTarget =
  | { readonly binId: string }
  | { readonly bin: { readonly network?: 'visa' | 'mastercard'; readonly bestFor?: readonly string[] } };

/** `card` picks one of the cards this schedule has issued so far (modulo their number); none yet: the step is skipped. */
export type OperationStep =
  | { readonly kind: 'create'; readonly target: CreateTarget; readonly amountCents: number; readonly replay: boolean }
  /** `callers` calls with one idempotency key, each started 0–20 ms after the previous one. */
  | {
      readonly kind: 'create-at-once';
      readonly target: CreateTarget;
      readonly amountCents: number;
      readonly callers: number;
    }
  /** One key at once through the schedule's gateway and its replica (another process sharing the Redis ledger). */
  | {
      readonly kind: 'create-on-replicas';
      readonly target: CreateTarget;
      readonly amountCents: number;
      readonly replicaDelayMs: number;
    }
  | {
      readonly kind: 'fund' | 'withdraw';
      readonly card: number;
      readonly amountCents: number;
      readonly replay: boolean;
    }
  | { readonly kind: 'freeze' | 'unfreeze' | 'terminate'; readonly card: number; readonly replay: boolean }
  | { readonly kind: 'get'; readonly card: number }
  /**
   * A signed webhook delivery to the two receiver processes sharing the Redis event store, sent in the background (the
   * schedule goes on meanwhile). `one`: a new event to `receiver`; `both`: a new event to both, the other `delayMs`
   * later; `redeliver`: an earlier event of this schedule (`event` picks it) again to `receiver`, processed or not;
   * `stall`: a new event to `receiver`, whose processing of it hangs past its lease and fails, and `delayMs` later to
   * the other, which must wait for the lease to lapse and then process it.
   */
  | {
      readonly kind: 'webhook';
      readonly mode: 'one' | 'both' | 'redeliver' | 'stall';
      readonly receiver: 0 | 1;
      readonly event: number;
      readonly delayMs: number;
    }
  | { readonly kind: 'list'; readonly status: 'active' | 'frozen' | undefined }
  | { readonly kind: 'transactions'; readonly card: number | undefined };

export type ChaosStep = FaultStep | OperationStep;

const faultKinds: ReadonlySet<string> = new Set<FaultStep['kind']>([
  'latency',
  'refuse',
  'accept',
  'reset',
  'timeout-after-commit',
  'rate-limit',
  'fail',
  'answer-after-commit',
  'redis-down',
  'redis-up',
]);

export function isFault(step: ChaosStep): step is FaultStep {
  return faultKinds.has(step.kind);
}

export interface ChaosSchedule {
  readonly steps: readonly ChaosStep[];
  /**
   * Whether the caller repeats an ambiguous call at once (same key), or only later, once the faults are over. Both
   * are what the library tells callers to do; they meet the providers in different states.
   */
  readonly repeatAtOnce: boolean;
}

const provider = fc.constantFrom(...chaosProviders);
const count = fc.integer({ min: 1, max: 4 });
const card = fc.nat({ max: 7 });

const faultStep: fc.Arbitrary<FaultStep> = fc.oneof(
  fc.record({
    kind: fc.constant('latency' as const),
    provider,
    // Mostly small; now and then longer than the adapters' 120 ms attempt timeout, so a request the client gave up on
    // still executes later at the provider.
    ms: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 25 }) }, fc.integer({ min: 130, max: 180 })),
  }),
  fc.record({ kind: fc.constant('refuse' as const), provider }),
  fc.record({ kind: fc.constant('accept' as const), provider }),
  fc.record({ kind: fc.constant('reset' as const), provider, count }),
  fc.record({
    kind: fc.constant('timeout-after-commit' as const),
    provider,
    count: fc.integer({ min: 1, max: 2 }),
    destroyAfterMs: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('rate-limit' as const),
    provider,
    count,
    // 0.2 s is more than the adapters wait for (maxRetryAfterMs 100): the call fails at once with RateLimitError.
    retryAfterSeconds: fc.constantFrom(0.01, 0.02, 0.05, 0.2),
  }),
  fc.record({ kind: fc.constant('fail' as const), provider, count, status: fc.constantFrom(500, 502, 503, 504) }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('answer-after-commit' as const),
      provider,
      count: fc.integer({ min: 1, max: 3 }),
      status: fc.constantFrom(500, 502, 503, 504, 403),
      body: fc.constantFrom('json' as const, 'html' as const, 'empty' as const),
      retryAfter: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constant('redis-down' as const) }),
  fc.record({ kind: fc.constant('redis-up' as const) }),
);

const createTarget: fc.Arbitrary<CreateTarget> = fc.oneof(
  fc.record({ binId: fc.constantFrom('491653', '531993') }),
  fc.record({ binId: fc.constantFrom('privcards:491653', 'cryptocardy:531993') }),
  fc.record({
    bin: fc.constantFrom({ network: 'visa' as const }, { network: 'mastercard' as const }, { bestFor: ['saas'] }),
  }),
);

const operationStep: fc.Arbitrary<OperationStep> = fc.oneof(
  fc.record({
    kind: fc.constant('create-at-once' as const),
    target: createTarget,
    amountCents: fc.integer({ min: 100, max: 5_000 }),
    callers: fc.integer({ min: 2, max: 10 }),
  }),
  fc.record({
    kind: fc.constant('create-on-replicas' as const),
    target: createTarget,
    amountCents: fc.integer({ min: 100, max: 5_000 }),
    replicaDelayMs: fc.integer({ min: 0, max: 40 }),
  }),
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      target: createTarget,
      amountCents: fc.integer({ min: 100, max: 5_000 }),
      replay: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('fund' as const),
      card,
      amountCents: fc.integer({ min: 100, max: 2_000 }),
      replay: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      card,
      // Up to more than a small card holds: insufficient funds is a business answer worth drawing too.
      amountCents: fc.integer({ min: 1, max: 3_000 }),
      replay: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constantFrom('freeze' as const, 'unfreeze' as const), card, replay: fc.boolean() }),
  fc.record({ kind: fc.constant('terminate' as const), card, replay: fc.boolean() }),
  fc.record({ kind: fc.constant('get' as const), card }),
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('webhook' as const),
      mode: fc.oneof(
        { weight: 3, arbitrary: fc.constant('one' as const) },
        { weight: 3, arbitrary: fc.constant('both' as const) },
        { weight: 3, arbitrary: fc.constant('redeliver' as const) },
        { weight: 1, arbitrary: fc.constant('stall' as const) },
      ),
      receiver: fc.constantFrom(0 as const, 1 as const),
      event: fc.nat({ max: 7 }),
      delayMs: fc.integer({ min: 0, max: 30 }),
    }),
  },
  fc.record({
    kind: fc.constant('list' as const),
    status: fc.constantFrom('active' as const, 'frozen' as const, undefined),
  }),
  fc.record({ kind: fc.constant('transactions' as const), card: fc.option(card, { nil: undefined }) }),
);

/** 2–14 steps, about 40% faults. */
export const chaosScheduleArbitrary: fc.Arbitrary<ChaosSchedule> = fc.record({
  steps: fc.array(fc.oneof({ weight: 2, arbitrary: faultStep }, { weight: 3, arbitrary: operationStep }), {
    minLength: 2,
    maxLength: 14,
  }),
  repeatAtOnce: fc.boolean(),
});

/** One line per step, for the report of a violation. */
export function describeSchedule(schedule: ChaosSchedule): string {
  const steps = schedule.steps.map((step, index) => `  ${index}. ${describeStep(step)}`);
  return [`  (ambiguous calls repeated ${schedule.repeatAtOnce ? 'at once and ' : ''}after the faults)`, ...steps].join(
    '\n',
  );
}

export function describeStep(step: ChaosStep): string {
  const { kind, ...rest } = step;
  const details = Object.entries(rest)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' ');
  return details ? `${kind} ${details}` : kind;
}
