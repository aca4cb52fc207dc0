import { ConfigError } from '../errors/config-error.js';
import { addCredentialShape, type CredentialShape } from './credential-shapes.js';

export type { CredentialShape } from './credential-shapes.js';

/**
 * Declares how a provider's credential looks, so that redaction masks it in every message, log line, hook payload
 * and error of the process, configured or not, and masks a configured one in the forms `variants` names. Adapters
 * call it for their credentials (API keys, seeds, webhook
 * signing secrets); core knows no provider's shape. Registering a name again replaces its shape.
 * @throws ConfigError when the name is empty, the pattern is not a RegExp, matches the empty string, or `variants`
 *   is not a function.
 */
export function registerCredentialShape(shape: CredentialShape): void {
  if (typeof shape?.name !== 'string' || shape.name === '') {
    throw new ConfigError('registerCredentialShape: name must be a non-empty string', { option: 'name' });
  }
  if (!(shape.pattern instanceof RegExp) || new RegExp(shape.pattern.source, shape.pattern.flags).test('')) {
    throw new ConfigError(`registerCredentialShape ${shape.name}: pattern must be a RegExp that never matches ''`, {
      option: 'pattern',
    });
  }
  if (shape.variants !== undefined && typeof shape.variants !== 'function') {
    throw new ConfigError(`registerCredentialShape ${shape.name}: variants must be a function`, {
      option: 'variants',
    });
  }
  addCredentialShape(shape);
}
