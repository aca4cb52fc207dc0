import { UnsupportedOperationError } from '../errors/unsupported-operation-error.js';
import type { IssuerCapabilities, Operation } from '../port/capabilities.js';

/** Throws `UnsupportedOperationError` unless the issuer declares `operation`. */
export function assertOperationSupported(
  provider: string,
  capabilities: IssuerCapabilities,
  operation: Operation,
): void {
  if (!capabilities.operations.includes(operation)) {
    throw new UnsupportedOperationError(`${provider} does not support ${operation}`, { operation, provider });
  }
}

/** Throws `UnsupportedOperationError` for the first filter given (not undefined) that is not declared. */
export function assertFiltersSupported(
  provider: string,
  operation: Operation,
  supported: readonly string[],
  filters: object | undefined,
): void {
  if (!filters) return;
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || name === 'page') continue;
    if (!supported.includes(name)) {
      throw new UnsupportedOperationError(`${provider} does not support the ${name} filter of ${operation}`, {
        operation: `${operation}:${name}`,
        provider,
      });
    }
  }
}
