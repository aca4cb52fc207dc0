import { InvalidRequestError, type ValidationIssue } from '../errors/invalid-request-error.js';

/** What `parseInput` reads of an issue: zod's issues fit, but no zod type is part of the signature. */
export interface InputIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** Present on unknown-key issues. */
  readonly keys?: readonly string[];
  readonly expected?: string;
}

/** The minimal shape of an input schema (any zod schema fits); `safeParse` must not throw. */
export interface InputSchema<Output> {
  /** Checks `input`; never throws. */
  safeParse(
    input: unknown,
  ): { success: true; data: Output } | { success: false; error: { readonly issues: readonly InputIssue[] } };
}

/**
 * Validates a call's input before any I/O. A violation throws `InvalidRequestError` whose message names the
 * operation, each field and the rule it broke; the offending value itself is never echoed (it may be a secret).
 */
export function parseInput<Output>(
  schema: InputSchema<Output>,
  input: unknown,
  operation: string,
  provider?: string,
): Output {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)',
    rule: describeIssue(issue),
  }));
  const summary = issues.map((issue) => `${issue.field} ${issue.rule}`).join('; ');
  throw new InvalidRequestError(`${operation}: ${summary}`, { issues, provider });
}

function describeIssue(issue: InputIssue): string {
  if (issue.code === 'unrecognized_keys') return `has unknown field(s): ${(issue.keys ?? []).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) return `must be ${issue.expected}`;
  // zod's defaults, capitalised and mid-message: "Invalid option: expected one of …", a union's bare "Invalid input".
  if (issue.message === 'Invalid input') return 'is not in any accepted form';
  return issue.message.replace(/^Invalid input: /, 'must be ').replace(/^Invalid option: expected /, 'must be ');
}

/** Validates a card (or challenge, transaction, webhook) id for `operation`. */
export function parseIdInput(schema: InputSchema<string>, id: unknown, operation: string, provider?: string): string {
  return parseInput(schema, id, operation, provider);
}
