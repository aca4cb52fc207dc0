// Kept at this path for the adapters' imports; the function lives beside allOperations.
export { withoutOperations } from '@cardgw/core/provider-utils';
