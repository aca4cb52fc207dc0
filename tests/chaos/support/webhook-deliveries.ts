import { setTimeout as sleep } from 'node:timers/promises';
import type { OperationStep } from './chaos-schedule.js';
import type { WebhookAnswer, WebhookReceiverIndex, WebhookReceivers } from './webhook-receivers.js';

// One schedule's webhook deliveries, as a provider makes them: each event is delivered (to one receiver process or to
// both at once, again later, to a receiver that hangs on it) until some delivery is answered 200, which is when a
// provider stops redelivering. After the faults stop, every event not yet acknowledged is delivered again until it is.
// The checks: each event processed at most once across both processes, every event processed (nothing lost), every
// answer one the webhook README documents.

export type WebhookStep = Extract<OperationStep, { readonly kind: 'webhook' }>;

/** The receivers' store timing (chaos-world.ts passes it to both processes). */
export interface WebhookTiming {
  /** The Redis store's `leaseMs`: a stalled receiver hangs past it. */
  readonly leaseMs: number;
}

export interface WebhookScheduleRun {
  /** Events this schedule made. */
  readonly events: number;
  /** Deliveries sent, redeliveries after the faults included. */
  readonly deliveries: number;
  /** How many deliveries got each answer (`200`, `200 duplicate`, `503 webhook_event_processing`, …). */
  readonly answers: Readonly<Record<string, number>>;
}

interface TrackedEvent {
  /** The id in the delivery's envelope. */
  readonly id: string;
  readonly body: string;
  /** A delivery was answered 200: the provider stops redelivering it. */
  acknowledged: boolean;
  /**
   * The receiver told to hang on this event: its next processing of it fails (500), whichever delivery that is (the
   * stalled one, or, when that one never reached `onEvent`, say Redis was down, a later one).
   */
  stalledAt?: WebhookReceiverIndex;
}

/** How long, after the faults, an event may take to be acknowledged (a lapsed lease, Redis reconnecting, a busy machine). */
const settleTimeoutMs = 8_000;
/** Between two redeliveries of one event after the faults. */
const redeliveryPauseMs = 25;

export function createWebhookDeliveries(receivers: WebhookReceivers, scheduleId: string, timing: WebhookTiming) {
  const events: TrackedEvent[] = [];
  const inFlight: Promise<void>[] = [];
  const violations: string[] = [];
  let deliveries = 0;
  const answers: Record<string, number> = {};

  /** One delivery; its answer must be documented, and a 200 acknowledges the event. */
  const deliver = async (event: TrackedEvent, receiver: WebhookReceiverIndex): Promise<void> => {
    deliveries += 1;
    const answer = await receivers.deliver(receiver, event.body);
    const problem = undocumented(answer, event.stalledAt === receiver);
    const name = answerName(answer);
    answers[name] = (answers[name] ?? 0) + 1;
    if (problem) violations.push(`webhook ${event.id} at receiver ${receiver}: ${problem}`);
    if (answer.status === 200) event.acknowledged = true;
  };

  const newEvent = (step: number): TrackedEvent => {
    const id = `evt_${scheduleId}_${step}`;
    const event: TrackedEvent = { id, body: deliveryBody(id, step), acknowledged: false };
    events.push(event);
    return event;
  };

  return {
    /** Sends the step's deliveries in the background: the schedule goes on while they are under way. */
    perform(step: WebhookStep, index: number): void {
      const other = (1 - step.receiver) as WebhookReceiverIndex;
      switch (step.mode) {
        case 'one': {
          inFlight.push(deliver(newEvent(index), step.receiver));
          return;
        }
        case 'both': {
          const event = newEvent(index);
          inFlight.push(deliver(event, step.receiver));
          inFlight.push(sleep(step.delayMs).then(() => deliver(event, other)));
          return;
        }
        case 'redeliver': {
          const earlier = events.length === 0 ? undefined : events[step.event % events.length];
          if (earlier) inFlight.push(deliver(earlier, step.receiver));
          return;
        }
        case 'stall': {
          const event = newEvent(index);
          // Longer than the lease: the other receiver's delivery must wait for it to lapse, then take the event over.
          event.stalledAt = step.receiver;
          receivers.stall(step.receiver, `privcards:${event.id}`, timing.leaseMs + 150);
          inFlight.push(deliver(event, step.receiver));
          // Late enough that the stalled receiver claims first (on a busy machine it may not: then it is a duplicate).
          inFlight.push(sleep(15 + step.delayMs).then(() => deliver(event, other)));
          return;
        }
      }
    },

    /**
     * After the faults: waits for the deliveries under way, delivers every unacknowledged event again (alternating
     * receivers) until one is answered 200, then checks the processing counts. Returns the violations.
     */
    async settle(): Promise<{ violations: string[]; run: WebhookScheduleRun }> {
      await Promise.all(inFlight.splice(0));
      const deadline = performance.now() + settleTimeoutMs;
      for (const event of events) {
        for (let attempt = 0; !event.acknowledged && performance.now() < deadline; attempt++) {
          if (attempt > 0) await sleep(redeliveryPauseMs);
          await deliver(event, (attempt % 2) as WebhookReceiverIndex);
        }
        if (!event.acknowledged)
          violations.push(`webhook ${event.id}: not acknowledged ${settleTimeoutMs} ms after the faults`);
      }
      if (events.length > 0) {
        const counts = await receivers.processedCounts();
        for (const event of events) {
          const times = counts.get(`privcards:${event.id}`) ?? 0;
          if (times === 0) violations.push(`webhook ${event.id}: never processed (lost)`);
          if (times > 1) {
            const why = receivers.completionsLost.has(`privcards:${event.id}`)
              ? ' (its first processing could not be recorded: Redis went away before `complete`)'
              : '';
            violations.push(`webhook ${event.id}: processed ${times} times${why}`);
          }
        }
      }
      return { violations, run: { events: events.length, deliveries, answers } };
    },
  };
}

/**
 * What the webhook README documents a receiver answering a well-signed delivery: 200 `{ received: true }` (maybe
 * `duplicate: true`), 503 `webhook_event_processing` or `webhook_store_unavailable` (deliver again later), and, for a
 * receiver whose `onEvent` failed (the one told to stall), 500 `webhook_handler_failed`. Anything else is described.
 */
function undocumented(answer: WebhookAnswer, stalls: boolean): string | undefined {
  const body = answer.body as { received?: unknown; duplicate?: unknown; error?: unknown } | undefined;
  if (answer.status === 200 && body?.received === true && (body.duplicate === undefined || body.duplicate === true)) {
    return undefined;
  }
  if (
    answer.status === 503 &&
    (body?.error === 'webhook_event_processing' || body?.error === 'webhook_store_unavailable')
  ) {
    return undefined;
  }
  if (stalls && answer.status === 500 && body?.error === 'webhook_handler_failed') return undefined;
  return `answered ${answer.status ?? 'nothing'} ${JSON.stringify(answer.body)}`;
}

/** An answer's short name for the run's summary: its status, and its body's `error` or `duplicate`. */
function answerName(answer: WebhookAnswer): string {
  const body = answer.body as { duplicate?: unknown; error?: unknown } | undefined;
  const detail = body?.duplicate === true ? 'duplicate' : typeof body?.error === 'string' ? body.error : '';
  return `${answer.status ?? 'none'}${detail ? ` ${detail}` : ''}`;
}

/** A PrivCards-shaped `card.frozen` delivery in the default envelope (the README's Assumptions). */
function deliveryBody(id: string, step: number): string {
  return JSON.stringify({
    id,
    type: 'card.frozen',
    created_at: '2026-04-15T12:00:00Z',
    data: {
      id: `card_chaos${step}`,
      bin_id: '491653',
      network: 'visa',
      last4: '4242',
      status: 'frozen',
      balance: '25.00',
      created_at: '2026-04-15T12:00:00Z',
    },
  });
}
