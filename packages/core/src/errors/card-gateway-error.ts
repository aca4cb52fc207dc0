import { publishErrorDiagnostic } from '../diagnostics/diagnostics-channels.js';
import { safeRequestId } from '../redaction/safe-identifiers.js';
import { sanitizeCause } from '../redaction/sanitize-cause.js';
import { inspectSymbol } from '../redaction/secret.js';

const marker = Symbol.for('cardgw.error');

/** The fields every `CardGatewayError` may carry besides its code and message. */
export interface CardGatewayErrorOptions {
  readonly provider?: string | undefined;
  /** The HTTP status the provider answered, when there was one. */
  readonly status?: number | undefined;
  /**
   * The provider's `request_id`: quote it to the provider's support. One that does not look like a request id, or
   * holds a credential or a card number, is kept as `[redacted]`.
   */
  readonly requestId?: string | undefined;
  /**
   * What caused it. A cardgw error is kept as it is; anything else (an axios, ioredis or cockatiel error) is replaced
   * by a `SanitizedCause`: its name, redacted message, code and causes only, never its other fields.
   */
  readonly cause?: unknown;
}

/**
 * The base of every error cardgw throws. Tell them apart with `XError.isInstance(error)` (works across two installed
 * copies of the package) or by `code`, never by message text. Messages, `JSON.stringify` and `util.inspect` output
 * never contain a secret, PAN, CVV or OTP. Whether a failed call can have acted at the provider: `outcomeOf(error)`
 * (`not_sent`, `unknown`, `settled`), stamped by the HTTP pipeline on every error it throws.
 */
export class CardGatewayError extends Error {
  /** @internal */
  readonly [marker] = true;
  override name = 'CardGatewayError';
  /** A stable machine-readable code: `not_found`, `rate_limited`, … */
  readonly code: string;
  readonly provider: string | undefined;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** Whether repeating the same call (with the same idempotency key) may succeed. */
  readonly retryable: boolean;

  constructor(code: string, message: string, retryable: boolean, options: CardGatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: sanitizeCause(options.cause) });
    this.code = code;
    this.provider = options.provider;
    this.status = options.status;
    this.requestId = safeRequestId(options.requestId);
    this.retryable = retryable;
    publishErrorDiagnostic(this);
  }

  /**
   * Whether `value` is any cardgw error, even one from another installed copy of the package (a `Symbol.for` marker,
   * not `instanceof`).
   */
  static isInstance(value: unknown): value is CardGatewayError {
    return hasMarker(value, marker);
  }

  /** `{ name, code, message, ...fields }`: what `JSON.stringify` prints (fields are never sensitive). */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [key, value] of Object.entries(this)) if (value !== undefined) json[key] = value;
    return json;
  }

  /** `util.inspect` shows the message, stack, fields and the (redacted) cause chain, nothing else. */
  [inspectSymbol](): string {
    const fields = Object.entries(this)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(', ');
    const cause = this.cause instanceof Error ? `\n  [cause]: ${this.cause.name}: ${this.cause.message}` : '';
    return `${this.stack ?? `${this.name}: ${this.message}`}\n  { ${fields} }${cause}`;
  }
}

/** @internal */
export function hasMarker(value: unknown, symbol: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[symbol] === true;
}
