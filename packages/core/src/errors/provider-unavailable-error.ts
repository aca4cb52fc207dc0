import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.provider_unavailable');

/** The provider could not be reached or answered 5xx. Retried by the pipeline; failover may move a call that provably did nothing. */
export class ProviderUnavailableError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'ProviderUnavailableError';

  constructor(message: string, options: CardGatewayErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'provider_unavailable', message, true, options);
  }

  /**
   * Whether `value` is a `ProviderUnavailableError`, even one from another installed copy of the package (a
   * `Symbol.for` marker, not `instanceof`).
   */
  static override isInstance(value: unknown): value is ProviderUnavailableError {
    return hasMarker(value, marker);
  }
}
