import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/types.js';
import type { AuthStrategy, QueryValue } from './types.js';

/** The caller's extra headers, minus any that would override the auth header or the idempotency key's header. */
export function extraHeaders(
  headers: Readonly<Record<string, string>> | undefined,
  auth: AuthStrategy | undefined,
  idempotencyHeader: string,
): Record<string, string> {
  const reserved = new Set([idempotencyHeader.toLowerCase()]);
  if (auth) reserved.add(auth.headerName.toLowerCase());
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!reserved.has(name.toLowerCase())) extra[name] = value;
  }
  return extra;
}

/** The only place the secret is revealed for the wire: built per attempt, never stored. */
export function attemptHeaders(
  auth: AuthStrategy | undefined,
  idempotencyHeader: string,
  idempotencyKey: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (auth) {
    const secret = auth.secret.reveal();
    headers[auth.headerName] = auth.format ? auth.format(secret) : secret;
  }
  if (idempotencyKey !== undefined) headers[idempotencyHeader] = idempotencyKey;
  return headers;
}

/** What redaction masks besides its patterns: the secret itself and the header value built from it. */
export function secretValues(auth: AuthStrategy | undefined): readonly string[] {
  if (!auth) return [];
  const secret = auth.secret.reveal();
  const formatted = auth.format ? auth.format(secret) : secret;
  return formatted === secret ? [secret] : [formatted, secret];
}

export function serializeBody(body: unknown, operation: string, provider: string): string | undefined {
  if (body === undefined) return undefined;
  try {
    return JSON.stringify(body);
  } catch {
    throw new InvalidRequestError(`${operation}: the request body cannot be serialized as JSON`, {
      provider,
      issues: [{ field: '(body)', rule: 'must be serializable as JSON' }],
    });
  }
}

export function withQuery(path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return path;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.append(name, String(value));
  const text = search.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

/** Milliseconds since `started` (a `performance.now()`), to two decimals. */
export function since(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

export function pauseLimiter(limiter: RateLimiter, rule: RateLimitRule, ms: number): void {
  try {
    limiter.pause(rule, ms);
  } catch {
    // A limiter that cannot pause still lets the retry's backoff slow us down.
  }
}
