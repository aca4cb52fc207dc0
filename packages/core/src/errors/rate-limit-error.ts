import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.rate_limited');

/** The provider answered 429, or the local limiter could not admit the call within its deadline. */
export class RateLimitError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'RateLimitError';
  /** How long the provider asked us to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: CardGatewayErrorOptions & { retryAfterMs?: number | undefined } = {}) {
    super('rate_limited', message, true, options);
    this.retryAfterMs = options.retryAfterMs;
  }

  /**
   * Whether `value` is a `RateLimitError`, even one from another installed copy of the package (a `Symbol.for` marker,
   * not `instanceof`).
   */
  static override isInstance(value: unknown): value is RateLimitError {
    return hasMarker(value, marker);
  }
}
