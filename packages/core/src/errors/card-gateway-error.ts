import { safeRequestId } from '../redaction/safe-identifiers.js';
import { sanitizeCause } from '../redaction/sanitize-cause.js';
import { inspectSymbol } from '../redaction/secret.js';
import type { CallOutcome } from './call-outcome.js';
import { hasMarker } from './has-marker.js';

export { hasMarker };

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
  /**
   * The verdict on what the failed call did at the provider, when the layer building the error already knows it (an
   * open circuit, an unreachable creation-key ledger: `not_sent`). See `CardGatewayError.outcome`.
   */
  readonly outcome?: CallOutcome | undefined;
}

/**
 * The base of every error cardgw throws. Tell them apart with `XError.isInstance(error)` (works across two installed
 * copies of the package) or by `code`, never by message text. Messages, `JSON.stringify` and `util.inspect` output
 * never contain a secret, PAN, CVV or OTP. Whether a failed call can have acted at the provider is its `outcome`.
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
  /**
   * What the failed call did at the provider, the fact failover depends on (docs/money-safety.md, "The verdict"):
   * - `'not_sent'`: nothing the provider could act on reached it; the call may be made again anywhere, with any key;
   * - `'unknown'`: it may have acted; a mutating call is then an `AmbiguousOutcomeError`: repeat it at the same
   *   provider with its idempotency key, never elsewhere;
   * - `'settled'`: the provider's documented refusal in its own error body (400, 401, 404, 429) and no earlier attempt
   *   may have acted: nothing was done;
   * - `undefined`: no layer decided (an error of the in-memory issuer, a third-party adapter, a config check); it
   *   says nothing either way, and failover then judges by what the error is.
   * Decided once, by the layer that saw the call end: the HTTP pipeline on every error a call through it ends with
   * (from what each attempt saw on the wire); the failover composite and its circuit breakers on the errors they raise
   * before sending anything (`not_sent`); the REST issuer when a BIN lookup failed before its POST (`not_sent`).
   * Read it through `outcomeOf(error)` when the error may not be a cardgw error.
   */
  readonly outcome: CallOutcome | undefined;

  constructor(code: string, message: string, retryable: boolean, options: CardGatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: sanitizeCause(options.cause) });
    this.code = code;
    this.provider = options.provider;
    this.status = options.status;
    this.requestId = safeRequestId(options.requestId);
    this.retryable = retryable;
    this.outcome = options.outcome;
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
