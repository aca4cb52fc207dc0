import {
  AuthenticationError,
  CardGatewayError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  ProviderUnavailableError,
  RateLimitError,
  UnsupportedOperationError,
} from '@cardgw/core';

/** The documented error body without its `request_id` (added when it is sent). */
export interface WireError {
  readonly status: number;
  readonly error: string;
  readonly message: string;
}

/**
 * What the provider would answer for an error the in-memory backend raised: the documented statuses (400, 401, 404,
 * 429) with the error's code as the wire's `error` (`insufficient_funds`, `not_found`, `card_terminated`, …).
 */
export function toWireError(error: unknown): WireError {
  if (!CardGatewayError.isInstance(error)) {
    return { status: 500, error: 'internal_error', message: 'The simulator failed to process the request.' };
  }
  const { code, message } = error;
  if (InsufficientFundsError.isInstance(error)) return { status: 400, error: code, message };
  if (InvalidRequestError.isInstance(error)) return { status: 400, error: code, message };
  if (NotFoundError.isInstance(error)) return { status: 404, error: code, message };
  if (UnsupportedOperationError.isInstance(error)) return { status: 404, error: 'not_found', message };
  if (AuthenticationError.isInstance(error)) return { status: 401, error: code, message };
  if (RateLimitError.isInstance(error)) return { status: 429, error: 'rate_limit_exceeded', message };
  if (ProviderUnavailableError.isInstance(error)) return { status: 503, error: 'service_unavailable', message };
  return { status: 400, error: code, message };
}

/** The canned error bodies of injected faults and of the simulator's own checks. */
export const wireErrors = {
  notFound: (what: string): WireError => ({ status: 404, error: 'not_found', message: `${what} not found.` }),
  unauthorized: (message: string): WireError => ({ status: 401, error: 'unauthorized', message }),
  rateLimited: (rule: string): WireError => ({
    status: 429,
    error: 'rate_limit_exceeded',
    message: `Rate limit exceeded (${rule}). Retry after the time in the Retry-After header.`,
  }),
  injected: (status: number): WireError => ({
    status,
    error: status === 503 ? 'service_unavailable' : status >= 500 ? 'server_error' : 'request_failed',
    message: 'Injected failure.',
  }),
  invalidJson: (): WireError => ({
    status: 400,
    error: 'invalid_request',
    message: 'The request body is not valid JSON.',
  }),
  tooLarge: (): WireError => ({ status: 413, error: 'payload_too_large', message: 'The request body is too large.' }),
} as const;
