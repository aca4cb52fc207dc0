import { parseQualifiedId } from '../domain/qualified-id.js';
import { ConfigError } from '../errors/config-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { IssuerCapabilities, Operation } from '../port/capabilities.js';
import type { CardIssuer } from '../port/card-issuer.js';
import { qualifiedId } from '../validation/input-schemas.js';
import { parseIdInput } from '../validation/parse-input.js';
import {
  type BreakerSettings,
  type CircuitStateName,
  createProviderCircuit,
  type ProviderCircuit,
} from './provider-circuit.js';
import { createProviderOrder, type ProviderOrderPolicy } from './provider-order.js';

/** One provider of the composite: its issuer and its circuit breaker. */
export interface Member {
  readonly name: string;
  readonly issuer: CardIssuer;
  readonly circuit: ProviderCircuit;
}

/** The composite's providers, and how a call finds the ones it may go to. */
export interface FailoverMembers {
  /** By provider name, in configured order. */
  readonly byName: ReadonlyMap<string, Member>;
  readonly names: readonly string[];
  /** The member named by a qualified id's prefix; another provider's id is the caller's mistake, before any I/O. */
  named(operation: Operation, provider: string, field: string): Member;
  /** The provider that issued `id` (a qualified id): its prefix. */
  issuerOf(operation: Operation, id: unknown, field: string): Member;
  /** The members a new card or an account-level call may go to, in policy order. */
  candidatesFor(operation: Operation): readonly Member[];
}

/**
 * The members of a composite named `composite`, one circuit breaker each (`onCircuitChange` told of every change).
 * Throws `ConfigError` for a provider that appears twice: ids are qualified by provider name.
 */
export function createFailoverMembers(
  composite: string,
  issuers: readonly CardIssuer[],
  settings: { readonly policy?: ProviderOrderPolicy | undefined; readonly breaker?: BreakerSettings | undefined },
  onCircuitChange: (provider: string, state: CircuitStateName) => void,
): FailoverMembers {
  const order = createProviderOrder(settings.policy);
  const byName = new Map<string, Member>();
  for (const issuer of issuers) {
    if (byName.has(issuer.provider)) {
      throw new ConfigError(`provider ${issuer.provider} appears twice: ids are qualified by provider name`, {
        option: 'issuers',
      });
    }
    const circuit = createProviderCircuit(issuer.provider, settings.breaker, (state) =>
      onCircuitChange(issuer.provider, state),
    );
    byName.set(issuer.provider, { name: issuer.provider, issuer, circuit });
  }
  const names = [...byName.keys()];

  function named(operation: Operation, provider: string, field: string): Member {
    const member = byName.get(provider);
    if (member) return member;
    const rule = `belongs to ${provider}, which is not one of this gateway's providers (${names.join(', ')})`;
    throw new InvalidRequestError(`${operation}: ${field} ${rule}`, { provider: composite, issues: [{ field, rule }] });
  }

  return {
    byName,
    names,
    named,
    issuerOf(operation, id, field) {
      const parsed = typeof id === 'string' ? parseQualifiedId(id) : undefined;
      if (!parsed) {
        parseIdInput(qualifiedId, id, operation, composite);
        throw new InvalidRequestError(`${operation}: ${field} must be a qualified id like acme:card_8xK2m9Lp4q`, {
          provider: composite,
          issues: [{ field, rule: 'must be a qualified id like acme:card_8xK2m9Lp4q' }],
        });
      }
      return named(operation, parsed.provider, field);
    },
    candidatesFor(operation) {
      const chosen = order({ operation, providers: names })
        .map((provider) => byName.get(provider))
        .filter((member): member is Member => member !== undefined);
      if (chosen.length === 0) {
        throw new ConfigError(`the failover policy chose no provider for ${operation}`, { option: 'policy' });
      }
      return chosen;
    },
  };
}

/** The union of the members' capabilities: an operation is declared when some provider serves it. */
export function unionCapabilities(issuers: readonly CardIssuer[]): IssuerCapabilities {
  const union = <Value>(pick: (capabilities: IssuerCapabilities) => readonly Value[]) => [
    ...new Set(issuers.flatMap((issuer) => pick(issuer.capabilities))),
  ];
  return {
    operations: union((capabilities) => capabilities.operations),
    cardListFilters: union((capabilities) => capabilities.cardListFilters),
    transactionListFilters: union((capabilities) => capabilities.transactionListFilters),
    threeDSListFilters: union((capabilities) => capabilities.threeDSListFilters),
    depositListFilters: union((capabilities) => capabilities.depositListFilters),
    // Declared only when every provider accepts http URLs: webhooks.create may land on any of them.
    allowsInsecureWebhookUrls: issuers.every((issuer) => issuer.capabilities.allowsInsecureWebhookUrls),
  };
}
