import type { Operation } from '../port/capabilities.js';
import type { CardIssuer } from '../port/card-issuer.js';
import type { RequestOptions } from '../port/inputs.js';

/**
 * How the failover composite routes one operation (docs/architecture.md, decisions 4 and 6):
 * - `issuer-of`: about an existing resource, to the provider named by its qualified id (the first argument, called
 *   `idField` in errors), never elsewhere; `mutating` calls get one idempotency key;
 * - `account`: a read any healthy provider serves, moving on any failure that proves nothing happened;
 * - `list`: served whole by one provider, the first healthy one that supports it; with `scopedByCardId`, a
 *   `{ cardId }` filter sends it to that card's provider instead;
 * - `creation`: a card or a webhook endpoint, made at most once per idempotency key across providers (the
 *   creation-key ledger), moving only on proofs that nothing was done.
 * `arguments` is how many arguments come before the call's `RequestOptions`.
 */
export type FailoverRouting =
  | {
      readonly kind: 'issuer-of';
      readonly mutating: boolean;
      readonly idField: 'cardId' | 'transactionId' | 'challengeId' | 'webhookId';
      readonly arguments: number;
    }
  | { readonly kind: 'account'; readonly arguments: number }
  | { readonly kind: 'list'; readonly scopedByCardId: boolean; readonly arguments: number }
  | { readonly kind: 'creation'; readonly arguments: number };

const ofCard = (mutating: boolean, arguments_ = 1): FailoverRouting => ({
  kind: 'issuer-of',
  mutating,
  idField: 'cardId',
  arguments: arguments_,
});
const list = (arguments_: number, scopedByCardId = false): FailoverRouting => ({
  kind: 'list',
  scopedByCardId,
  arguments: arguments_,
});

/** Every operation of the port, and how the composite routes it. */
export const failoverRouting: Readonly<Record<Operation, FailoverRouting>> = {
  'cards.create': { kind: 'creation', arguments: 1 },
  'cards.list': list(1),
  'cards.get': ofCard(false),
  'cards.details': ofCard(false),
  'cards.update': ofCard(true, 2),
  'cards.freeze': ofCard(true),
  'cards.unfreeze': ofCard(true),
  'cards.terminate': ofCard(true),
  'cards.fund': ofCard(true, 2),
  'cards.withdraw': ofCard(true, 2),
  'transactions.list': list(1, true),
  'transactions.get': { kind: 'issuer-of', mutating: false, idField: 'transactionId', arguments: 1 },
  'wallet.balance': { kind: 'account', arguments: 0 },
  'wallet.depositAddresses': { kind: 'account', arguments: 1 },
  'wallet.deposits': list(1),
  'bins.list': list(0),
  'threeDS.list': list(1, true),
  'threeDS.get': { kind: 'issuer-of', mutating: false, idField: 'challengeId', arguments: 1 },
  'webhooks.create': { kind: 'creation', arguments: 1 },
  'webhooks.list': list(0),
  'webhooks.delete': { kind: 'issuer-of', mutating: true, idField: 'webhookId', arguments: 1 },
};

/** A call of one operation on one member issuer, with the options it is to get. */
export type MemberCall<Result> = (issuer: CardIssuer, requestOptions: RequestOptions | undefined) => Result;

/** `operation` called on `issuer` with `args` (the arguments before the options) and `requestOptions`. */
export function invokeOperation(
  issuer: CardIssuer,
  operation: Operation,
  args: readonly unknown[],
  requestOptions: RequestOptions | undefined,
): unknown {
  const [group, method] = operation.split('.') as [string, string];
  const resource = (issuer as unknown as Record<string, Record<string, (...values: unknown[]) => unknown>>)[group];
  return resource?.[method]?.(...args, requestOptions);
}

/** `transactions.list({ cardId })` and `threeDS.list({ cardId })` belong to the card's provider. */
export function scopeOf(filters: unknown): unknown {
  return typeof filters === 'object' && filters !== null ? (filters as { cardId?: unknown }).cardId : undefined;
}
