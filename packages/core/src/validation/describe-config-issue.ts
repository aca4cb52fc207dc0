/** What `describeConfigIssue` reads of a validation issue: zod's issues fit, no zod type is part of the signature. */
export interface ConfigIssue {
  readonly code: string;
  readonly message: string;
  readonly expected?: string | undefined;
  readonly origin?: string | undefined;
  readonly minimum?: number | bigint | undefined;
  readonly maximum?: number | bigint | undefined;
  readonly inclusive?: boolean | undefined;
  readonly values?: readonly unknown[] | undefined;
  readonly keys?: readonly string[] | undefined;
}

const typeNames: Readonly<Record<string, string>> = {
  int: 'a whole number',
  number: 'a finite number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  function: 'a function',
};

/**
 * The rule an option broke, as the end of a sentence that starts with the option's name: `must be a whole number`,
 * `must be at least 1`, `must be 'live' or 'sandbox'`. A rule the schema spells out (lower case, `must …`) is kept;
 * zod's own wording ("Invalid input: expected record, received ", capitalised) is rewritten from the issue's code,
 * since it names zod's types and can end mid-sentence. Never includes the value (it may be a secret).
 */
export function describeConfigIssue(issue: ConfigIssue): string {
  if (!/^[A-Z]/.test(issue.message)) return issue.message.replace(/[.\s]+$/, '');
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${typeNames[issue.expected ?? ''] ?? `of type ${issue.expected ?? 'unknown'}`}`;
    case 'too_small':
      return boundRule(issue, 'least', issue.minimum);
    case 'too_big':
      return boundRule(issue, 'most', issue.maximum);
    case 'invalid_value':
      return `must be ${listChoices((issue.values ?? []).map((value) => `'${String(value)}'`))}`;
    case 'unrecognized_keys':
      return `has unknown key(s): ${(issue.keys ?? []).join(', ')}`;
    case 'invalid_format':
      return 'is not in the expected format';
    default:
      return 'is invalid';
  }
}

/** `must be at least 1`, `must be more than 0`, `must have at least 1 item(s)`, `must be at most 64 characters`. */
function boundRule(issue: ConfigIssue, side: 'least' | 'most', bound: number | bigint | undefined): string {
  const value = String(bound ?? '');
  if (issue.origin === 'array' || issue.origin === 'set') return `must have at ${side} ${value} item(s)`;
  if (issue.origin === 'string') return `must be at ${side} ${value} character(s) long`;
  if (issue.inclusive === false) return `must be ${side === 'least' ? 'more' : 'less'} than ${value}`;
  return `must be at ${side} ${value}`;
}

/** `'a'`; `'a' or 'b'`; `'a', 'b' or 'c'`. */
export function listChoices(quoted: readonly string[]): string {
  if (quoted.length <= 1) return quoted[0] ?? 'one of the documented values';
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}
