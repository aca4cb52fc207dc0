import { InvalidRequestError, type WebhookEvent, type WebhookEventType } from '@cardgw/core';
import { isWebhookEventType, type WebhookEndpoint, type WebhookEventDataMap } from '@cardgw/core/provider-utils';

/** The events the issuer emitted, and a way to listen to them as they happen. */
export interface MemoryEvents {
  /**
   * `listener` gets every event synchronously after the state change (however many: the history's cap does not
   * apply); returns the unsubscribe function. A listener that is not a function is an InvalidRequestError.
   */
  subscribe(listener: (event: WebhookEvent) => void): () => void;
  /**
   * The last 1,000 events emitted, oldest first (older ones are dropped, so a long-running simulator or benchmark
   * holds a bounded amount; `subscribe` to see every event).
   */
  readonly history: readonly WebhookEvent[];
  /**
   * The active webhook endpoints subscribed to `type` (directly or with `'*'`), with their signing secrets. A `type`
   * that is no documented event name is an InvalidRequestError.
   */
  endpointsFor(type: WebhookEventType): readonly WebhookEndpoint[];
}

/**
 * Events of one operation are staged, then published together once the operation has committed: a listener that
 * calls back into the issuer never sees a half-applied operation, and a failed operation publishes nothing.
 */
export interface EventBus extends MemoryEvents {
  stage<Type extends WebhookEventType>(type: Type, data: WebhookEventDataMap[Type]): void;
  publishStaged(): void;
  discardStaged(): void;
}

export interface EventBusOptions {
  readonly provider: string;
  readonly nextEventId: () => string;
  readonly now: () => string;
  readonly endpoints: () => readonly WebhookEndpoint[];
}

/** How many events `history` keeps: enough to assert on a test's events, bounded for long runs. */
export const eventHistoryLimit = 1_000;

export function createEventBus(options: EventBusOptions): EventBus {
  const listeners = new Set<(event: WebhookEvent) => void>();
  const history: WebhookEvent[] = [];
  let staged: WebhookEvent[] = [];
  return {
    subscribe(listener) {
      if (typeof listener !== 'function') {
        throw new InvalidRequestError('events.subscribe: listener must be a function', {
          issues: [{ field: 'listener', rule: 'must be a function' }],
          provider: options.provider,
        });
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get history() {
      return history;
    },
    endpointsFor(type) {
      if (!isWebhookEventType(type)) {
        throw new InvalidRequestError('events.endpointsFor: type must be a documented event name', {
          issues: [{ field: 'type', rule: 'must be a documented event name' }],
          provider: options.provider,
        });
      }
      return options
        .endpoints()
        .filter((endpoint) => endpoint.active && (endpoint.events.includes('*') || endpoint.events.includes(type)));
    },
    stage(type, data) {
      const providerId = options.nextEventId();
      const event = {
        id: `${options.provider}:${providerId}`,
        provider: options.provider,
        createdAt: options.now(),
        type,
        data,
      };
      staged.push(Object.freeze(event) as WebhookEvent);
    },
    publishStaged() {
      const events = staged;
      staged = [];
      for (const event of events) {
        history.push(event);
        // A ring of the last events, as the simulators keep their requests: bounded however long the issuer runs.
        if (history.length > eventHistoryLimit) history.shift();
        for (const listener of [...listeners]) {
          try {
            listener(event);
          } catch {
            // A subscriber's bug must not break the issuer or the other subscribers.
          }
        }
      }
    },
    discardStaged() {
      staged = [];
    },
  };
}
