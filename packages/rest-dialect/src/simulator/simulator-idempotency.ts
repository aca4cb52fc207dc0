import { createHash } from 'node:crypto';
import type { RecordedResponse, ResponseReplayStore } from './response-replay-store.js';

/**
 * The caller's key as the backend sees it: prefixed with a digest of the caller's identity (keys are per credential,
 * and the credential itself is not kept), within the backend's 255 characters (a longer key is replaced by its digest).
 */
export function scopedIdempotencyKey(identity: string, key: string): string {
  const scope = digest(identity).slice(0, 16);
  return `${scope}:${key.length > 255 - scope.length - 1 ? digest(key) : key}`;
}

/** A digest of a request body: the same key with another body is another request. */
export function fingerprint(body: unknown): string {
  return digest(JSON.stringify(body) ?? '');
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** How a request was answered: run now, or the recorded first answer to the same keyed request. */
export interface IdempotentAnswer {
  readonly answer: RecordedResponse;
  readonly outcome: 'executed' | 'replayed';
}

/**
 * Runs `execute` once per `replayKey`: a repeat of a request that succeeded gets the exact first answer (request id
 * included), and a duplicate that arrives while the first still runs waits for it. Without a key (a GET, or no
 * idempotency key), it simply runs.
 */
export async function answerOnce(
  replays: ResponseReplayStore,
  replayKey: string | undefined,
  execute: () => Promise<RecordedResponse>,
): Promise<IdempotentAnswer> {
  // Looked up and registered in the same tick: a duplicate arriving meanwhile waits for this execution.
  const existing = replayKey === undefined ? undefined : replays.find(replayKey);
  const recorded = existing === undefined ? undefined : await existing.catch(() => undefined);
  if (recorded) return { answer: recorded, outcome: 'replayed' };
  const execution = execute();
  // Only successes are recorded. A 4xx changed nothing, so a retry runs again (and may succeed once its cause is
  // gone, as the backend allows); a 5xx or a 429 is never final.
  if (replayKey) {
    replays.track(
      replayKey,
      execution.then((value) => (value.status < 300 ? value : undefined)),
    );
  }
  return { answer: await execution, outcome: 'executed' };
}
