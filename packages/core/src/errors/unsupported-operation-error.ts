import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.unsupported_operation');

/** The issuer does not declare this operation or filter. Thrown before any request, never a silent no-op. */
export class UnsupportedOperationError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'UnsupportedOperationError';
  /** `wallet.deposits`, or `transactions.list:merchant` for a filter. */
  readonly operation: string;

  constructor(message: string, options: CardGatewayErrorOptions & { operation: string }) {
    super('unsupported_operation', message, false, options);
    this.operation = options.operation;
  }

  /**
   * Whether `value` is a `UnsupportedOperationError`, even one from another installed copy of the package (a
   * `Symbol.for` marker, not `instanceof`).
   */
  static override isInstance(value: unknown): value is UnsupportedOperationError {
    return hasMarker(value, marker);
  }
}
