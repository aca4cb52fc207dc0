import pRetry from 'p-retry';
import { sleep } from './abort-scope.js';
import { AttemptError } from './attempt.js';
import { isRetryable } from './classify-failure.js';
import type { PipelineCall, PipelineClient } from './pipeline-state.js';
import { backoffDelay } from './retry-policy.js';

/**
 * Runs `attempt` until it succeeds or the last failure may not be repeated. p-retry does the retrying (attempt
 * counting, the caller's signal, the total time); the waits are ours, since p-retry has no `Retry-After`: full-jitter
 * backoff, or the provider's `Retry-After` up to `retry.maxRetryAfterMs`, never past the call's deadline (a wait that
 * would outlive it only turns the real cause into a timeout: the call stops with the cause). Rejects with what the
 * last attempt threw (an `AttemptError`), or p-retry's abort error when the call stopped between attempts.
 */
export function retryAttempts<Result>(
  client: PipelineClient,
  call: PipelineCall<unknown>,
  attempt: (attemptNumber: number) => Promise<Result>,
): Promise<Result> {
  const { retry, observer } = client;
  const shouldRetry = async ({ error, attemptNumber }: { error: Error; attemptNumber: number }) => {
    if (!(error instanceof AttemptError) || !isRetryable(error.failure)) return false;
    const remainingMs = call.deadline - Date.now();
    const { retryAfterMs } = error;
    // A Retry-After we cannot honour ends the call now.
    if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) return false;
    const delayMs = retryAfterMs ?? backoffDelay(attemptNumber - 1, retry);
    if (delayMs >= remainingMs) return false;
    observer.retry({
      ...call.eventOf(attemptNumber),
      delayMs,
      errorCode: error.error.code,
      status: error.error.status,
    });
    await sleep(delayMs, call.scope.signal);
    return true;
  };
  return pRetry(attempt, {
    retries: call.maxRetries,
    // Delays are computed in shouldRetry (full jitter, Retry-After); p-retry's own backoff is off.
    minTimeout: 0,
    maxRetryTime: Math.max(1, call.deadline - Date.now()),
    signal: call.scope.signal,
    shouldRetry,
  });
}
