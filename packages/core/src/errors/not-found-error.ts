import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.not_found');

/** The card, transaction, challenge or webhook does not exist at its provider (404). Not retried. */
export class NotFoundError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'NotFoundError';

  constructor(message: string, options: CardGatewayErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'not_found', message, false, options);
  }

  /**
   * Whether `value` is a `NotFoundError`, even one from another installed copy of the package (a `Symbol.for` marker,
   * not `instanceof`).
   */
  static override isInstance(value: unknown): value is NotFoundError {
    return hasMarker(value, marker);
  }
}
