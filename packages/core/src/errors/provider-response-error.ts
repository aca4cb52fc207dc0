import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.invalid_response');

/** The provider answered something we cannot read: not JSON, or JSON without a required field. */
export class ProviderResponseError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'ProviderResponseError';
  /** The start of the body, redacted (no PAN, CVV, OTP or secret), to help a bug report. */
  readonly excerpt: string | undefined;

  constructor(message: string, options: CardGatewayErrorOptions & { excerpt?: string | undefined } = {}) {
    super('invalid_response', message, false, options);
    this.excerpt = options.excerpt;
  }

  /**
   * Whether `value` is a `ProviderResponseError`, even one from another installed copy of the package (a `Symbol.for`
   * marker, not `instanceof`).
   */
  static override isInstance(value: unknown): value is ProviderResponseError {
    return hasMarker(value, marker);
  }
}
