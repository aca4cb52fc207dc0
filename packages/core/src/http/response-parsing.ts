import { ProviderResponseError } from '../errors/provider-response-error.js';
import { redactText } from '../redaction/redact.js';
import { redactedExcerpt } from '../redaction/redacted-excerpt.js';
import type { ResponseIssue, ResponseSchema } from './types.js';

/** The most of a body an error carries: enough for a bug report, too little to hold a page of card data. */
export const maxExcerptLength = 300;
const maxIssuesNamed = 5;
const maxPathSegmentLength = 40;
/** How many items of each array the schema sees again to name the failing fields (see `namedIssues`). */
const sampledItemsPerArray = 3;
/** The most values (objects, arrays, leaves) a sample may hold, and how deep it may go, before naming gives up on it. */
const maxSampledValues = 1_000;
const maxSampledDepth = 32;

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
  const result = safeParseStoppingEarly(schema, parsed.value);
  if (result.success) return { data: result.data, requestId };
  const issues = namedIssues(schema, parsed.value, result.error.issues);
  const what = parsed.value === undefined ? 'is empty' : `does not match: ${describeIssues(issues)}`;
  throw new ProviderResponseError(redactText(`${provider} ${operation}: the response (HTTP ${status}) ${what}`), {
    provider,
    status,
    requestId,
    excerpt: parsed.value === undefined ? '' : excerptOf(body, context.secrets),
  });
}

/**
 * `schema.safeParse(value)`, stopping at the first failing item of an array or field of an object (zod's `abortEarly`,
 * the mode of its own `validate`): the verdict and the data are the same, but a 5 MB page of 80,000 bad records costs
 * one record's issues instead of 700,000 (10 s of CPU, measured). Schemas that are not zod ignore the extra argument.
 */
function safeParseStoppingEarly<Output>(
  schema: ResponseSchema<Output>,
  value: unknown,
): ReturnType<ResponseSchema<Output>['safeParse']> {
  const safeParse = schema.safeParse as (
    input: unknown,
    context: { readonly abortEarly: boolean },
  ) => ReturnType<ResponseSchema<Output>['safeParse']>;
  return safeParse.call(schema, value, { abortEarly: true });
}

/**
 * The issues the error names: those of a bounded sample of the body (each array cut to its first 3 items), so a small
 * body's error names every failing field as before while a huge one costs no more than a small one. When the sample
 * passes (the first bad item lies further on) or the body is too big or deep to sample, the issues of the verdict.
 */
function namedIssues<Output>(
  schema: ResponseSchema<Output>,
  value: unknown,
  verdictIssues: readonly ResponseIssue[],
): readonly ResponseIssue[] {
  const sample = sampleOf(value, { values: 0 }, 0);
  if (sample === tooBigToSample) return verdictIssues;
  const result = schema.safeParse(sample);
  return (result.success ? verdictIssues : result.error.issues).flatMap(deepestAlternative);
}

/**
 * A zod `invalid_union` issue ("Invalid input": a list is `{ data: [...] }` or a bare array) replaced by the issues of
 * the alternative that read furthest into the body, so the error names `data.0.id` rather than the whole body. Their
 * paths are relative to the union's own, which is prefixed. Any other issue is kept as it is.
 */
function deepestAlternative(issue: ResponseIssue): readonly ResponseIssue[] {
  const alternatives = (issue as { errors?: unknown }).errors;
  if (!Array.isArray(alternatives)) return [issue];
  const depth = (issues: readonly ResponseIssue[]) => Math.max(-1, ...issues.map((inner) => inner.path.length));
  let deepest: readonly ResponseIssue[] = [];
  for (const alternative of alternatives as readonly (readonly ResponseIssue[])[]) {
    if (Array.isArray(alternative) && depth(alternative) > depth(deepest)) deepest = alternative;
  }
  if (deepest.length === 0) return [issue];
  return deepest.map((inner) => ({ path: [...issue.path, ...inner.path], message: inner.message }));
}

const tooBigToSample = Symbol('too big to sample');

/** A copy of a parsed JSON `value` with every array cut to its first items; `tooBigToSample` past the bounds. */
function sampleOf(value: unknown, counted: { values: number }, depth: number): unknown {
  counted.values++;
  if (counted.values > maxSampledValues || depth > maxSampledDepth) return tooBigToSample;
  if (typeof value !== 'object' || value === null) return value;
  const items: [string, unknown][] = Array.isArray(value)
    ? value.slice(0, sampledItemsPerArray).map((item, index) => [String(index), item])
    : Object.entries(value);
  const sampled: [string, unknown][] = [];
  for (const [key, item] of items) {
    const copy = sampleOf(item, counted, depth + 1);
    if (copy === tooBigToSample) return tooBigToSample;
    sampled.push([key, copy]);
  }
  // `Object.fromEntries` defines each key, so a `__proto__` key in the body stays a plain field.
  return Array.isArray(value) ? sampled.map(([, copy]) => copy) : Object.fromEntries(sampled);
}

function describeIssues(issues: readonly ResponseIssue[]): string {
  const named = issues.slice(0, maxIssuesNamed).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(pathSegment).join('.') : '(body)';
    return `${path} ${issue.message}`;
  });
  const more = issues.length > maxIssuesNamed ? `; and ${issues.length - maxIssuesNamed} more` : '';
  return `${named.join('; ')}${more}`;
}

/** A key of the body as the message names it: redacted, then cut, so a 1 MB key does not make a 1 MB message. */
function pathSegment(segment: PropertyKey): string {
  return redactedExcerpt(String(segment), maxPathSegmentLength);
}

function requestIdIn(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const requestId = (value as { request_id?: unknown }).request_id;
  return typeof requestId === 'string' && requestId !== '' ? requestId : undefined;
}
