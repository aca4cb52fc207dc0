import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.ambiguous_outcome');

/**
 * A mutating call may or may not have taken effect (a timeout after the request was sent, a reset mid-response, a
 * 500) and retries ran out. Repeat it later with the same `idempotencyKey` at the same `provider`: the provider
 * replays the first outcome instead of acting twice. Never retried elsewhere.
 */
export class AmbiguousOutcomeError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'AmbiguousOutcomeError';
  /** `cards.create`, `cards.fund`, … */
  readonly operation: string;
  readonly idempotencyKey: string;

  constructor(message: string, options: CardGatewayErrorOptions & { operation: string; idempotencyKey: string }) {
    super('ambiguous_outcome', message, true, options);
    this.operation = options.operation;
    this.idempotencyKey = options.idempotencyKey;
  }

  /**
   * Whether `value` is a `AmbiguousOutcomeError`, even one from another installed copy of the package (a `Symbol.for`
   * marker, not `instanceof`).
   */
  static override isInstance(value: unknown): value is AmbiguousOutcomeError {
    return hasMarker(value, marker);
  }
}
