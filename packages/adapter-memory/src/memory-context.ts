import {
  type Bin,
  type Card,
  CardGatewayError,
  cents,
  InsufficientFundsError,
  InvalidRequestError,
  type IssuerCapabilities,
  type Money,
  NotFoundError,
  type Operation,
  type RequestOptions,
  TimeoutError,
} from '@cardgw/core';
import {
  assertOperationSupported,
  assertRequestOptions,
  type BillingAddress,
  parseInput,
  type QualifiedId,
  qualifiedId,
  termsOf,
} from '@cardgw/core/provider-utils';
import type { IdKind, IdSequence } from './deterministic-ids.js';
import type { DeterministicSource } from './deterministic-source.js';
import type { EventBus } from './event-bus.js';
import type { FaultInjector } from './fault-injector.js';
import type { IdempotencyStore } from './idempotency-store.js';
import type { Clock } from './manual-clock.js';
import { defaultCallDeadlineMs, type MemoryRateLimits } from './memory-rate-limits.js';
import type { CardRecord, MemoryState } from './memory-state.js';
import type { MemoryDepositAsset } from './memory-wallet.js';

/** Everything the resources of one in-memory issuer share. */
export interface MemoryContext {
  readonly provider: string;
  readonly capabilities: IssuerCapabilities;
  readonly clock: Clock;
  readonly state: MemoryState;
  readonly ids: IdSequence;
  readonly random: DeterministicSource;
  readonly events: EventBus;
  readonly faults: FaultInjector;
  readonly idempotency: IdempotencyStore;
  readonly bins: readonly Bin[];
  readonly cardsPerPage: number;
  readonly transactionsPerPage: number;
  readonly webhookSigningSecret: string | undefined;
  /** The provider's quotas, as its adapter enforces them; `undefined`: none. */
  readonly limits: MemoryRateLimits | undefined;
  /** The fields of a card as `cards.list` and `cards.create` answer; `undefined`: every field. */
  readonly cardFields: CardFieldSets;
  /** The billing address every card's details carry. */
  readonly billingAddress: BillingAddress;
  /** The assets the wallet takes deposits in. */
  readonly depositAssets: readonly MemoryDepositAsset[];
  /** A new request id (`req_` and 12 hex, deterministic), for an error the provider would have answered. */
  nextRequestId(): string;
}

/** A field of `Card` a provider may leave out of an answer (the identity fields are always there). */
export type CardField = Exclude<keyof Card, 'id' | 'provider' | 'providerId'>;

/** Which card fields an answer carries, per call, as the provider's page shows them. */
export interface CardFieldSets {
  /** Each item of `cards.list`. @default every field */
  readonly listed?: readonly CardField[] | undefined;
  /** The answer of `cards.create`. @default every field */
  readonly created?: readonly CardField[] | undefined;
}

export function nowIso(context: MemoryContext): string {
  return new Date(context.clock.now()).toISOString();
}

/** A new qualified id and the provider's own id, plus the next global sequence number. */
export function nextId(
  context: MemoryContext,
  kind: IdKind,
): { id: QualifiedId; providerId: string; sequence: number } {
  const providerId = context.ids.next(kind);
  context.state.sequence += 1;
  return { id: `${context.provider}:${providerId}`, providerId, sequence: context.state.sequence };
}

export function money(amount: number): Money {
  return Object.freeze(cents(amount));
}

/** The checks every call makes first: the operation is declared, the call is not already aborted. */
export function beginCall(context: MemoryContext, operation: Operation, options: RequestOptions | undefined): void {
  assertOperationSupported(context.provider, context.capabilities, operation);
  checkRequestOptions(context, operation, options);
}

export function checkRequestOptions(
  context: MemoryContext,
  operation: string,
  options: RequestOptions | undefined,
): void {
  if (termsOf(options) === undefined) assertRequestOptions(options, operation, context.provider);
  if (options === undefined || options === null) return;
  if (options.signal?.aborted) {
    throw new TimeoutError(`${operation}: aborted by the caller`, { code: 'aborted', provider: context.provider });
  }
  // The idempotency key's shape is checked by assertRequestOptions, with the rule every issuer shares.
}

/**
 * Validates an id argument before anything else. A malformed id, and a well-formed id of another provider, are both
 * an InvalidRequestError (as the REST adapters answer, with the same message): a mistaken id never reads as "no such
 * card here", which would hide the mix-up.
 */
export function parseId(context: MemoryContext, id: unknown, operation: string, field: string): QualifiedId {
  const parsed = parseInput(qualifiedId, id, operation, context.provider);
  assertOwnId(context, parsed, operation, field);
  return parsed;
}

/** Refuses a qualified id issued by another provider (`cards.get: cardId belongs to alpha, not memory`). */
export function assertOwnId(context: MemoryContext, id: QualifiedId, operation: string, field: string): void {
  const provider = id.slice(0, id.indexOf(':'));
  if (provider === context.provider) return;
  const rule = `belongs to ${provider}, not ${context.provider}`;
  throw new InvalidRequestError(`${operation}: ${field} ${rule}`, {
    issues: [{ field, rule }],
    provider: context.provider,
  });
}

/** A record of this issuer by qualified id (checked by `parseId` to be this provider's); unknown → NotFoundError. */
export function lookup<Record>(
  context: MemoryContext,
  records: ReadonlyMap<QualifiedId, Record>,
  id: QualifiedId,
  what: string,
  operation: string,
): Record {
  const record = records.get(id);
  if (record === undefined) {
    throw new NotFoundError(`${operation}: no ${what} ${id}`, { provider: context.provider, status: 404 });
  }
  return record;
}

export function lookupCard(context: MemoryContext, id: QualifiedId, operation: string): CardRecord {
  return lookup(context, context.state.cards, id, 'card', operation);
}

/** Terminated is final: every later change is refused, reads still work. */
export function assertNotTerminated(context: MemoryContext, card: CardRecord, operation: string): void {
  if (card.status === 'terminated') {
    throw new InvalidRequestError(`${operation}: card ${card.id} is terminated`, {
      code: 'card_terminated',
      provider: context.provider,
    });
  }
}

/**
 * A read: a slot under the provider's quotas (the call's `timeoutMs`, else 30 s, is how long it may wait), the
 * injected fault (if any), then the work, whose typed errors come out as the provider's answers (see
 * `asProviderAnswer`). Synchronous unless a real clock must be waited on.
 */
export function runRead<Result>(
  context: MemoryContext,
  operation: Operation,
  options: RequestOptions | undefined,
  run: () => Result,
): Result | Promise<Result> {
  return afterSlot(context, operation, options, () => {
    context.faults.check(operation);
    return asProviderAnswer(context, run);
  });
}

/**
 * A change: a slot under the quotas, the injected fault (if any), the replay of an earlier call with the same
 * idempotency key, or the work followed by its events. `run` must check everything before it changes anything, so a
 * throw leaves no trace. `fingerprint` is the request as the provider receives it (see `idempotency-store.ts`).
 */
export function runMutation<Result>(
  context: MemoryContext,
  operation: Operation,
  options: RequestOptions | undefined,
  fingerprint: unknown,
  run: () => Result,
): Result | Promise<Result> {
  return afterSlot(context, operation, options, () => {
    context.faults.check(operation);
    return asProviderAnswer(context, () => {
      const key = options?.idempotencyKey;
      if (key === undefined) return runStaged(context, run);
      const print = fingerprintOf(fingerprint);
      const earlier = context.idempotency.replay(operation, key, print, context.provider);
      if (earlier) return earlier.result as Result;
      const result = runStaged(context, run);
      context.idempotency.remember(operation, key, print, result);
      return result;
    });
  });
}

/** Takes a slot under the quotas, then runs `then`: at once, or once a real clock reached the slot. */
export function afterSlot<Result>(
  context: MemoryContext,
  operation: Operation,
  options: RequestOptions | undefined,
  then: () => Result,
): Result | Promise<Result> {
  const waiting = context.limits?.admit(operation, options?.timeoutMs ?? defaultCallDeadlineMs);
  return waiting === undefined ? then() : waiting.then(then);
}

/**
 * Runs the provider's side of a call. Its refusals come out as the adapter hands out the provider's error answers:
 * the same class and code, `status` 400 (404 for NotFoundError), a `requestId`, and no field-level `issues` (the
 * error body `{ error, message, code, request_id }` has none). Errors of other classes pass unchanged.
 */
export function asProviderAnswer<Result>(context: MemoryContext, run: () => Result): Result {
  try {
    return run();
  } catch (error) {
    throw providerAnswerOf(context, error);
  }
}

function providerAnswerOf(context: MemoryContext, error: unknown): unknown {
  if (!CardGatewayError.isInstance(error) || error.requestId !== undefined) return error;
  const answer = { provider: context.provider, requestId: context.nextRequestId(), code: error.code };
  if (InsufficientFundsError.isInstance(error))
    return new InsufficientFundsError(error.message, { ...answer, status: 400 });
  if (NotFoundError.isInstance(error)) return new NotFoundError(error.message, { ...answer, status: 404 });
  if (InvalidRequestError.isInstance(error)) return new InvalidRequestError(error.message, { ...answer, status: 400 });
  return error;
}

/** The request's parameters as one string, objects' keys sorted: the same parameters in another order are the same. */
export function fingerprintOf(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'object' && item !== null && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)))
        : item,
    ) ?? ''
  );
}

/** Runs `run`, then publishes the events it staged; a throw publishes nothing. */
export function runStaged<Result>(context: MemoryContext, run: () => Result): Result {
  let result: Result;
  try {
    result = run();
  } catch (error) {
    context.events.discardStaged();
    throw error;
  }
  context.events.publishStaged();
  return result;
}
