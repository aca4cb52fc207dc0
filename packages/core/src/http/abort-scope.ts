import type { AbortCause } from './classify-failure.js';

/**
 * A signal that aborts when a parent does or when its own time runs out, and remembers which. One per call (parents:
 * the caller's signal and the client's, closed by `close()`; time: the total deadline) and one per attempt (parent: the call's scope, time: the attempt's
 * deadline). Listeners and timers are removed on `dispose`, so a long-lived caller signal does not collect one
 * listener per call (the leak `AbortSignal.any` has on Node 20 with long-lived sources).
 */
export interface AbortScope {
  readonly signal: AbortSignal;
  /** Why the signal aborted; undefined while it has not. */
  readonly cause: AbortCause | undefined;
  dispose(): void;
}

/** A signal that ends the scope, and the cause to record when it does. */
export interface AbortParent {
  readonly signal: AbortSignal | undefined;
  readonly cause: AbortCause | (() => AbortCause);
}

export interface AbortScopeOptions {
  readonly parent?: AbortSignal | undefined;
  /** The cause to record when `parent` aborts. @default 'aborted' */
  readonly parentCause?: (() => AbortCause) | undefined;
  /** More signals that end the scope, each with its cause (the client's close: `closed`). */
  readonly parents?: readonly AbortParent[] | undefined;
  /** Infinity for none. */
  readonly timeoutMs: number;
  readonly timeoutCause: AbortCause;
}

const abortMessages: Readonly<Record<AbortCause, string>> = {
  aborted: 'The call was aborted',
  deadline: 'The deadline passed',
  attempt_timeout: 'The attempt timeout passed',
  closed: 'The client was closed',
};

export function createAbortScope(options: AbortScopeOptions): AbortScope {
  const controller = new AbortController();
  let cause: AbortCause | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const abort = (why: AbortCause) => {
    if (cause !== undefined) return;
    cause = why;
    if (timer !== undefined) clearTimeout(timer);
    controller.abort(new Error(abortMessages[why]));
  };
  const parents: AbortParent[] = [
    { signal: options.parent, cause: options.parentCause ?? 'aborted' },
    ...(options.parents ?? []),
  ];
  const listeners = parents.map(({ signal, cause: parentCause }) => {
    const onAbort = () => abort(typeof parentCause === 'function' ? parentCause() : parentCause);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    return { signal, onAbort };
  });
  if (cause === undefined && Number.isFinite(options.timeoutMs)) {
    timer = setTimeout(() => abort(options.timeoutCause), Math.max(0, options.timeoutMs));
    // The deadline alone must not keep a process alive; a pending request or backoff sleep does that.
    timer.unref?.();
  }
  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      for (const { signal, onAbort } of listeners) signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts, even when whatever produced the
 * promise ignores the signal (a third-party limiter). A late rejection of the abandoned promise is swallowed.
 */
export function raceAbort<Value>(promise: Promise<Value>, signal: AbortSignal): Promise<Value> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
