import type { Operation } from '../port/capabilities.js';

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
