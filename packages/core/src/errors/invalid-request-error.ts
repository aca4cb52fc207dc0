import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.invalid_request');

/** One rule a call's input broke, named by field: never the value (it may be sensitive). */
export interface ValidationIssue {
  /** Dotted path of the offending field: `amount.amount`, `metadata.campaign`. */
  readonly field: string;
  /** What the field must be: `must be between $1.00 and $5,000.00`. */
  readonly rule: string;
}

/** The request was refused: by our validation before any I/O (no `status`), or by the provider (400). Not retried. */
export class InvalidRequestError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'InvalidRequestError';
  readonly issues: readonly ValidationIssue[];

  constructor(
    message: string,
    options: CardGatewayErrorOptions & { issues?: readonly ValidationIssue[]; code?: string } = {},
  ) {
    super(options.code ?? 'invalid_request', message, false, options);
    this.issues = options.issues ?? [];
  }

  /**
   * Whether `value` is a `InvalidRequestError`, even one from another installed copy of the package (a `Symbol.for`
   * marker, not `instanceof`).
   */
  static override isInstance(value: unknown): value is InvalidRequestError {
    return hasMarker(value, marker);
  }
}
