import type { Operation } from '../port/capabilities.js';

/** What a custom `ProviderOrderPolicy` is told about the call it orders providers for. */
export interface ProviderOrderContext {
  /** The call being routed: `cards.create`, or an account-level call (`cards.list`, `wallet.balance`, …). */
  readonly operation: Operation;
  /** The providers in configured order. */
  readonly providers: readonly string[];
}

/**
 * The order in which the failover composite tries providers for a call that is not pinned to one (new cards and
 * account-level calls). Calls about an existing card always go to the card's own provider, whatever the policy.
 * - `ordered`: the configured order, always (the first healthy provider serves).
 * - `round-robin`: `cards.create` starts one provider further each time, spreading new cards; account-level calls keep
 *   the configured order, so lists and `wallet.balance()` come from the same provider every time.
 * - a function: returns the names to try, in order (names it leaves out are not tried).
 */
export type ProviderOrderPolicy = 'ordered' | 'round-robin' | ((context: ProviderOrderContext) => readonly string[]);

/** Returns a function giving, per call, the order to try providers in. */
export function createProviderOrder(
  policy: ProviderOrderPolicy = 'ordered',
): (context: ProviderOrderContext) => readonly string[] {
  if (typeof policy === 'function') return policy;
  if (policy === 'ordered') return (context) => context.providers;
  let next = 0;
  return (context) => {
    if (context.operation !== 'cards.create' || context.providers.length === 0) return context.providers;
    const start = next % context.providers.length;
    next = start + 1;
    return [...context.providers.slice(start), ...context.providers.slice(0, start)];
  };
}
