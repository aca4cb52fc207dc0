import { ProviderResponseError } from '../errors/provider-response-error.js';
import { redactText } from '../redaction/redact.js';
import { redactedExcerpt } from '../redaction/redacted-excerpt.js';
import type { ResponseIssue, ResponseSchema } from './types.js';

/** The most of a body an error carries: enough for a bug report, too little to hold a page of card data. */
export const maxExcerptLength = 300;
const maxIssuesNamed = 5;

/** `JSON.parse` that never throws. An empty (or blank) body reads as `undefined`. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The start of a body, redacted first (so a cut never leaves half a PAN readable), then shortened: `redactedExcerpt`. */
export function excerptOf(body: string, secrets?: readonly string[]): string {
  return redactedExcerpt(body, maxExcerptLength, secrets);
}

export interface SuccessContext {
  readonly provider: string;
  readonly operation: string;
  readonly status: number;
  /** From the `X-Request-Id` header; the body's `request_id` wins when it has one. */
  readonly requestId: string | undefined;
  readonly secrets?: readonly string[] | undefined;
}

/**
 * Reads a 2xx body with the request's schema. Not JSON (an HTML page from a proxy), empty when the schema wants a
 * value, or JSON missing a required field: `ProviderResponseError` naming the failing fields, with the request id and
 * a redacted excerpt.
 */
export function parseSuccessBody<Output>(
  schema: ResponseSchema<Output>,
  body: string,
  context: SuccessContext,
): { data: Output; requestId: string | undefined } {
  const { provider, operation, status } = context;
  const parsed = parseJson(body);
  if (!parsed.ok) {
    throw new ProviderResponseError(`${provider} ${operation}: the response (HTTP ${status}) is not JSON`, {
      provider,
      status,
      requestId: context.requestId,
      excerpt: excerptOf(body, context.secrets),
    });
  }
  const requestId = requestIdIn(parsed.value) ?? context.requestId;
  const result = schema.safeParse(parsed.value);
  if (result.success) return { data: result.data, requestId };
  const what = parsed.value === undefined ? 'is empty' : `does not match: ${describeIssues(result.error.issues)}`;
  throw new ProviderResponseError(redactText(`${provider} ${operation}: the response (HTTP ${status}) ${what}`), {
    provider,
    status,
    requestId,
    excerpt: parsed.value === undefined ? '' : excerptOf(body, context.secrets),
  });
}

function describeIssues(issues: readonly ResponseIssue[]): string {
  const named = issues.slice(0, maxIssuesNamed).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
    return `${path} ${issue.message}`;
  });
  const more = issues.length > maxIssuesNamed ? `; and ${issues.length - maxIssuesNamed} more` : '';
  return `${named.join('; ')}${more}`;
}

function requestIdIn(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const requestId = (value as { request_id?: unknown }).request_id;
  return typeof requestId === 'string' && requestId !== '' ? requestId : undefined;
}
