import { UnsupportedOperationError } from '../errors/unsupported-operation-error.js';
import type {
  CardListFilter,
  DepositListFilter,
  IssuerCapabilities,
  Operation,
  ThreeDSListFilter,
  TransactionListFilter,
} from '../port/capabilities.js';

// Every filter of the port, by list (a `Record` so that a filter added to a type must be added here too). A name
// outside these is no filter at all: it is left to input validation, which refuses it as an unknown field.
const cardListFilters: Record<CardListFilter, true> = {
  status: true,
  binId: true,
  label: true,
  sort: true,
  order: true,
  perPage: true,
};
const transactionListFilters: Record<TransactionListFilter, true> = {
  cardId: true,
  type: true,
  from: true,
  to: true,
  merchant: true,
  minAmount: true,
  maxAmount: true,
  perPage: true,
};
const threeDSListFilters: Record<ThreeDSListFilter, true> = { cardId: true, status: true };
const depositListFilters: Record<DepositListFilter, true> = { status: true, asset: true };
const portFilters: Partial<Record<Operation, Readonly<Record<string, true>>>> = {
  'cards.list': cardListFilters,
  'transactions.list': transactionListFilters,
  'threeDS.list': threeDSListFilters,
  'wallet.deposits': depositListFilters,
};

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

/**
 * Throws `UnsupportedOperationError` for the first filter of the port given (not undefined) that is not declared.
 * Names that are no filter of the port (`color`, `per_page`, `__proto__`, an array's `0`) are left to `parseInput`.
 */
export function assertFiltersSupported(
  provider: string,
  operation: Operation,
  supported: readonly string[],
  filters: object | undefined,
): void {
  if (!filters) return;
  const known = portFilters[operation];
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || name === 'page' || (known !== undefined && !Object.hasOwn(known, name))) continue;
    if (!supported.includes(name)) {
      throw new UnsupportedOperationError(`${provider} does not support the ${name} filter of ${operation}`, {
        operation: `${operation}:${name}`,
        provider,
      });
    }
  }
}
