import { type ProviderErrorReading, parseJson } from '@cardgw/core/provider-utils';

/**
 * The refusals the REST dialect's API pages document (400 invalid parameters, 401 missing or invalid credentials, 404
 * not found, 429 rate limit exceeded): given in the provider's own error body, such an answer proves nothing was done.
 * 403, 409, 422 and the rest are documented by neither page (a 403 can be a WAF refusing the provider's response on
 * its way back).
 */
const restRefusalStatuses: ReadonlySet<number> = new Set([400, 401, 404, 429]);

/**
 * The REST dialect's error body, `{ "error": "insufficient_funds", "message": …, "code": 400, "request_id": … }`
 * (both API pages), read for `createHttpClient`'s `readProviderError`: `error` as the code, `message`, `request_id`,
 * each only when it is a non-empty string. The answer is a documented refusal (`refusal: true`) only when the body is a
 * JSON object with a string `error` and a numeric `code` equal to the HTTP status (so the provider itself answered,
 * not a load balancer's or proxy's own page) and the status is one the pages document (400, 401, 404, 429).
 * Returns `undefined` for a body that is not a JSON object (HTML, text, nothing).
 */
export function readRestProviderError(status: number, body: string): ProviderErrorReading | undefined {
  const parsed = parseJson(body);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return undefined;
  }
  const value = parsed.value as Record<string, unknown>;
  const field = (name: string): string | undefined => {
    const item = value[name];
    return typeof item === 'string' && item.trim() !== '' ? item : undefined;
  };
  const error = field('error');
  return {
    code: error,
    message: field('message'),
    requestId: field('request_id'),
    refusal: error !== undefined && value.code === status && restRefusalStatuses.has(status),
  };
}
