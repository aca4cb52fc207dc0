import type { WebhookEndpoint, WebhookEvent, WebhookEventDataMap, WebhookEventType } from '../domain/webhook.js';

/** The events the issuer emitted, and a way to listen to them as they happen. */
export interface MemoryEvents {
  /** `listener` gets every event synchronously after the state change; returns the unsubscribe function. */
  subscribe(listener: (event: WebhookEvent) => void): () => void;
  /** Every event emitted, in order. */
  readonly history: readonly WebhookEvent[];
  /** The active webhook endpoints subscribed to `type` (directly or with `'*'`), with their signing secrets. */
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

export function createEventBus(options: EventBusOptions): EventBus {
  const listeners = new Set<(event: WebhookEvent) => void>();
  const history: WebhookEvent[] = [];
  let staged: WebhookEvent[] = [];
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get history() {
      return history;
    },
    endpointsFor(type) {
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
