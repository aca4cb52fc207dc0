import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.timeout');

/**
 * The call's deadline passed, or the caller aborted it (`code: 'aborted'`). When a request had already been sent,
 * a mutating call's outcome is unknown: see `AmbiguousOutcomeError`.
 */
export class TimeoutError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'TimeoutError';

  constructor(message: string, options: CardGatewayErrorOptions & { code?: 'timeout' | 'aborted' } = {}) {
    super(options.code ?? 'timeout', message, options.code !== 'aborted', options);
  }

  /**
   * Whether `value` is a `TimeoutError`, even one from another installed copy of the package (a `Symbol.for` marker,
   * not `instanceof`).
   */
  static override isInstance(value: unknown): value is TimeoutError {
    return hasMarker(value, marker);
  }
}
