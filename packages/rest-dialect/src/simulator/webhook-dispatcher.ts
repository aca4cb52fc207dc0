import type { MemoryIssuer } from '@cardgw/adapter-memory';
import { signWebhookPayload, type WebhookEvent } from '@cardgw/core';
import { createAbortScope, sleep } from '@cardgw/core/provider-utils';
import { ownId, toWireEventData } from './wire-serializers.js';

/** One delivery attempt of one event to one endpoint. */
export interface WebhookDelivery {
  /** The provider's own event id (`evt_000001`): redeliveries carry the same one. */
  readonly eventId: string;
  readonly type: string;
  readonly webhookId: string;
  readonly url: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The receiver's HTTP status, when it answered. */
  readonly status?: number | undefined;
  /** Why the attempt failed without a status (`ECONNREFUSED`, `timeout`), or why it was not made (`not_loopback`). */
  readonly error?: string | undefined;
  readonly delivered: boolean;
}

export interface WebhookDispatcherOptions {
  readonly backend: MemoryIssuer;
  /** @default 'X-Webhook-Signature' (undocumented by both pages: an assumption) */
  readonly signatureHeader: string;
  /** Attempts per event and endpoint. @default 3 */
  readonly attempts?: number | undefined;
  /** Wait before attempt n+1: `retryDelayMs × n`. @default 200 */
  readonly retryDelayMs?: number | undefined;
  /** Per attempt. @default 5000 */
  readonly timeoutMs?: number | undefined;
  /**
   * Deliver to loopback addresses only (127.0.0.1, ::1, localhost): a simulator must not post to a real host that a
   * test registered as an example URL. @default true
   */
  readonly loopbackOnly?: boolean | undefined;
}

export interface WebhookDispatcher {
  readonly deliveries: readonly WebhookDelivery[];
  /** Resolves when every delivery started so far has finished (for tests). */
  idle(): Promise<void>;
  /** Stops listening to events and aborts the deliveries in progress. */
  close(): Promise<void>;
}

const maximumRecordedDeliveries = 1_000;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Posts every event of the backend to the registered endpoints subscribed to it: the envelope
 * `{ id, type, created_at, data }` (data: the wire object), signed with hex HMAC-SHA256 of the raw body. Fire and
 * forget with a bounded retry; a receiver's failure never reaches the simulator's requests.
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const attempts = options.attempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const loopbackOnly = options.loopbackOnly ?? true;
  const deliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<void>>();
  const stop = new AbortController();

  const record = (delivery: WebhookDelivery) => {
    deliveries.push(delivery);
    if (deliveries.length > maximumRecordedDeliveries) deliveries.shift();
  };

  async function deliver(event: WebhookEvent, webhookId: string, url: string, secret: string): Promise<void> {
    const body = JSON.stringify({
      id: ownId(event.id),
      type: event.type === 'unknown' ? event.originalType : event.type,
      created_at: event.createdAt,
      data: event.type === 'unknown' ? event.data : toWireEventData(event.type, event.data),
    });
    const base = { eventId: ownId(event.id), type: event.type, webhookId, url };
    if (loopbackOnly && !loopbackHosts.has(new URL(url).hostname)) {
      record({ ...base, attempt: 1, error: 'not_loopback', delivered: false });
      return;
    }
    const signature = signWebhookPayload(body, secret);
    for (let attempt = 1; attempt <= attempts && !stop.signal.aborted; attempt += 1) {
      // One scope per attempt, disposed after it: the long-lived stop signal keeps no listener per delivery (as it
      // would with `AbortSignal.any` on Node 20).
      const scope = createAbortScope({ parent: stop.signal, timeoutMs, timeoutCause: 'attempt_timeout' });
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [options.signatureHeader]: signature },
          body,
          signal: scope.signal,
        });
        await response.arrayBuffer().catch(() => undefined);
        const delivered = response.status >= 200 && response.status < 300;
        record({ ...base, attempt, status: response.status, delivered });
        if (delivered) return;
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        const reason =
          scope.cause === 'attempt_timeout' ? 'timeout' : (scope.cause ?? cause?.code ?? (error as Error).name);
        record({ ...base, attempt, error: reason, delivered: false });
      } finally {
        scope.dispose();
      }
      // Closing the dispatcher ends the wait early; the loop then stops.
      if (attempt < attempts) await sleep(retryDelayMs * attempt, stop.signal).catch(() => undefined);
    }
  }

  const unsubscribe = options.backend.events.subscribe((event) => {
    if (event.type === 'unknown') return;
    for (const endpoint of options.backend.events.endpointsFor(event.type)) {
      const secret = endpoint.secret?.reveal();
      if (!secret) continue;
      const delivery = deliver(event, endpoint.providerId, endpoint.url, secret).catch(() => undefined);
      inFlight.add(delivery);
      void delivery.finally(() => inFlight.delete(delivery));
    }
  });

  return {
    deliveries,
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async close() {
      unsubscribe();
      stop.abort();
      await Promise.all([...inFlight]);
    },
  };
}
