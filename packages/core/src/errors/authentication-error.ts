import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.authentication_failed');

/** The provider refused the credentials (401) or the call (403): a misconfigured provider. Not retried. */
export class AuthenticationError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'AuthenticationError';

  constructor(message: string, options: CardGatewayErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'authentication_failed', message, false, options);
  }

  /**
   * Whether `value` is a `AuthenticationError`, even one from another installed copy of the package (a `Symbol.for`
   * marker, not `instanceof`).
   */
  static override isInstance(value: unknown): value is AuthenticationError {
    return hasMarker(value, marker);
  }
}
