/**
 * Ids are provider-qualified: `"<provider>:<provider's id>"` (`acme:card_8xK2m9Lp4q`). Routing an existing card
 * to the provider that issued it is then stateless: it works across processes and restarts with no lookup table.
 */
export type QualifiedId = string;

/**
 * The two halves of a qualified id: `acme:card_8xK2m9Lp4q` → provider `acme`, providerId `card_8xK2m9Lp4q`.
 */
export interface ParsedQualifiedId {
  readonly provider: string;
  readonly providerId: string;
}

/** Provider names are short lowercase slugs; they become the prefix of every id the provider issues. */
export const providerNamePattern = /^[a-z][a-z0-9-]{0,31}$/;
/** The provider's own id: what the documented providers use (`card_8xK2m9Lp4q`, `3ds_m4n5o6p7`, `491653`). */
export const providerIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** `qualifyId('acme', 'card_8xK2m9Lp4q')` → `acme:card_8xK2m9Lp4q`: the id every issuer hands out. */
export function qualifyId(provider: string, providerId: string): QualifiedId {
  return `${provider}:${providerId}`;
}

/** Splits a qualified id, or returns `undefined` when it is not one. */
export function parseQualifiedId(id: string): ParsedQualifiedId | undefined {
  const separator = id.indexOf(':');
  if (separator <= 0) return undefined;
  const provider = id.slice(0, separator);
  const providerId = id.slice(separator + 1);
  if (!providerNamePattern.test(provider) || !providerIdPattern.test(providerId)) return undefined;
  return { provider, providerId };
}
