import { InvalidRequestError } from '@cardgw/core';
import { parseQualifiedId } from '@cardgw/core/provider-utils';

/**
 * The provider's own id inside a qualified id the caller passed (`acme:card_8xK2m9Lp4q` → `card_8xK2m9Lp4q`),
 * validated before any I/O. An id issued by another provider is refused with `InvalidRequestError` rather than sent
 * to the wrong provider (where it would be a confusing 404, or worse, someone else's card).
 */
export function resolveProviderId(provider: string, id: unknown, operation: string, field: string): string {
  const parsed = typeof id === 'string' ? parseQualifiedId(id) : undefined;
  if (!parsed) return invalid(provider, operation, field, `must be a qualified id like ${provider}:card_8xK2m9Lp4q`);
  if (parsed.provider !== provider) {
    return invalid(provider, operation, field, `belongs to ${parsed.provider}, not ${provider}`);
  }
  return parsed.providerId;
}

// The offending id is not echoed: ids are not secret, but the rule alone says what to fix.
function invalid(provider: string, operation: string, field: string, rule: string): never {
  throw new InvalidRequestError(`${operation}: ${field} ${rule}`, { provider, issues: [{ field, rule }] });
}

/** A BIN id may be given bare (`491653`) or qualified (`acme:491653`); another provider's is refused. */
export function resolveBinId(provider: string, binId: string, operation: string): string {
  return binId.includes(':') ? resolveProviderId(provider, binId, operation, 'binId') : binId;
}
