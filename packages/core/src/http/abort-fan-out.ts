/**
 * One `abort` listener per signal, shared by every subscriber. Many calls under way at once hang off the same
 * long-lived signal (a client's lifetime, a simulator's stop signal, one caller signal handed to a burst of calls):
 * a listener per call would collect hundreds on it, and Node warns past 10 (`MaxListenersExceededWarning: Possible
 * EventTarget memory leak detected`). Raising the limit would hide a real leak elsewhere; this keeps the signal's
 * listener count at one whatever the concurrency, and at zero once no call is under way.
 */
interface FanOut {
  readonly subscribers: Set<() => void>;
  readonly listener: () => void;
}

const fanOuts = new WeakMap<AbortSignal, FanOut>();

/**
 * Calls `onAbort` once when `signal` aborts (at once, synchronously, if it already has). Returns the unsubscribe
 * function, to call when the subscriber stops caring (its call ended); the signal's one listener is removed with its
 * last subscriber. Unsubscribing twice, or after the abort, does nothing.
 */
export function subscribeToAbort(signal: AbortSignal, onAbort: () => void): () => void {
  if (signal.aborted) {
    onAbort();
    return () => {};
  }
  let fanOut = fanOuts.get(signal);
  if (fanOut === undefined) {
    const subscribers = new Set<() => void>();
    const listener = () => {
      fanOuts.delete(signal);
      // A copy: a subscriber may unsubscribe another (or itself) while the abort is fanned out.
      for (const subscriber of [...subscribers]) {
        if (subscribers.delete(subscriber)) subscriber();
      }
    };
    fanOut = { subscribers, listener };
    fanOuts.set(signal, fanOut);
    signal.addEventListener('abort', listener, { once: true });
  }
  const { subscribers, listener } = fanOut;
  // A function per subscription: the same `onAbort` subscribed twice is two subscriptions.
  const subscription = () => onAbort();
  subscribers.add(subscription);
  return () => {
    if (!subscribers.delete(subscription) || subscribers.size > 0) return;
    signal.removeEventListener('abort', listener);
    if (fanOuts.get(signal) === fanOut) fanOuts.delete(signal);
  };
}
