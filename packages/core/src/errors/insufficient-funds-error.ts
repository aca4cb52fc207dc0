import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.insufficient_funds');

/** The wallet (or the card, for a withdrawal) holds less than the amount. A business error: not retried. */
export class InsufficientFundsError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'InsufficientFundsError';

  constructor(message: string, options: CardGatewayErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'insufficient_funds', message, false, options);
  }

  /**
   * Whether `value` is a `InsufficientFundsError`, even one from another installed copy of the package (a `Symbol.for`
   * marker, not `instanceof`).
   */
  static override isInstance(value: unknown): value is InsufficientFundsError {
    return hasMarker(value, marker);
  }
}
