import { randomUUID } from 'node:crypto';
import { assertIdempotencyKey } from '../validation/idempotency-key.js';
import type { HttpMethod } from './types.js';

/** The default idempotency header (`HttpClientOptions.idempotencyHeader`): the one the REST dialect's providers read. */
export const idempotencyKeyHeader = 'X-Idempotency-Key';

/** POST, PATCH and DELETE change state at the provider; GET never does. */
export function isMutating(method: HttpMethod): boolean {
  return method !== 'GET';
}

/**
 * The key of one logical call: the caller's, or a fresh UUID. Fixed before the first attempt so that every retry
 * carries the same one (a retried POST must never issue a second card). GETs carry none, but a malformed key given to
 * one is refused all the same (the rule is the same on every call: `assertIdempotencyKey`).
 */
export function idempotencyKeyFor(
  method: HttpMethod,
  callerKey: string | undefined,
  operation: string,
  provider: string,
): string | undefined {
  const key = callerKey === undefined ? undefined : assertIdempotencyKey(callerKey, operation, provider);
  if (!isMutating(method)) return undefined;
  return key ?? newIdempotencyKey();
}

/** A fresh key for a call the caller gave none: a random UUID. */
export function newIdempotencyKey(generate: () => string = randomUUID): string {
  return generate();
}
