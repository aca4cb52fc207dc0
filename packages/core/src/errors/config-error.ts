import { asSentence } from './as-sentence.js';
import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.invalid_config');

/**
 * A configuration value is missing or malformed. The message names the option and never echoes a secret; it always
 * ends as a sentence (a period is added to one that does not).
 */
export class ConfigError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'ConfigError';
  /** The option at fault: `apiKey`, `providers[1].seed`, `limits.perMinute`. */
  readonly option: string | undefined;

  constructor(message: string, options: CardGatewayErrorOptions & { option?: string | undefined } = {}) {
    super('invalid_config', asSentence(message), false, options);
    this.option = options.option;
  }

  /**
   * Whether `value` is a `ConfigError`, even one from another installed copy of the package (a `Symbol.for` marker, not
   * `instanceof`).
   */
  static override isInstance(value: unknown): value is ConfigError {
    return hasMarker(value, marker);
  }
}
