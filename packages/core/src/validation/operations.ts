import type { IssuerCapabilities, Operation } from '../port/capabilities.js';

/**
 * Every operation of the port, at runtime: the one list capability declarations, guards and the contract suite read.
 * The `Operation` union in port/capabilities.ts stays the type; the checks below keep the two identical.
 */
export const allOperations = Object.freeze([
  'cards.create',
  'cards.list',
  'cards.get',
  'cards.details',
  'cards.update',
  'cards.freeze',
  'cards.unfreeze',
  'cards.terminate',
  'cards.fund',
  'cards.withdraw',
  'transactions.list',
  'transactions.get',
  'wallet.balance',
  'wallet.depositAddresses',
  'wallet.deposits',
  'bins.list',
  'threeDS.list',
  'threeDS.get',
  'webhooks.create',
  'webhooks.list',
  'webhooks.delete',
] as const) satisfies readonly Operation[]; // names nothing outside the union

/** Operations of the union missing from `allOperations`: `never` while the list is complete. */
type UnlistedOperation = Exclude<Operation, (typeof allOperations)[number]>;
// Fails to compile, naming the missing operation, when one is added to the union but not to the list.
const everyOperationListed: [UnlistedOperation] extends [never] ? true : UnlistedOperation = true;
void everyOperationListed;

/** Whether `value` names an operation of the port (for inputs typed by untyped callers). */
export function isOperation(value: unknown): value is Operation {
  return typeof value === 'string' && (allOperations as readonly string[]).includes(value);
}

/**
 * Every operation and every filter of the port, HTTPS-only webhooks: what an issuer declares when its API documents
 * everything (a provider offering the whole port), and the base others narrow (`{ ...everyCapability, cardListFilters: [...] }`).
 */
export const everyCapability: IssuerCapabilities = Object.freeze({
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
  allowsInsecureWebhookUrls: false,
});

/**
 * An operation list without the ones a provider's page does not document, for its capabilities:
 * `withoutOperations(allOperations, ['wallet.deposits', 'threeDS.get'])`. Declaring what is left out, rather than
 * re-listing what is in, says in one line what the page lacks. A port operation added later is declared by default:
 * the contract suite then checks the adapter serves it, and the adapter's page decides whether it is left out.
 */
export function withoutOperations<const All extends readonly Operation[], const Undocumented extends All[number]>(
  all: All,
  undocumented: readonly Undocumented[],
): readonly Exclude<All[number], Undocumented>[] {
  const left = all.filter(
    (operation): operation is Exclude<All[number], Undocumented> =>
      !(undocumented as readonly Operation[]).includes(operation),
  );
  return Object.freeze(left);
}
