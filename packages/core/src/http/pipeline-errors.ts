import { CardGatewayError } from '../errors/card-gateway-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { redactText } from '../redaction/redact.js';
import type { AbortCause, AttemptFailure, AttemptProgress } from './classify-failure.js';

/** Why a call's own scope stopped it (its caller, its deadline, the client's close), when it did. */
export function stopCause(cause: AbortCause | undefined): 'aborted' | 'deadline' | 'closed' | undefined {
  return cause === 'attempt_timeout' ? 'deadline' : cause;
}

export function closedError(provider: string, operation: string, cause?: unknown): ProviderUnavailableError {
  return new ProviderUnavailableError(`${provider} ${operation}: the HTTP client is closed`, {
    provider,
    code: 'client_closed',
    cause,
  });
}

/** The error of a call its caller, its deadline (`timeoutMs` long) or the client's close stopped. */
export function stoppedError(
  why: 'aborted' | 'deadline' | 'closed',
  provider: string,
  operation: string,
  timeoutMs: number,
  cause?: unknown,
): CardGatewayError {
  if (why === 'closed') return closedError(provider, operation, cause);
  if (why === 'aborted') {
    return new TimeoutError(`${provider} ${operation}: aborted by the caller`, { provider, code: 'aborted', cause });
  }
  return new TimeoutError(`${provider} ${operation}: the deadline of ${timeoutMs} ms passed`, { provider, cause });
}

/** The typed error of an attempt that got no response; its cause is the redacted `TransportError`. */
export function transportFailureError(
  failure: AttemptFailure,
  progress: Readonly<AttemptProgress>,
  cause: unknown,
  provider: string,
  operation: string,
): CardGatewayError {
  const reason = cause instanceof Error ? cause.message : 'unknown transport error';
  const unavailable = (what: string, code: 'connection_failed' | 'connection_reset') =>
    new ProviderUnavailableError(`${provider} ${operation}: ${what} (${reason})`, { provider, code, cause });
  switch (failure.kind) {
    case 'attempt_timeout':
      return new TimeoutError(`${provider} ${operation}: the attempt timed out`, { provider, code: 'timeout', cause });
    case 'certificate_rejected':
      // Failover reads connection_failed: nothing was sent. Not retried: a refused certificate does not fix itself.
      return unavailable("the provider's TLS certificate was refused", 'connection_failed');
    case 'connection_failed':
      return unavailable(
        progress.connected ? 'the connection broke before the request was sent' : 'could not connect',
        'connection_failed',
      );
    default:
      return unavailable('the connection broke', 'connection_reset');
  }
}

/** The limiter refused (past the deadline) or broke: a typed error naming the provider. */
export function limiterError(error: unknown, provider: string, operation: string): CardGatewayError {
  if (RateLimitError.isInstance(error)) {
    return new RateLimitError(`${provider} ${operation}: ${error.message}`, {
      provider,
      retryAfterMs: error.retryAfterMs,
      cause: error,
    });
  }
  if (CardGatewayError.isInstance(error)) return error;
  return new ProviderUnavailableError(`${provider} ${operation}: the rate limiter failed`, {
    provider,
    code: 'rate_limiter_failed',
    cause: plainCause(error),
  });
}

/** Anything unexpected, as a typed error with a plain, redacted cause (never a foreign error object). */
export function asGatewayError(error: unknown, provider: string, operation: string): CardGatewayError {
  if (CardGatewayError.isInstance(error)) return error;
  return new ProviderUnavailableError(`${provider} ${operation}: unexpected failure`, {
    provider,
    cause: plainCause(error),
  });
}

function plainCause(error: unknown): Error {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new Error(redactText(message));
}
