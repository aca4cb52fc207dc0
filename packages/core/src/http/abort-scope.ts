import { subscribeToAbort } from './abort-fan-out.js';
import type { AbortCause } from './classify-failure.js';

/**
 * A signal that aborts when a parent does or when its own time runs out, and remembers which. One per call (parents:
 * the caller's signal and the client's, closed by `close()`; time: the total deadline) and one per attempt (parent:
 * the call's scope, time: the attempt's deadline). A parent holds one listener however many scopes are open on it
 * (`subscribeToAbort`), removed with the last scope's `dispose`: calls under way at once on one long-lived signal
 * neither collect a listener each nor trip Node's `MaxListenersExceededWarning` (nor leak, as `AbortSignal.any` does
 * on Node 20 with long-lived sources).
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

/**
 * One call's abort scope: joins the caller's `AbortSignal`, the call's deadline (milliseconds) and the client's own
 * closing into one signal, and says which of them stopped the call.
 */
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
  const unsubscribes = parents.map(({ signal, cause: parentCause }) =>
    signal === undefined
      ? () => {}
      : subscribeToAbort(signal, () => abort(typeof parentCause === 'function' ? parentCause() : parentCause)),
  );
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
      for (const unsubscribe of unsubscribes) unsubscribe();
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
    // Shared listener: many calls may sleep on one long-lived signal at once (retries in a burst).
    const unsubscribe = subscribeToAbort(signal, () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
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
    const unsubscribe = subscribeToAbort(signal, () => {
      promise.catch(() => {});
      reject(signal.reason);
    });
    promise.then(
      (value) => {
        unsubscribe();
        resolve(value);
      },
      (error: unknown) => {
        unsubscribe();
        reject(error);
      },
    );
  });
}
