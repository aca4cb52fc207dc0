import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AmbiguousOutcomeError,
  type Card,
  CardGatewayError,
  type CreateCardInput,
  cents,
  type FailoverIssuer,
  IdempotencyKeyInUseError,
  type RequestOptions,
} from '@cardgw/core';
import { intermediaryPage } from '../../test-support/fault-proxy.js';
import {
  type CallOutcome,
  type CreateCall,
  describeThrown,
  type FundingCall,
  type MutatingCall,
  type StateCall,
  settlesOutcome,
} from './chaos-calls.js';
import { checkInvariants } from './chaos-invariants.js';
import {
  type ChaosSchedule,
  type CreateTarget,
  type FaultStep,
  isFault,
  type OperationStep,
} from './chaos-schedule.js';
import { type ChaosWorld, chaosTiming } from './chaos-world.js';
import { createWebhookDeliveries, type WebhookScheduleRun } from './webhook-deliveries.js';

/** How many times the settling phase repeats a still-ambiguous call (faults cleared) before giving up on it. */
const settlingRounds = 4;

export interface ScheduleRun {
  readonly violations: readonly string[];
  /** Calls made through the gateway, repeats and replays included. */
  readonly calls: number;
  /** Mutating calls that ended ambiguous at least once. */
  readonly ambiguous: number;
  /** Mutating calls still ambiguous after the settling repeats (their effect is allowed, at most once). */
  readonly unresolved: number;
  /** The schedule's webhook events, deliveries and their answers (`webhook-deliveries.ts`). */
  readonly webhooks: WebhookScheduleRun;
}

/**
 * Runs one schedule through a fresh failover gateway over both simulators, as a careful caller would: every mutating
 * call has its own idempotency key; an `AmbiguousOutcomeError` is repeated once at once with the same key; a success
 * may be replayed with its key (the first result must come back). Then every fault is cleared, every call still
 * ambiguous is repeated with its key until the provider answers, and the invariants are checked.
 */
export async function runSchedule(world: ChaosWorld, schedule: ChaosSchedule, id: string): Promise<ScheduleRun> {
  const violations: string[] = [];
  const mutations: MutatingCall[] = [];
  /** Calls whose last repeat was refused because the replica's claim on the key still holds (its end was lost). */
  const heldElsewhere = new Set<MutatingCall>();
  const cards: string[] = [];
  let calls = 0;
  let webhookRun: WebhookScheduleRun = { events: 0, deliveries: 0, answers: {} };
  const gateway = world.createGateway(id);
  // Another process sharing the Redis ledger: made when a step needs it.
  let replica: FailoverIssuer | undefined;
  const webhooks = createWebhookDeliveries(world.webhooks, id, world.webhookTiming);
  const replicaGateway = () => {
    replica ??= world.createGateway(id, true);
    return replica;
  };

  /** Anything thrown must be one of the library's errors, never a TypeError or a raw transport error. */
  const inspect = (error: unknown, context: string) => {
    if (!CardGatewayError.isInstance(error)) violations.push(`${context}: threw ${describeThrown(error)}`);
  };

  /** One caller-level call with the call's key; updates its outcome from what came back. */
  const invoke = async (call: MutatingCall, context: string): Promise<void> => {
    call.calls += 1;
    calls += 1;
    const first = call.calls === 1;
    heldElsewhere.delete(call);
    try {
      const result = await call.repeat();
      if (call.outcome === 'applied') {
        // A replay with the key must give the first result again.
        if (canonical(result) !== canonical(call.result)) {
          violations.push(
            `${context}: a repeat with the key gave ${brief(result)}, the first call ${brief(call.result)}`,
          );
        }
      } else {
        if (call.outcome === 'not-applied') violations.push(`${context}: succeeded after a definitive failure`);
        call.outcome = 'applied';
        call.result = result;
        if (call.kind === 'create') cards.push((result as Card).id);
      }
    } catch (error) {
      inspect(error, context);
      if (IdempotencyKeyInUseError.isInstance(error)) heldElsewhere.add(call);
      if (AmbiguousOutcomeError.isInstance(error) && error.idempotencyKey !== call.key) {
        violations.push(`${context}: AmbiguousOutcomeError names key ${error.idempotencyKey}, not the call's`);
      }
      if (AmbiguousOutcomeError.isInstance(error) && first) call.outcome = 'unknown';
      else if (first) call.outcome = CardGatewayError.isInstance(error) ? 'not-applied' : 'unknown';
      else if (call.outcome === 'unknown' && settlesOutcome(error)) call.outcome = 'not-applied';
    }
  };

  const mutate = async (call: MutatingCall, replay: boolean) => {
    mutations.push(call);
    const context = `step ${call.step} ${call.kind}`;
    await invoke(call, context);
    if (call.outcome === 'unknown' && schedule.repeatAtOnce) await invoke(call, `${context} (repeated)`);
    if (replay && call.outcome === 'applied') await invoke(call, `${context} (replayed)`);
  };

  /**
   * Several callers with one key at once: at most one card, every caller that succeeded got that same card, and every
   * failure is typed. The call is applied if any caller got the card, unknown if some failure leaves it open (the
   * settling phase then repeats it), not applied only when every caller got a settled answer.
   */
  const createConcurrently = async (call: CreateCall, invocations: readonly (() => Promise<unknown>)[]) => {
    mutations.push(call);
    const context = `step ${call.step} ${call.kind} ×${invocations.length}`;
    call.calls += invocations.length;
    calls += invocations.length;
    const settled = await Promise.allSettled(invocations.map((invocation) => invocation()));
    const returned: Card[] = [];
    let open = false;
    for (const result of settled) {
      if (result.status === 'fulfilled') {
        returned.push(result.value as Card);
        continue;
      }
      const error = result.reason;
      inspect(error, context);
      if (AmbiguousOutcomeError.isInstance(error) && error.idempotencyKey !== call.key) {
        violations.push(`${context}: AmbiguousOutcomeError names key ${error.idempotencyKey}, not the call's`);
      }
      if (!settlesOutcome(error)) open = true;
    }
    const ids = [...new Set(returned.map((card) => card.id))];
    if (ids.length > 1) violations.push(`${context}: callers with one key got different cards (${ids.join(', ')})`);
    const first = returned[0];
    if (first) {
      call.outcome = 'applied';
      call.result = first;
      cards.push(first.id);
    } else {
      call.outcome = open ? 'unknown' : 'not-applied';
    }
  };

  const read = async (context: string, run: () => Promise<unknown>) => {
    calls += 1;
    try {
      await run();
    } catch (error) {
      inspect(error, context);
    }
  };

  try {
    for (const [step, action] of schedule.steps.entries()) {
      if (isFault(action)) await injectFault(world, action);
      else await perform(action, step);
    }

    // Settle: no more faults; repeat each ambiguous call with its key until the provider answers for it, and deliver
    // each webhook event no receiver acknowledged yet until one does.
    await world.calm();
    const [webhookSettled] = await Promise.all([
      webhooks.settle(),
      (async () => {
        for (let round = 0; round < settlingRounds; round++) {
          const pending = mutations.filter((call) => call.outcome === 'unknown');
          if (pending.length === 0) break;
          // Open circuits probe again after this. A key the replica claimed and could not end (Redis was away) is
          // refused as in use until its claim's lease lapses, then reads `unknown` at the provider it was sent to,
          // where the repeat goes (docs/money-safety.md): wait for the lease then.
          const held = pending.some((call) => heldElsewhere.has(call));
          await sleep(held ? chaosTiming.ledgerLeaseMs : chaosTiming.breaker.halfOpenAfterMs + 10);
          for (const call of pending) await invoke(call, `step ${call.step} ${call.kind} (settling)`);
        }
      })(),
    ]);
    violations.push(...webhookSettled.violations);
    webhookRun = webhookSettled.run;
  } finally {
    await gateway.close();
    await replica?.close();
  }
  violations.push(...checkInvariants(world, mutations));
  const ambiguous = mutations.filter((call) => call.calls > 1 || call.outcome === 'unknown').length;
  const unresolved = mutations.filter((call) => call.outcome === 'unknown').length;
  return {
    violations,
    calls,
    ambiguous,
    unresolved,
    webhooks: webhookRun,
  };

  async function perform(action: OperationStep, step: number): Promise<void> {
    const key = `${id}-${step}`;
    const pick = (index: number) => cards[index % cards.length];
    const options = (): RequestOptions => ({ idempotencyKey: key });
    const base = { step, key, outcome: 'unknown' as CallOutcome, result: undefined, calls: 0 };
    switch (action.kind) {
      case 'create': {
        const marker = `chaos ${key}`;
        const input = createInput(action.target, action.amountCents, marker);
        const call: CreateCall = {
          ...base,
          kind: 'create',
          marker,
          amountCents: action.amountCents,
          repeat: () => gateway.cards.create(input, options()),
        };
        return mutate(call, action.replay);
      }
      case 'create-at-once':
      case 'create-on-replicas': {
        const marker = `chaos ${key}`;
        const input = createInput(action.target, action.amountCents, marker);
        const call: CreateCall = {
          ...base,
          kind: 'create',
          marker,
          amountCents: action.amountCents,
          repeat: () => gateway.cards.create(input, options()),
        };
        const invocations =
          action.kind === 'create-at-once'
            ? Array.from({ length: action.callers }, (_, index) => async () => {
                await sleep(index * 7);
                return gateway.cards.create(input, options());
              })
            : [
                () => gateway.cards.create(input, options()),
                async () => {
                  await sleep(action.replicaDelayMs);
                  return replicaGateway().cards.create(input, options());
                },
              ];
        return createConcurrently(call, invocations);
      }
      case 'fund':
      case 'withdraw': {
        const cardId = pick(action.card);
        if (cardId === undefined) return;
        const amount = cents(action.amountCents);
        const call: FundingCall = {
          ...base,
          kind: action.kind,
          cardId,
          signedCents: action.kind === 'fund' ? action.amountCents : -action.amountCents,
          repeat: () => gateway.cards[action.kind](cardId, { amount }, options()),
        };
        return mutate(call, action.replay);
      }
      case 'freeze':
      case 'unfreeze':
      case 'terminate': {
        const cardId = pick(action.card);
        if (cardId === undefined) return;
        const call: StateCall = {
          ...base,
          kind: action.kind,
          cardId,
          repeat: () => gateway.cards[action.kind](cardId, options()),
        };
        return mutate(call, action.replay);
      }
      case 'get': {
        const cardId = pick(action.card);
        if (cardId === undefined) return;
        return read(`step ${step} get`, async () => {
          const card = await gateway.cards.get(cardId);
          if (card.id !== cardId) violations.push(`step ${step} get: asked for ${cardId}, got ${card.id}`);
        });
      }
      case 'webhook':
        return webhooks.perform(action, step);
      case 'list':
        return read(`step ${step} list`, async () => {
          const page = await gateway.cards.list(
            action.status === undefined ? { perPage: 5 } : { status: action.status },
          );
          if (action.status && page.data.some((card) => card.status !== action.status)) {
            violations.push(`step ${step} list: a card of another status than ${action.status} came back`);
          }
        });
      case 'transactions': {
        const cardId = action.card === undefined ? undefined : pick(action.card);
        return read(`step ${step} transactions`, async () => {
          await gateway.transactions.list(cardId === undefined ? { perPage: 10 } : { cardId });
        });
      }
    }
  }
}

function createInput(target: CreateTarget, amountCents: number, label: string): CreateCardInput {
  const fields = { amount: cents(amountCents), label };
  return 'binId' in target ? { ...fields, binId: target.binId } : { ...fields, bin: target.bin };
}

async function injectFault(world: ChaosWorld, step: FaultStep): Promise<void> {
  if (step.kind === 'redis-down') return world.redisDown();
  if (step.kind === 'redis-up') return world.redisUp();
  const { faults } = world.simulators[step.provider];
  const proxy = world.proxies[step.provider];
  switch (step.kind) {
    case 'latency':
      return faults.latency(step.ms);
    case 'refuse':
      if (world.refused.has(step.provider)) return;
      world.refused.add(step.provider);
      await proxy.refuseConnections();
      return faults.refuseConnections();
    case 'accept':
      if (!world.refused.delete(step.provider)) return;
      await faults.acceptConnections();
      return proxy.acceptConnections();
    case 'reset':
      return faults.resetNext(step.count);
    case 'timeout-after-commit':
      return faults.timeoutAfterCommitNext(step.count, { destroyAfterMs: step.destroyAfterMs });
    case 'rate-limit':
      return faults.rateLimitNext(step.count, { retryAfterSeconds: step.retryAfterSeconds });
    case 'fail':
      return faults.failNext(step.count, step.status);
    case 'answer-after-commit': {
      const reason = STATUS_CODES[step.status] ?? 'Error';
      const body =
        step.body === 'json'
          ? JSON.stringify({ error: 'service_unavailable' })
          : step.body === 'html'
            ? intermediaryPage(step.status, reason)
            : '';
      const headers: Record<string, string> = step.retryAfter ? { 'Retry-After': '0' } : {};
      return proxy.enqueue({ kind: 'status', status: step.status, body, headers }, step.count);
    }
  }
}

/** A result as comparable text: a replay gives the recorded answer, so the same fields and values. */
function canonical(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** A result in a violation's line: a card by its id, anything else as (shortened) JSON. */
function brief(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'id' in value) return String(value.id);
  const text = canonical(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
