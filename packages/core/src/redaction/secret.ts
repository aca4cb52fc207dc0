/** Node's `util.inspect` looks this symbol up; using `Symbol.for` avoids importing `node:util` into the domain. */
export const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** What a `Secret` or a redacted value prints as: `[redacted]`. */
export const redactedText = '[redacted]';

/** Marks a `Secret` across two installed copies of the package, where `instanceof` fails (see `isInstance`). */
const marker = Symbol.for('cardgw.secret');

/**
 * A value that must never be printed: an API key, a seed, a webhook signing secret. It reads as `[redacted]`
 * through `String()`, template literals, `JSON.stringify` and `util.inspect`; only `reveal()` gives the value.
 */
export class Secret {
  /** @internal */
  readonly [marker] = true;
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself. Call it only where the value leaves for the provider (a header, an HMAC key). */
  reveal(): string {
    return this.#value;
  }

  /** `[redacted]`: a secret never prints. */
  toString(): string {
    return redactedText;
  }

  /** `[redacted]`: a secret never serializes. */
  toJSON(): string {
    return redactedText;
  }

  /** `[redacted]` in `util.inspect` and `console.log`. */
  [inspectSymbol](): string {
    return `Secret(${redactedText})`;
  }

  /**
   * Whether `value` is a `Secret`, also one made by another installed copy of cardgw (which `instanceof` misses, so
   * option schemas would refuse it and redaction would print it). Prefer it to `instanceof Secret` everywhere.
   */
  static isInstance(value: unknown): value is Secret {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[marker] === true &&
      typeof (value as { reveal?: unknown }).reveal === 'function'
    );
  }
}

/**
 * `4916531288472039` → `•••• 2039`: the last four digits, for display. Anything but a string (a number a caller
 * parsed, `undefined`) is masked whole, `••••`: a display helper never throws, and a PAN kept as a number has already
 * lost its leading zeros.
 */
export function maskPan(pan: string): string {
  if (typeof pan !== 'string') return '••••';
  const digits = pan.replace(/\D/g, '');
  return digits.length >= 4 ? `•••• ${digits.slice(-4)}` : '••••';
}
