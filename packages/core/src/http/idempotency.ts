import { randomUUID } from 'node:crypto';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { HttpMethod } from './types.js';

/** The header both documented providers read to replay, instead of repeat, a call they have already seen. */
export const idempotencyKeyHeader = 'X-Idempotency-Key';

/** POST, PATCH and DELETE change state at the provider; GET never does. */
export function isMutating(method: HttpMethod): boolean {
  return method !== 'GET';
}

// Visible ASCII only: the key goes into a header as is.
const validKey = /^[\x21-\x7e]{1,255}$/;

/**
 * The key of one logical call: the caller's, or a fresh UUID. Fixed before the first attempt so that every retry
 * carries the same one (a retried POST must never issue a second card). GETs carry none.
 */
export function idempotencyKeyFor(
  method: HttpMethod,
  callerKey: string | undefined,
  operation: string,
  provider: string,
): string | undefined {
  if (!isMutating(method)) return undefined;
  if (callerKey === undefined) return randomUUID();
  if (typeof callerKey !== 'string' || !validKey.test(callerKey)) {
    throw new InvalidRequestError(`${operation}: idempotencyKey must be 1–255 visible ASCII characters`, {
      provider,
      issues: [{ field: 'idempotencyKey', rule: 'must be 1–255 visible ASCII characters' }],
    });
  }
  return callerKey;
}
