/** Infrastructure faults a simulator injects on request, counted on arriving requests. */
export interface SimulatorFaults {
  /** Delay every response by `ms` (0 turns it off). */
  latency(ms: number): void;
  /** The next `count` requests answer `status` (default 500) in the documented error shape, without executing. */
  failNext(count?: number, status?: number): void;
  /** The next `count` requests have their socket destroyed before anything executes (nothing can have happened). */
  resetNext(count?: number): void;
  /**
   * The next `count` requests execute (the operation commits), then never get an answer: the socket is destroyed after
   * `destroyAfterMs`, or held open until the client gives up (or the simulator closes) when it is not given.
   */
  timeoutAfterCommitNext(count?: number, options?: { readonly destroyAfterMs?: number | undefined }): void;
  /** The next `count` requests answer 429 in the documented error shape, with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(count?: number, options?: { readonly retryAfterSeconds?: number | undefined }): void;
  /** Stop listening and drop every open connection: new connections are refused (ECONNREFUSED). */
  refuseConnections(): Promise<void>;
  /** Listen again, on the same port. */
  acceptConnections(): Promise<void>;
  /** Clears every queued fault and the latency (connections are left as they are). */
  clear(): void;
}

/** The fault a request drew on arrival. */
export type DrawnFault =
  | { readonly kind: 'none' }
  | { readonly kind: 'fail'; readonly status: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'timeout-after-commit'; readonly destroyAfterMs: number | undefined }
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number };

export interface FaultController {
  readonly faults: SimulatorFaults;
  /** Consumes the first queued fault, in the order resets → failures → 429s → timeouts after commit. */
  draw(): DrawnFault;
  latencyMs(): number;
}

interface Queued<Detail> {
  remaining: number;
  readonly detail: Detail;
}

export function createFaultController(connections: {
  refuse(): Promise<void>;
  accept(): Promise<void>;
}): FaultController {
  let latency = 0;
  const resets: Queued<undefined>[] = [];
  const failures: Queued<number>[] = [];
  const rateLimits: Queued<number>[] = [];
  const timeouts: Queued<number | undefined>[] = [];

  const enqueue = <Detail>(queue: Queued<Detail>[], count: number, detail: Detail) => {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('faults: count must be an integer ≥ 1');
    queue.push({ remaining: count, detail });
  };
  const take = <Detail>(queue: Queued<Detail>[]): Queued<Detail> | undefined => {
    const head = queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) queue.shift();
    return head;
  };

  const faults: SimulatorFaults = {
    latency(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('faults.latency: ms must be ≥ 0');
      latency = ms;
    },
    failNext(count = 1, status = 500) {
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new RangeError('faults.failNext: status must be an HTTP error status');
      }
      enqueue(failures, count, status);
    },
    resetNext(count = 1) {
      enqueue(resets, count, undefined);
    },
    timeoutAfterCommitNext(count = 1, options = {}) {
      enqueue(timeouts, count, options.destroyAfterMs);
    },
    rateLimitNext(count = 1, options = {}) {
      enqueue(rateLimits, count, options.retryAfterSeconds ?? 1);
    },
    refuseConnections: () => connections.refuse(),
    acceptConnections: () => connections.accept(),
    clear() {
      latency = 0;
      for (const queue of [resets, failures, rateLimits, timeouts]) queue.length = 0;
    },
  };

  return {
    faults,
    latencyMs: () => latency,
    draw() {
      if (take(resets)) return { kind: 'reset' };
      const failure = take(failures);
      if (failure) return { kind: 'fail', status: failure.detail };
      const rateLimit = take(rateLimits);
      if (rateLimit) return { kind: 'rate-limit', retryAfterSeconds: rateLimit.detail };
      const timeout = take(timeouts);
      if (timeout) return { kind: 'timeout-after-commit', destroyAfterMs: timeout.detail };
      return { kind: 'none' };
    },
  };
}
