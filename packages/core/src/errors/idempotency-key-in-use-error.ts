import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.idempotency_key_in_use');

/**
 * Another call with the same idempotency key is under way in another process sharing the gateway's creation-key
 * ledger (as Stripe answers `409 idempotency_key_in_use`). Nothing was sent. Repeat the call later with the same key:
 * it then goes to the provider the first call used, whose replay gives its outcome. Retryable.
 */
export class IdempotencyKeyInUseError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'IdempotencyKeyInUseError';
  /** `cards.create` or `webhooks.create`. */
  readonly operation: string;
  readonly idempotencyKey: string;

  constructor(message: string, options: CardGatewayErrorOptions & { operation: string; idempotencyKey: string }) {
    super('idempotency_key_in_use', message, true, options);
    this.operation = options.operation;
    this.idempotencyKey = options.idempotencyKey;
  }

  static override isInstance(value: unknown): value is IdempotencyKeyInUseError {
    return hasMarker(value, marker);
  }
}
