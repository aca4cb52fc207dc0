import { STATUS_CODES } from 'node:http';
import { AuthenticationError } from '../errors/authentication-error.js';
import type { CardGatewayError } from '../errors/card-gateway-error.js';
import { InsufficientFundsError } from '../errors/insufficient-funds-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { redactedExcerpt } from '../redaction/redacted-excerpt.js';
import { isSafeProviderCode } from '../redaction/safe-identifiers.js';
import type { ProviderErrorReading, ReadProviderError } from './types.js';

/** A non-2xx answer, as the pipeline hands it to `errorFromResponse`. */
export interface ErrorResponse {
  readonly provider: string;
  readonly operation: string;
  readonly status: number;
  /** The raw body: the provider's error body, or HTML, text, nothing. */
  readonly body: string;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Parsed `Retry-After`, when the provider sent one. */
  readonly retryAfterMs?: number | undefined;
  /** Values to mask in the provider's message (the API key, the seed). */
  readonly secrets?: readonly string[] | undefined;
  /** The provider's error-body reader (`HttpClientOptions.readProviderError`). Absent: the status alone decides. */
  readonly readProviderError?: ReadProviderError | undefined;
}

const maxMessageLength = 300;

/**
 * The one place a provider's status and error body become a typed error (like stripe-node's `generate()`), from the
 * adapter's reading of the body (`reading`, by default `readProviderAnswer(response)`):
 * `insufficient_funds` → InsufficientFundsError; 400/409/422 (and other 4xx) → InvalidRequestError (code from the
 * reading); 401/403 → AuthenticationError; 404 → NotFoundError; 429 → RateLimitError with `retryAfterMs`;
 * 5xx → ProviderUnavailableError `server_error`. The message names the provider and quotes its message, redacted;
 * without a reading (HTML, text, empty bodies, no reader) the message comes from the status alone.
 */
export function errorFromResponse(
  response: ErrorResponse,
  reading: ProviderErrorReading | undefined = readProviderAnswer(response),
): CardGatewayError {
  const { provider, operation, status } = response;
  const requestId = stringOrUndefined(reading?.requestId) ?? response.headers['x-request-id'];
  const message = stringOrUndefined(reading?.message);
  // The reading's code becomes ours only when it looks like a code, never free text or a credential.
  const readCode = stringOrUndefined(reading?.code);
  const bodyCode = readCode !== undefined && isSafeProviderCode(readCode) ? readCode : undefined;
  const detail =
    message === undefined
      ? `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`
      : `${quote(message, response.secrets)} (HTTP ${status}${bodyCode ? `, ${bodyCode}` : ''})`;
  const text = `${provider} ${operation} failed: ${detail}`;
  const common = { provider, status, requestId };

  if (bodyCode === 'insufficient_funds') return new InsufficientFundsError(text, common);
  if (status === 401 || status === 403) return new AuthenticationError(text, common);
  if (status === 404) return new NotFoundError(text, common);
  if (status === 429) {
    return new RateLimitError(text, { ...common, retryAfterMs: response.retryAfterMs });
  }
  if (status >= 500) return new ProviderUnavailableError(text, { ...common, code: 'server_error' });
  if (status >= 400) {
    const code = bodyCode ?? (status === 409 ? 'conflict' : 'invalid_request');
    return new InvalidRequestError(text, { ...common, code });
  }
  // 1xx/3xx: redirects are not followed (`maxRedirects: 0`), so the answer is not one we can use.
  return new ProviderResponseError(`${provider} ${operation}: unexpected HTTP ${status}`, common);
}

/**
 * The adapter's reading of a non-2xx answer (`readProviderError`), or `undefined` without a reader, when the reader
 * does not recognise the body, throws, or gives something that is not a reading. A refusal is honoured on a 4xx only:
 * a 5xx (a proxy's 502 after the provider committed), a 1xx or a 3xx never proves nothing was done.
 */
export function readProviderAnswer(response: ErrorResponse): ProviderErrorReading | undefined {
  const { readProviderError, status, body, headers } = response;
  if (readProviderError === undefined) return undefined;
  let reading: ProviderErrorReading | undefined;
  try {
    reading = readProviderError(status, body, headers);
  } catch {
    return undefined;
  }
  if (typeof reading !== 'object' || reading === null) return undefined;
  return {
    code: stringOrUndefined(reading.code),
    message: stringOrUndefined(reading.message),
    requestId: stringOrUndefined(reading.requestId),
    refusal: reading.refusal === true && status >= 400 && status < 500,
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The provider's message, redacted, then shortened (`redactedExcerpt`: a secret cut by the cut never shows). */
function quote(text: string, secrets: readonly string[] | undefined): string {
  return redactedExcerpt(text, maxMessageLength, secrets);
}
