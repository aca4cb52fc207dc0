import type { IssuerCapabilities } from '@cardgw/core';
import { everyCapability } from '@cardgw/core/provider-utils';

/** The in-memory issuer supports everything both pages document, and takes `http://` webhook URLs. */
export const fullMemoryCapabilities: IssuerCapabilities = Object.freeze({
  ...everyCapability,
  allowsInsecureWebhookUrls: true,
});

/** The full capabilities with the caller's narrower declarations on top (to test UnsupportedOperationError). */
export function memoryCapabilities(overrides: Partial<IssuerCapabilities> = {}): IssuerCapabilities {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const merged = { ...fullMemoryCapabilities, ...defined } as IssuerCapabilities;
  return Object.freeze({
    operations: Object.freeze([...merged.operations]),
    cardListFilters: Object.freeze([...merged.cardListFilters]),
    transactionListFilters: Object.freeze([...merged.transactionListFilters]),
    threeDSListFilters: Object.freeze([...merged.threeDSListFilters]),
    depositListFilters: Object.freeze([...merged.depositListFilters]),
    allowsInsecureWebhookUrls: merged.allowsInsecureWebhookUrls,
  });
}
