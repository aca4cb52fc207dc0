import { createHash } from 'node:crypto';
import { CardGatewayError, InvalidRequestError, RateLimitError, UnsupportedOperationError } from '@cardgw/core';

/** What a step gave, made comparable between the two sides. */
export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Getters holding card data or secrets: compared by digest, so a difference report never prints them. */
const sensitiveGetters = ['pan', 'cvv', 'otp'] as const;

/**
 * A step's result or error as plain, key-sorted data. Compared: every field of a result (sensitive values by
 * digest); of an error its class, `code`, `status`, whether it has a `requestId` and a `retryAfterMs`, `retryable`,
 * `provider`, the unsupported `operation` and the fields its `issues` name. Not compared: error messages (errors are
 * told apart by class and code, never by message: CONTRIBUTING.md), the request id's value (random per request on the
 * wire) and `retryAfterMs`'s value (measured on the wall clock by the adapter's limiter, on the issuer's clock by the
 * double).
 */
export function normalizeOutcome(outcome: Outcome): unknown {
  return outcome.ok ? { ok: normalizeValue(outcome.value) } : { failed: normalizeError(outcome.error) };
}

function normalizeError(error: unknown): unknown {
  if (!CardGatewayError.isInstance(error)) {
    return { error: error instanceof Error ? error.name : typeof error, message: String(error) };
  }
  return sortKeys({
    error: error.name,
    code: error.code,
    status: error.status ?? null,
    requestId: error.requestId === undefined ? 'absent' : 'present',
    retryable: error.retryable,
    provider: error.provider ?? null,
    ...(UnsupportedOperationError.isInstance(error) ? { operation: error.operation } : {}),
    ...(InvalidRequestError.isInstance(error) ? { issues: error.issues.map((issue) => issue.field) } : {}),
    ...(RateLimitError.isInstance(error)
      ? { retryAfterMs: error.retryAfterMs === undefined ? 'absent' : 'present' }
      : {}),
  });
}

function normalizeValue(value: unknown): unknown {
  if (value === undefined) return '<undefined>';
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (typeof (value as { reveal?: unknown }).reveal === 'function') {
    return `secret:${digest(String((value as { reveal(): unknown }).reveal()))}`;
  }
  const fields: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) fields[key] = normalizeValue(item);
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    // Domain classes (CardDetails, ThreeDSChallenge) keep card data behind getters.
    for (const name of sensitiveGetters) {
      const item = (value as Record<string, unknown>)[name];
      if (typeof item === 'string') fields[name] = `digest:${digest(item)}`;
    }
  }
  return sortKeys(fields);
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)),
  );
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
