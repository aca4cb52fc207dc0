import { InvalidRequestError, type Operation } from '@cardgw/core';
import { isOperation } from '@cardgw/core/provider-utils';

/** Makes the next calls of an operation fail, as a provider outage or a business refusal would. */
export interface MemoryFaults {
  /**
   * The next `times` calls (default 1) of `operation` reject with `error` (or what the factory builds) after input
   * validation and before any state change. Queued calls for the same operation run in the order given. An unknown
   * operation, an `error` that is neither an Error nor a function, or a `times` that is not an integer of at least 1
   * is an InvalidRequestError here, not a surprise at the faulted call.
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
      if (!isOperation(operation)) refuse('operation', 'must be an operation of the port, like cards.create');
      if (!isError(error) && typeof error !== 'function')
        refuse('error', 'must be an Error or a function returning one');
      if (!Number.isInteger(times) || times < 1) refuse('times', 'must be an integer of at least 1');
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
      throw typeof fault.error === 'function' ? built(fault.error, operation) : fault.error;
    },
  };
}

function refuse(field: string, rule: string): never {
  throw new InvalidRequestError(`faults.failNext: ${field} ${rule}`, { issues: [{ field, rule }] });
}

/** What a fault factory built; anything but an Error (a bug in the test) is reported as such, typed. */
function built(factory: () => Error, operation: Operation): Error {
  const error: unknown = factory();
  if (isError(error)) return error;
  return new InvalidRequestError(`faults.failNext: the factory queued for ${operation} returned no Error`, {
    issues: [{ field: 'error', rule: 'must return an Error' }],
  });
}

/** An Error, also from another realm (a `vm` context), where `instanceof Error` is false. */
function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}
