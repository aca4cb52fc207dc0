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
import { parseJson } from './response-parsing.js';

/** A non-2xx answer, as the pipeline hands it to `errorFromResponse`. */
export interface ErrorResponse {
  readonly provider: string;
  readonly operation: string;
  readonly status: number;
  /** The raw body: the documented `{ error, message, code, request_id }`, or HTML, text, nothing. */
  readonly body: string;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Parsed `Retry-After`, when the provider sent one. */
  readonly retryAfterMs?: number | undefined;
  /** Values to mask in the provider's message (the API key, the seed). */
  readonly secrets?: readonly string[] | undefined;
}

/** The documented error body, each field read only when it has the documented type. */
interface ProviderErrorBody {
  readonly error: string | undefined;
  readonly message: string | undefined;
  readonly requestId: string | undefined;
}

const maxMessageLength = 300;

/**
 * The one place a provider's status and error body become a typed error (like stripe-node's `generate()`):
 * `insufficient_funds` → InsufficientFundsError; 400/409/422 (and other 4xx) → InvalidRequestError (code from the
 * body's `error`); 401/403 → AuthenticationError; 404 → NotFoundError; 429 → RateLimitError with `retryAfterMs`;
 * 5xx → ProviderUnavailableError `server_error`. The message names the provider and quotes its message, redacted;
 * HTML, text or empty bodies give a message from the status alone.
 */
export function errorFromResponse(response: ErrorResponse): CardGatewayError {
  const { provider, operation, status } = response;
  const body = readErrorBody(response.body);
  const requestId = body.requestId ?? response.headers['x-request-id'];
  // Body `error` values become our `code`: kept only when they look like a code, never free text or a credential.
  const bodyCode = body.error !== undefined && isSafeProviderCode(body.error) ? body.error : undefined;
  const detail =
    body.message === undefined
      ? `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`
      : `${quote(body.message, response.secrets)} (HTTP ${status}${bodyCode ? `, ${bodyCode}` : ''})`;
  const message = `${provider} ${operation} failed: ${detail}`;
  const common = { provider, status, requestId };

  if (bodyCode === 'insufficient_funds') return new InsufficientFundsError(message, common);
  if (status === 401 || status === 403) return new AuthenticationError(message, common);
  if (status === 404) return new NotFoundError(message, common);
  if (status === 429) {
    return new RateLimitError(message, { ...common, retryAfterMs: response.retryAfterMs });
  }
  if (status >= 500) return new ProviderUnavailableError(message, { ...common, code: 'server_error' });
  if (status >= 400) {
    const code = bodyCode ?? (status === 409 ? 'conflict' : 'invalid_request');
    return new InvalidRequestError(message, { ...common, code });
  }
  // 1xx/3xx: redirects are not followed (`maxRedirects: 0`), so the answer is not one we can use.
  return new ProviderResponseError(`${provider} ${operation}: unexpected HTTP ${status}`, common);
}

/**
 * Whether `body` is the providers' documented error body for `status`: a JSON object with a string `error` and a
 * numeric `code` equal to the HTTP status (`{ "error": "insufficient_funds", "message": …, "code": 400, "request_id":
 * … }` on both API pages). A load balancer's or proxy's own page (HTML, text, its own JSON) is not: only the
 * provider's answer can prove what the provider did.
 */
export function isProviderErrorBody(body: string, status: number): boolean {
  const parsed = parseJson(body);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return false;
  }
  const { error, code } = parsed.value as Record<string, unknown>;
  return typeof error === 'string' && error.trim() !== '' && code === status;
}

function readErrorBody(text: string): ProviderErrorBody {
  const parsed = parseJson(text);
  const value = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? parsed.value : {};
  const field = (name: string): string | undefined => {
    const item = (value as Record<string, unknown>)[name];
    return typeof item === 'string' && item.trim() !== '' ? item : undefined;
  };
  return { error: field('error'), message: field('message'), requestId: field('request_id') };
}

/** The provider's message, redacted, then shortened (`redactedExcerpt`: a secret cut by the cut never shows). */
function quote(text: string, secrets: readonly string[] | undefined): string {
  return redactedExcerpt(text, maxMessageLength, secrets);
}
