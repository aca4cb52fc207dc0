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

export function createResponseReplayStore(capacity = 10_000): ResponseReplayStore {
  const entries = new Map<string, Promise<RecordedResponse>>();
  return {
    find: (key) => entries.get(key),
    track(key, response) {
      const recorded = response.then((value) => {
        if (value === undefined) throw new Error('not recorded');
        return value;
      });
      // A response that is not recorded (any failure) lets a retry execute for real.
      recorded.catch(() => {
        if (entries.get(key) === recorded) entries.delete(key);
      });
      entries.set(key, recorded);
      while (entries.size > capacity) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
