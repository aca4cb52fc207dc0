/** What an idempotent replay sends again: the first answer's status and body, byte for byte. */
export interface RecordedResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * The simulator's exact replays: a request identical to an earlier successful one (same client, key, method, path and
 * body) gets the recorded answer byte for byte, and one arriving while the first still runs waits for it. What a key
 * means otherwise (the same key with other parameters) is the backend's to decide. Bounded: the oldest keys are
 * forgotten first.
 */
export interface ResponseReplayStore {
  /** The recorded (or in-flight) answer for `key`, if any. */
  find(key: string): Promise<RecordedResponse> | undefined;
  /** Registers the execution of `key`; its answer is replayed once it settles (a failure is not recorded). */
  track(key: string, response: Promise<RecordedResponse | undefined>): void;
  readonly size: number;
}

/**
 * @param capacity how many keys are kept (the oldest are forgotten first); beyond it the backend's own replay still
 *   answers the same outcome, under a new request id.
 * @param now the clock keys age on (the backend's), with `retentionMs`: a key older than that is forgotten, as the
 *   backend forgets it. @default no expiry
 */
export function createResponseReplayStore(
  capacity = 10_000,
  now: () => number = () => 0,
  retentionMs = Number.POSITIVE_INFINITY,
): ResponseReplayStore {
  const entries = new Map<string, Promise<RecordedResponse>>();
  const storedAt = new Map<string, number>();
  return {
    find(key) {
      const at = storedAt.get(key);
      if (at !== undefined && at < now() - retentionMs) {
        entries.delete(key);
        storedAt.delete(key);
      }
      return entries.get(key);
    },
    track(key, response) {
      const recorded = response.then((value) => {
        if (value === undefined) throw new Error('not recorded');
        return value;
      });
      // A response that is not recorded (any failure) lets a retry execute for real.
      recorded.catch(() => {
        if (entries.get(key) !== recorded) return;
        entries.delete(key);
        storedAt.delete(key);
      });
      entries.delete(key); // re-inserted at the end: the oldest key stays first
      entries.set(key, recorded);
      storedAt.set(key, now());
      while (entries.size > capacity) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
        storedAt.delete(oldest);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
