import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.webhook_verification_failed');

/** A webhook delivery whose signature, body or envelope could not be verified. */
export class WebhookVerificationError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'WebhookVerificationError';

  constructor(message: string, options: CardGatewayErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'webhook_verification_failed', message, false, options);
  }

  /**
   * Whether `value` is a `WebhookVerificationError`, even one from another installed copy of the package (a
   * `Symbol.for` marker, not `instanceof`).
   */
  static override isInstance(value: unknown): value is WebhookVerificationError {
    return hasMarker(value, marker);
  }
}
