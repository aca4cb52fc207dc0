import { configuredSecretValues } from './configured-secrets.js';
import { registeredCredentialShapes } from './credential-shapes.js';
import { maskPan, redactedText, Secret } from './secret.js';
import { maskSecretForms } from './secret-forms.js';
import { isSensitiveKey } from './sensitive-key.js';

export { isSensitiveKey } from './sensitive-key.js';

/*
 * Redaction for text we did not write: provider error bodies, response excerpts, transport error messages, log and
 * hook payloads. It errs on the side of masking too much (a 13-digit timestamp in a message reads as a PAN and is
 * masked): a false positive costs a less readable log line, a false negative leaks a card.
 */

// `"key": value`, `key=value`, `key: value`, `'key': 'value'` (util.inspect), `\"key\":\"value\"` (JSON inside a JSON
// string) and `Authorization: Bearer …` (raw headers). A quoted value cut off by the end of a truncated body still counts.
// A key starts at a word's start only: trying every position inside a long word made a 5 kB text cost O(n²).
const keyValuePattern =
  /(\\?["']|)(?<![\w.-])([A-Za-z0-9_][\w.-]*)\1(\s*[:=]\s*)(\\"(?:[^"\\]|\\[^"])*?\\"|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\\"(?:[^"\\]|\\[^"])*$|"(?:[^"\\]|\\.)*$|'(?:[^'\\]|\\.)*$|(?:Bearer|Basic|Token)\s+[^\s"',;&}]+|[^\s"',;&{}[\]\\]+)/g;
// A key whose value is an object or an array (`"otp":{"code":"847291"}`): the whole value is masked when the key is.
const structuredValuePattern = /(\\?["']|)(?<![\w.-])([A-Za-z0-9_][\w.-]*)\1\s*[:=]\s*(?=[{[])/g;
// Credentials that announce themselves, whatever key (or none) they come under. Provider-specific shapes (key prefixes,
// seeds, webhook secrets) are declared by the adapters (`registerCredentialShape`), not known here.
// A token is any visible character but the ones that end a token in JSON, headers or prose.
const bearerPattern = /\b(Bearer|Basic)\s+[\w.~+/=:!#$%*?@^|-]{6,}/g;
// 13 to 19 digits, optionally grouped by single spaces or dashes (`4916 5301 2345 2039`).
// Not inside a longer token: a UUID's digit groups (`…-4765-9442-8432-1a2b…`) must not read as a card number.
const panPattern = /(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w-])/g;

/**
 * Masks, in any text: the given secret values and the credentials of the clients alive in this process, in every form
 * (exact, the forms their adapters declare, and re-formatted: without dashes, re-spaced, another case); values of
 * sensitive keys (see `isSensitiveKey`: `cvv`, `card_cvv`, `security_code`, `otp_code`, `pin`, `card_number`,
 * `secret`, `seed`, `password`, `token`, `authorization`, `api_key`, …) in JSON or `key=value` form (an object or
 * array value whole; a quoted value cut off by the end of the text too); bearer tokens; the credential shapes the
 * adapters registered (`registerCredentialShape`); PAN-like digit runs (the last four digits kept).
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let result = maskSecretForms(text, [...secrets, ...configuredSecretValues()]);
  result = redactKeyValues(maskStructuredValues(result)).replace(
    bearerPattern,
    (_match, scheme: string) => `${scheme} ${redactedText}`,
  );
  for (const shape of registeredCredentialShapes()) result = result.replace(shape.pattern, redactedText);
  return result.replace(panPattern, (match) => maskPan(match));
}

/**
 * A deep copy of `value` safe to log or hand to a hook: strings pass through `redactText`, values under sensitive keys
 * and `Secret`s become `[redacted]`, errors become `{ name, message, code }`, objects with `toJSON` (card details, a
 * 3DS challenge) are copied from what they print. Cycles become `[circular]`; nesting deeper than 8 is cut.
 */
export function redactValue<Value>(value: Value, secrets: readonly string[] = []): Value {
  return copyRedacted(value, secrets, new WeakSet(), 0) as Value;
}

const maxDepth = 8;

function redactKeyValues(text: string): string {
  return text.replace(keyValuePattern, (_match, quote: string, key: string, separator: string, value: string) => {
    const valueQuote = /^\\?["']/.exec(value)?.[0] ?? '';
    // A value cut off by the end of the text has no closing quote: none is added.
    const closed = valueQuote !== '' && value.length >= 2 * valueQuote.length && value.endsWith(valueQuote);
    const closing = closed ? valueQuote : '';
    const prefix = `${quote}${key}${quote}${separator}${valueQuote}`;
    if (isSensitiveKey(key)) return `${prefix}${redactedText}${closing}`;
    // The value may itself hold `otp=847291` (a provider message quoting the request): look inside it too.
    const inner = value.slice(valueQuote.length, value.length - closing.length);
    return `${prefix}${redactKeyValues(inner)}${closing}`;
  });
}

/** Masks the object or array value of each sensitive key, up to its closing bracket (or the end of a cut text). */
function maskStructuredValues(text: string): string {
  let result = '';
  let copiedUpTo = 0;
  for (const match of text.matchAll(structuredValuePattern)) {
    if (match.index < copiedUpTo || !isSensitiveKey(match[2] ?? '')) continue;
    const valueStart = match.index + match[0].length;
    result += `${text.slice(copiedUpTo, valueStart)}${redactedText}`;
    copiedUpTo = endOfStructure(text, valueStart);
  }
  return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
}

/** The index after the bracket closing the object or array that starts at `start`; quoted brackets do not count. */
function endOfStructure(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (character === '\\') {
      index++;
    } else if (quote !== undefined) {
      if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '{' || character === '[') {
      depth++;
    } else if (character === '}' || character === ']') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return text.length;
}

function copyRedacted(value: unknown, secrets: readonly string[], seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (typeof value !== 'object' || value === null) return typeof value === 'function' ? '[function]' : value;
  if (Secret.isInstance(value)) return redactedText;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[truncated]';
  seen.add(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof Error) return copyError(value, secrets);
    if (Array.isArray(value)) return value.map((item) => copyRedacted(item, secrets, seen, depth + 1));
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    // A class that knows how to print itself safely (CardDetails) is copied from that form, never from its fields.
    if (typeof toJSON === 'function') return copyRedacted(toJSON.call(value), secrets, seen, depth + 1);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = isSensitiveKey(key) ? redactedText : copyRedacted(item, secrets, seen, depth + 1);
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}

function copyError(error: Error, secrets: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { name: error.name, message: redactText(error.message, secrets) };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') copy.code = code;
  return copy;
}
