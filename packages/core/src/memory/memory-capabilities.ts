import type { IssuerCapabilities } from '../port/capabilities.js';
import { allOperations } from '../validation/operations.js';

/** The in-memory issuer supports everything both pages document, and takes `http://` webhook URLs. */
export const fullMemoryCapabilities: IssuerCapabilities = Object.freeze({
  operations: allOperations,
  cardListFilters: Object.freeze(['status', 'binId', 'label', 'sort', 'order', 'perPage'] as const),
  transactionListFilters: Object.freeze([
    'cardId',
    'type',
    'from',
    'to',
    'merchant',
    'minAmount',
    'maxAmount',
    'perPage',
  ] as const),
  threeDSListFilters: Object.freeze(['cardId', 'status'] as const),
  depositListFilters: Object.freeze(['status', 'asset'] as const),
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
