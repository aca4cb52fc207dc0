import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { Operation } from '../port/capabilities.js';

/** Makes the next calls of an operation fail, as a provider outage or a business refusal would. */
export interface MemoryFaults {
  /**
   * The next `times` calls (default 1) of `operation` reject with `error` (or what the factory builds) after input
   * validation and before any state change. Queued calls for the same operation run in the order given.
   */
  failNext(operation: Operation, error: Error | (() => Error), times?: number): void;
  /** Drops every queued fault. */
  clear(): void;
}

export interface FaultInjector extends MemoryFaults {
  /** Throws the queued fault of `operation`, if any, consuming one. */
  check(operation: Operation): void;
}

interface QueuedFault {
  readonly error: Error | (() => Error);
  remaining: number;
}

export function createFaultInjector(): FaultInjector {
  const queues = new Map<Operation, QueuedFault[]>();
  return {
    failNext(operation, error, times = 1) {
      if (!Number.isInteger(times) || times < 1) {
        throw new InvalidRequestError('faults.failNext: times must be an integer of at least 1');
      }
      const queue = queues.get(operation) ?? [];
      queue.push({ error, remaining: times });
      queues.set(operation, queue);
    },
    clear() {
      queues.clear();
    },
    check(operation) {
      if (queues.size === 0) return; // the hot path: no fault queued anywhere
      const queue = queues.get(operation);
      const fault = queue?.[0];
      if (!queue || !fault) return;
      fault.remaining -= 1;
      if (fault.remaining === 0) queue.shift();
      if (queue.length === 0) queues.delete(operation);
      throw typeof fault.error === 'function' ? fault.error() : fault.error;
    },
  };
}
