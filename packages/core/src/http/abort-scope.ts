import type { AbortCause } from './classify-failure.js';

/**
 * A signal that aborts when its parent does or when its own time runs out, and remembers which. One per call (parent:
 * the caller's signal, time: the total deadline) and one per attempt (parent: the call's scope, time: the attempt's
 * deadline). Listeners and timers are removed on `dispose`, so a long-lived caller signal does not collect one
 * listener per call (the leak `AbortSignal.any` has on Node 20 with long-lived sources).
 */
export interface AbortScope {
  readonly signal: AbortSignal;
  /** Why the signal aborted; undefined while it has not. */
  readonly cause: AbortCause | undefined;
  dispose(): void;
}

export interface AbortScopeOptions {
  readonly parent?: AbortSignal | undefined;
  /** The cause to record when the parent aborts. @default 'aborted' */
  readonly parentCause?: (() => AbortCause) | undefined;
  /** Infinity for none. */
  readonly timeoutMs: number;
  readonly timeoutCause: AbortCause;
}

export function createAbortScope(options: AbortScopeOptions): AbortScope {
  const controller = new AbortController();
  let cause: AbortCause | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const abort = (why: AbortCause) => {
    if (cause !== undefined) return;
    cause = why;
    if (timer !== undefined) clearTimeout(timer);
    controller.abort(new Error(why === 'aborted' ? 'The call was aborted' : `The ${why.replace('_', ' ')} passed`));
  };
  const onParentAbort = () => abort(options.parentCause?.() ?? 'aborted');
  const { parent } = options;
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
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
      parent?.removeEventListener('abort', onParentAbort);
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
