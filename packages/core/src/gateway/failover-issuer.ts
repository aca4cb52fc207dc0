import { publishingFailures } from '../diagnostics/publishing-issuer.js';
import type { PageResult } from '../domain/page.js';
import { parseQualifiedId } from '../domain/qualified-id.js';
import { describeCriteria } from '../domain/select-bin.js';
import { ConfigError } from '../errors/config-error.js';
import { newIdempotencyKey } from '../http/idempotency.js';
import type { Logger } from '../http/types.js';
import { createDelegatingPageResult } from '../pagination/delegating-page-result.js';
import type { Operation } from '../port/capabilities.js';
import type { CardIssuer } from '../port/card-issuer.js';
import type { CreateCardInput, RequestOptions } from '../port/inputs.js';
import { beginCall, recordInput } from '../validation/call-terms.js';
import { assertOperationSupported } from '../validation/capability-guard.js';
import { createCardSchema } from '../validation/input-schemas.js';
import { loadZodForCall } from '../validation/load-zod-for-call.js';
import { parseInput } from '../validation/parse-input.js';
import type { CreationKeyLedger } from './creation-key-ledger.js';
import { createCreationKeyPath } from './creation-key-path.js';
import {
  callMember,
  callWithFailover,
  type FailoverCaller,
  type FailoverEvent,
  withIdempotencyKey,
} from './failover-call.js';
import { createFailoverMembers, unionCapabilities } from './failover-members.js';
import { createFailoverReporting } from './failover-reporting.js';
import {
  type FailoverRouting,
  failoverRouting,
  invokeOperation,
  type MemberCall,
  scopeOf,
} from './failover-routing.js';
import { createMemoryCreationKeyLedger } from './memory-creation-key-ledger.js';
import type { BreakerSettings, CircuitStateName, ProviderHealth } from './provider-circuit.js';
import type { ProviderOrderPolicy } from './provider-order.js';
import { createWalletAggregation, type WalletAggregation } from './wallet-aggregation.js';

export type { FailoverEvent } from './failover-call.js';

/** What `onCircuitChange` receives: a provider's circuit breaker moved to `state`. */
export interface CircuitChangeEvent {
  readonly provider: string;
  readonly state: CircuitStateName;
}

/** Observability of the composite. Payloads never hold a secret, an input or a response. A throwing hook is ignored. */
export interface FailoverHooks {
  /** A call moved from one provider to the next (`reason` is the failure's code). */
  readonly onFailover?: ((event: FailoverEvent) => void) | undefined;
  /** A provider's circuit breaker changed state. */
  readonly onCircuitChange?: ((event: CircuitChangeEvent) => void) | undefined;
}

/** Options of `createFailoverIssuer`: provider order, circuit breakers, hooks and logger. */
export interface FailoverIssuerOptions {
  /** Which provider new cards (and account-level calls) try first. @default 'ordered' */
  readonly policy?: ProviderOrderPolicy | undefined;
  /** One circuit breaker per provider. @default { consecutiveFailures: 5, halfOpenAfterMs: 30000 } */
  readonly breaker?: BreakerSettings | undefined;
  readonly hooks?: FailoverHooks | undefined;
  /** Failovers and circuit changes are logged at `warn`. @default none */
  readonly logger?: Logger | undefined;
  /** The composite's `provider`. @default 'failover' */
  readonly provider?: string | undefined;
  /**
   * Makes the idempotency key of a mutating call that the caller gave none. @default a `crypto.randomUUID()` that
   * redaction leaves readable (never one whose digits read like a card number)
   */
  readonly generateIdempotencyKey?: (() => string) | undefined;
  /**
   * Where the idempotency keys of `cards.create` and `webhooks.create` are claimed before the first request and
   * recorded with the provider they were sent to, so a repeat (or a second call while the first is under way) never
   * reaches another provider. Give every process the same `createRedisCreationKeyLedger(…)` to hold that across
   * processes. @default createMemoryCreationKeyLedger() (this composite only; keys kept 24 hours)
   */
  readonly ledger?: CreationKeyLedger | undefined;
}

/** A `CardIssuer` over several providers, plus what only a composite can say. */
export interface FailoverIssuer extends CardIssuer {
  /** Each provider's circuit breaker, in configured order. */
  health(): readonly ProviderHealth[];
  /** Wallet balances of every provider, apart or summed. */
  readonly wallets: WalletAggregation;
  /** The member issuers by provider name: for provider-only features, or listing one provider's cards. */
  readonly issuers: ReadonlyMap<string, CardIssuer>;
}

/**
 * Several issuers behind one `CardIssuer` (docs/architecture.md, decision 4, "Failover only where nothing can have
 * happened"):
 * - a call about an existing card, transaction, challenge or webhook goes to the provider named by its qualified id
 *   (`beta:card_1` → beta), statelessly; an id of a provider not in the composite is an `InvalidRequestError` before
 *   any I/O (as an adapter answers another provider's id: the id was sent to the wrong issuer);
 * - a new card and every account-level call go to the first provider in policy order whose circuit is closed, and move
 *   to the next only when the failure proves nothing happened (see `classifyFailure`: it reads the pipeline's verdict,
 *   `outcomeOf(error)`); an ambiguous failure of a mutating call is the pipeline's `AmbiguousOutcomeError` naming the
 *   provider and the idempotency key, never a second attempt elsewhere. The key is made once per call, so a moved call
 *   reaches the next provider with the same key (harmless: keys are per provider);
 * - account-level lists (`cards.list`, `transactions.list` without `cardId`, `bins.list`, `threeDS.list` without
 *   `cardId`, `webhooks.list`, `wallet.deposits`), `wallet.balance()` and `wallet.depositAddresses()` are served whole
 *   by ONE provider: the first healthy one that supports the call and its filters (an undeclared filter is an
 *   `UnsupportedOperationError` from that provider, which moves the call on). When the first is down another serves
 *   them, so every result names its provider (`provider` on each card, transaction, BIN, deposit, address, webhook,
 *   challenge and on the balance). Per-provider lists: `issuers.get(name)`; all wallets: `wallets`;
 * - a card creation's (or webhook endpoint's) idempotency key is claimed in `options.ledger` before the first request
 *   and assigned to each provider before it is sent there: a second call with the key while the first is under way
 *   waits for it (in this composite) or gets `IdempotencyKeyInUseError` (another process's, through a shared ledger);
 *   a repeat goes only to the provider the key was sent to, as the key's answer is there: anywhere else it would issue
 *   a second card. Kept 24 hours by default; share a `createRedisCreationKeyLedger` between processes;
 * - `cards.create({ bin: criteria })`: each provider matches the criteria against its own BINs; one with no match
 *   passes to the next; no match anywhere is a `NotFoundError`. `binId: 'beta:491653'` pins the provider; a bare
 *   `binId` goes to the first healthy provider.
 * Capabilities are the union of the members' (an operation is declared when some provider serves it).
 */
export function createFailoverIssuer(
  issuers: readonly CardIssuer[],
  options: FailoverIssuerOptions = {},
): FailoverIssuer {
  if (!Array.isArray(issuers) || issuers.length === 0) {
    throw new ConfigError('createFailoverIssuer needs an array of at least one issuer', { option: 'issuers' });
  }
  const name = options.provider ?? 'failover';
  const reporting = createFailoverReporting(options.hooks ?? {}, options.logger);
  const members = createFailoverMembers(name, issuers, options, reporting.circuitChanged);
  const caller: FailoverCaller = {
    name,
    generateKey: options.generateIdempotencyKey ?? (() => newIdempotencyKey()),
    reportFailover: reporting.failedOver,
  };
  const capabilities = unionCapabilities(issuers);
  const creations = createCreationKeyPath(
    caller,
    members,
    options.ledger ?? createMemoryCreationKeyLedger(),
    reporting.warn,
  );

  /** Begins a call at the composite: its options checked and its one deadline fixed here, for every layer below. */
  const begin = (operation: Operation, requestOptions: RequestOptions | undefined) =>
    beginCall(requestOptions, operation, name);

  /**
   * One operation of the port, routed as `failoverRouting` says (`args`: the arguments before the options). Each route
   * starts once zod is loaded (`loadZodForCall`, at once after the first call): the composite validates before its
   * members, and the load counts against the call's deadline.
   */
  function route(operation: Operation, routing: FailoverRouting, args: readonly unknown[], given: unknown): unknown {
    const requestOptions = given as RequestOptions | undefined;
    const call: MemberCall<Promise<unknown>> = async (issuer, callOptions) =>
      invokeOperation(issuer, operation, args, callOptions);
    switch (routing.kind) {
      case 'issuer-of':
        return loadZodForCall(requestOptions, operation, name).then(({ options: ready }) => {
          const member = members.issuerOf(operation, args[0], routing.idField);
          return callMember(caller, member, routing.mutating, begin(operation, ready), call);
        });
      case 'account':
        return loadZodForCall(requestOptions, operation, name).then(({ options: ready }) => {
          assertOperationSupported(name, capabilities, operation);
          const candidates = members.candidatesFor(operation);
          return callWithFailover(caller, operation, candidates, { mutating: false }, begin(operation, ready), call);
        });
      case 'list':
        return list(operation, routing.scopedByCardId ? scopeOf(args[0]) : undefined, requestOptions, args);
      case 'creation':
        return loadZodForCall(requestOptions, operation, name).then(({ options: ready }) =>
          operation === 'cards.create' ? createCard(args[0] as CreateCardInput, ready) : createWebhook(args, ready),
        );
    }
  }

  /** A list served whole by the first healthy provider that supports it (or by the card's provider). */
  function list(
    operation: Operation,
    scopeId: unknown,
    requestOptions: RequestOptions | undefined,
    args: readonly unknown[],
  ): PageResult<unknown> {
    return createDelegatingPageResult(async () => {
      const { options: ready } = await loadZodForCall(requestOptions, operation, name);
      assertOperationSupported(name, capabilities, operation);
      const candidates =
        scopeId === undefined ? members.candidatesFor(operation) : [members.issuerOf(operation, scopeId, 'cardId')];
      const callOptions = begin(operation, ready);
      return callWithFailover(
        caller,
        operation,
        candidates,
        { mutating: false },
        callOptions,
        async (issuer, options) => {
          const result = invokeOperation(issuer, operation, args, options) as PageResult<unknown>;
          await result; // the first page decides whether this provider serves the list
          // Boxed: a PageResult is thenable, and returning it would resolve it to its first page.
          return { result, provider: issuer.provider };
        },
      );
    });
  }

  async function createCard(input: CreateCardInput, requestOptions: RequestOptions | undefined) {
    const parsed = parseInput(createCardSchema, input, 'cards.create', name);
    const keyed = withIdempotencyKey(caller, begin('cards.create', requestOptions));
    const pinned = parsed.binId === undefined ? undefined : parseQualifiedId(parsed.binId);
    if (pinned) {
      // A qualified BIN id names its provider: the card can only be issued there.
      const member = members.named('cards.create', pinned.provider, 'binId');
      const pinnedInput = { ...input, binId: pinned.providerId } as CreateCardInput;
      // Validated here once: the member reads the result instead of parsing the input again.
      const callOptions = recordInput(keyed, createCardSchema, pinnedInput, { ...parsed, binId: pinned.providerId });
      return callMember(caller, member, true, callOptions, (issuer, options) =>
        issuer.cards.create(pinnedInput, options),
      );
    }
    return creations.createOnce({
      operation: 'cards.create',
      context: { mutating: true, byBinCriteria: parsed.bin !== undefined },
      callOptions: recordInput(keyed, createCardSchema, input, parsed),
      call: (issuer, options) => issuer.cards.create(input, options),
      describeNoMatch: () => (parsed.bin === undefined ? 'the criteria' : describeCriteria(parsed.bin)),
    });
  }

  function createWebhook(args: readonly unknown[], requestOptions: RequestOptions | undefined) {
    assertOperationSupported(name, capabilities, 'webhooks.create');
    return creations.createOnce({
      operation: 'webhooks.create',
      context: { mutating: true },
      callOptions: withIdempotencyKey(caller, begin('webhooks.create', requestOptions)),
      call: async (issuer, options) =>
        invokeOperation(issuer, 'webhooks.create', args, options) as { provider: string },
    });
  }

  const composite = {
    specificationVersion: 'v1',
    provider: name,
    capabilities,
    ...portMethods(route),
    health: () => [...members.byName.values()].map((member) => member.circuit.health()),
    wallets: createWalletAggregation(
      [...members.byName.values()].map((member) => ({
        provider: member.name,
        readBalance: (requestOptions?: RequestOptions) =>
          member.circuit.execute(() => member.issuer.wallet.balance(requestOptions)),
      })),
    ),
    issuers: new Map([...members.byName.values()].map((member) => [member.name, member.issuer])),
    async close() {
      const results = await Promise.allSettled([...members.byName.values()].map((member) => member.issuer.close()));
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  } as FailoverIssuer;
  return publishingFailures(composite);
}

/** The port's resource groups, each method routed by `route` as the routing table says. */
function portMethods(
  route: (operation: Operation, routing: FailoverRouting, args: readonly unknown[], options: unknown) => unknown,
): Pick<CardIssuer, 'cards' | 'transactions' | 'wallet' | 'bins' | 'threeDS' | 'webhooks'> {
  const groups: Record<string, Record<string, (...args: unknown[]) => unknown>> = {};
  for (const [operation, routing] of Object.entries(failoverRouting) as [Operation, FailoverRouting][]) {
    const [group, method] = operation.split('.') as [string, string];
    groups[group] ??= {};
    groups[group][method] = (...args) =>
      route(operation, routing, args.slice(0, routing.arguments), args[routing.arguments]);
  }
  return groups as unknown as Pick<CardIssuer, 'cards' | 'transactions' | 'wallet' | 'bins' | 'threeDS' | 'webhooks'>;
}
