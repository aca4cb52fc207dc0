import { redactText } from './redact.js';

/*
 * Third-party errors carry what they were handling: an axios error its request config (the `Authorization` header),
 * an ioredis error the command it failed (`AUTH <password>` in `command.args`), a socket error its request. None of
 * them may reach a caller's error chain, a hook or a diagnostics channel as it is: every cause a cardgw error gets
 * passes through here (the `CardGatewayError` constructor calls it), and comes out as a plain error holding only
 * its name, its redacted message, its code and its own causes, sanitized alike.
 */

const gatewayErrorMarker = Symbol.for('cardgw.error');
const sanitizedMarker = Symbol.for('cardgw.sanitized-cause');
const maxDepth = 4;
const maxAggregated = 5;

/** A third-party error as a cardgw error holds it: name, redacted message, code, and sanitized causes only. */
export class SanitizedCause extends Error {
  /** @internal */
  readonly [sanitizedMarker] = true;
  /** The original's `code` (`ECONNRESET`, `ERR_CANCELED`, `NOAUTH`), when it was a string or a number. */
  readonly code: string | number | undefined;
  /** An `AggregateError`'s errors (the first 5), sanitized. */
  readonly errors: readonly unknown[] | undefined;

  constructor(name: string, message: string, code: string | number | undefined, options: SanitizedParts = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = name;
    this.code = code;
    this.errors = options.errors;
    if (options.stack !== undefined) this.stack = options.stack;
  }
}

interface SanitizedParts {
  readonly cause?: unknown;
  readonly errors?: readonly unknown[] | undefined;
  readonly stack?: string | undefined;
}

/**
 * `cause` safe to hold in an error: a cardgw error (already safe) as it is; any other error as a `SanitizedCause`
 * (its stack frames kept, its message redacted, every other property dropped); a string as an error with that text
 * redacted; anything else as an error naming its type. `undefined` stays `undefined`.
 */
export function sanitizeCause(cause: unknown, depth = 0): unknown {
  if (cause === undefined) return undefined;
  if (isMarked(cause, gatewayErrorMarker) || isMarked(cause, sanitizedMarker)) return cause;
  if (depth >= maxDepth) return new SanitizedCause('Error', '[cause chain truncated]', undefined);
  if (!(cause instanceof Error)) {
    const text = typeof cause === 'string' ? redactText(cause) : `a thrown ${cause === null ? 'null' : typeof cause}`;
    return new SanitizedCause('Error', text, undefined);
  }
  const name = safeName(cause);
  const message = redactText(String(readSafely(() => cause.message) ?? ''));
  const code = readSafely(() => (cause as { code?: unknown }).code);
  const inner = readSafely(() => cause.cause);
  const errors = readSafely(() => (cause as { errors?: unknown }).errors);
  return new SanitizedCause(name, message, typeof code === 'string' || typeof code === 'number' ? code : undefined, {
    cause: inner === undefined ? undefined : sanitizeCause(inner, depth + 1),
    errors: Array.isArray(errors)
      ? errors.slice(0, maxAggregated).map((item) => sanitizeCause(item, depth + 1))
      : undefined,
    stack: `${name}: ${message}\n${stackFrames(cause)}`.trimEnd(),
  });
}

/** The `    at …` lines of a stack: file positions, not data (the header repeats the raw message, so it is dropped). */
function stackFrames(error: Error): string {
  const stack = readSafely(() => error.stack);
  if (typeof stack !== 'string') return '';
  return redactText(
    stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n'),
  );
}

/** The error's name, or its class's when the name says only `Error` (cockatiel's and axios' errors do). */
function safeName(error: Error): string {
  const valid = (name: unknown): name is string => typeof name === 'string' && /^[\w$.-]{1,64}$/.test(name);
  const name = readSafely(() => error.name);
  const className = readSafely(() => error.constructor?.name);
  if (valid(name) && name !== 'Error') return name;
  return valid(className) ? className : 'Error';
}

function isMarked(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}

/** A hostile error's getter must not break the error being built around it. */
function readSafely<Value>(read: () => Value): Value | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
