import { gatewayChannel, logChannel, publishDiagnostic } from '../diagnostics/diagnostics-channels.js';
import type { PageResult } from '../domain/page.js';
import { parseQualifiedId } from '../domain/qualified-id.js';
import { describeCriteria } from '../domain/select-bin.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { ConfigError } from '../errors/config-error.js';
import { IdempotencyKeyInUseError } from '../errors/idempotency-key-in-use-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UnsupportedOperationError } from '../errors/unsupported-operation-error.js';
import { outcomeOf, withOutcome } from '../http/call-outcome.js';
import { newIdempotencyKey } from '../http/idempotency.js';
import type { Logger } from '../http/types.js';
import type { IssuerCapabilities, Operation } from '../port/capabilities.js';
import type { CardIssuer } from '../port/card-issuer.js';
import type { CreateCardInput, RequestOptions } from '../port/inputs.js';
import { assertOperationSupported } from '../validation/capability-guard.js';
import { createCardSchema, qualifiedId } from '../validation/input-schemas.js';
import { parseIdInput, parseInput } from '../validation/parse-input.js';
import type { CreationKeyLedger } from './creation-key-ledger.js';
import { createDelegatingPageResult } from './delegating-page-result.js';
import { classifyFailure, type FailureContext, failureCode } from './failover-policy.js';
import { createMemoryCreationKeyLedger } from './memory-creation-key-ledger.js';
import {
  type BreakerSettings,
  type CircuitStateName,
  createProviderCircuit,
  type ProviderCircuit,
  type ProviderHealth,
} from './provider-circuit.js';
import { createProviderOrder, type ProviderOrderPolicy } from './provider-order.js';
import { createWalletAggregation, type WalletAggregation } from './wallet-aggregation.js';

/** A call moved to the next provider because the failure proved the first did nothing. */
export interface FailoverEvent {
  readonly operation: Operation;
  readonly from: string;
  readonly to: string;
  /** The failure's code: `connection_failed`, `circuit_open`, `rate_limited`, `not_found` (no matching BIN), … */
  readonly reason: string;
}

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

interface Member {
  readonly name: string;
  readonly issuer: CardIssuer;
  readonly circuit: ProviderCircuit;
}

/** What a call with failover may do around its attempts (creations use all three). */
interface CallExtras {
  /** Describes the criteria for "no provider has a BIN matching …". */
  readonly describeNoMatch?: (() => string) | undefined;
  /** Runs before the call is sent to `member`; a throw ends the call there, with nothing sent to it. */
  readonly beforeAttempt?: ((member: Member) => Promise<void>) | undefined;
  /** Told which member a failure stayed with (it did not move): that member may hold the call's outcome. */
  readonly onStayed?: ((member: Member, error: unknown) => void) | undefined;
}

interface FailureRecord {
  readonly member: Member;
  readonly error: unknown;
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
  if (issuers.length === 0) {
    throw new ConfigError('createFailoverIssuer needs at least one issuer', { option: 'issuers' });
  }
  const name = options.provider ?? 'failover';
  const hooks = options.hooks ?? {};
  const logger = options.logger;
  const generateKey = options.generateIdempotencyKey ?? (() => newIdempotencyKey());
  const order = createProviderOrder(options.policy);

  const members = new Map<string, Member>();
  for (const issuer of issuers) {
    if (members.has(issuer.provider)) {
      throw new ConfigError(`provider ${issuer.provider} appears twice: ids are qualified by provider name`, {
        option: 'issuers',
      });
    }
    const circuit = createProviderCircuit(issuer.provider, options.breaker, (state) => {
      log('warn', { provider: issuer.provider, state }, `circuit breaker of ${issuer.provider} is ${state}`);
      publishDiagnostic(gatewayChannel, () => ({
        type: 'circuit-change' as const,
        event: { provider: issuer.provider, state },
      }));
      notify(() => hooks.onCircuitChange?.({ provider: issuer.provider, state }));
    });
    members.set(issuer.provider, { name: issuer.provider, issuer, circuit });
  }
  const providerNames = [...members.keys()];
  const capabilities = unionCapabilities(issuers);
  const ledger = options.ledger ?? createMemoryCreationKeyLedger();
  /** Creations under way in this composite, by ledger key: a second call with the key waits for the first. */
  const creationsUnderWay = new Map<string, Promise<unknown>>();
  /**
   * Where this composite sent each creation key it still may have acted with: consulted before the shared ledger, so
   * a ledger that lost its data (a Redis restarted empty) never sends this process's repeat to another provider.
   */
  const sentHere = createRecentRoutes(rememberedRoutes);

  function log(level: 'warn' | 'error', object: Record<string, unknown>, message: string): void {
    publishDiagnostic(logChannel, () => ({ level, object, message }));
    logger?.[level]?.(object, message);
  }

  function notify(emit: () => void): void {
    try {
      emit();
    } catch (error) {
      log('error', { error: failureCode(error) }, 'a failover hook threw; ignored');
    }
  }

  function withIdempotencyKey(requestOptions: RequestOptions | undefined): RequestOptions & { idempotencyKey: string } {
    return { ...requestOptions, idempotencyKey: requestOptions?.idempotencyKey ?? generateKey() };
  }

  /** The member named by a qualified id's prefix; another provider's id is the caller's mistake, before any I/O. */
  function memberNamed(operation: Operation, provider: string, field: string): Member {
    const member = members.get(provider);
    if (member) return member;
    const rule = `belongs to ${provider}, which is not one of this gateway's providers (${providerNames.join(', ')})`;
    throw new InvalidRequestError(`${operation}: ${field} ${rule}`, { provider: name, issues: [{ field, rule }] });
  }

  /** The provider that issued `id`: its qualified prefix. */
  function memberFor(operation: Operation, id: unknown, field: string): Member {
    const parsed = typeof id === 'string' ? parseQualifiedId(id) : undefined;
    if (!parsed) {
      parseIdInput(qualifiedId, id, operation, name);
      throw new InvalidRequestError(`${operation}: ${field} must be a qualified id like acme:card_8xK2m9Lp4q`, {
        provider: name,
        issues: [{ field, rule: 'must be a qualified id like acme:card_8xK2m9Lp4q' }],
      });
    }
    return memberNamed(operation, parsed.provider, field);
  }

  function candidatesFor(operation: Operation): readonly Member[] {
    const chosen = order({ operation, providers: providerNames })
      .map((provider) => members.get(provider))
      .filter((member): member is Member => member !== undefined);
    if (chosen.length === 0) {
      throw new ConfigError(`the failover policy chose no provider for ${operation}`, { option: 'policy' });
    }
    return chosen;
  }

  /**
   * One provider, no failover: calls about an existing card. Its errors reach the caller as the member threw them: an
   * ambiguous change is already the pipeline's `AmbiguousOutcomeError`, with the key given here.
   */
  function callMember<Result>(
    member: Member,
    mutating: boolean,
    requestOptions: RequestOptions | undefined,
    call: (issuer: CardIssuer, requestOptions: RequestOptions | undefined) => Promise<Result>,
  ): Promise<Result> {
    const callOptions = mutating ? withIdempotencyKey(requestOptions) : requestOptions;
    return member.circuit.execute(() => call(member.issuer, callOptions));
  }

  /** Tries providers in order, moving on only when the failure proves nothing happened. */
  async function callWithFailover<Result>(
    operation: Operation,
    candidates: readonly Member[],
    context: FailureContext,
    requestOptions: RequestOptions | undefined,
    call: (issuer: CardIssuer, requestOptions: RequestOptions | undefined) => Promise<Result>,
    extras: CallExtras = {},
  ): Promise<Result> {
    // The caller's deadline covers the whole call, not each provider.
    const deadline = requestOptions?.timeoutMs === undefined ? undefined : Date.now() + requestOptions.timeoutMs;
    const failures: FailureRecord[] = [];
    for (const [index, member] of candidates.entries()) {
      let attemptOptions = requestOptions;
      if (index > 0) {
        if (requestOptions?.signal?.aborted) {
          throw new TimeoutError(`${operation} aborted by the caller`, { code: 'aborted', provider: name });
        }
        if (deadline !== undefined) {
          const remaining = deadline - Date.now();
          if (remaining <= 0) {
            throw new TimeoutError(`${operation} ran out of time before trying ${member.name}`, { provider: name });
          }
          attemptOptions = { ...requestOptions, timeoutMs: remaining };
        }
      }
      // Outside the try: a failure here is not the provider's and must never move the call.
      await extras.beforeAttempt?.(member);
      try {
        return await member.circuit.execute(() => call(member.issuer, attemptOptions));
      } catch (error) {
        // 'ambiguous' is an AmbiguousOutcomeError naming this provider and the key: the caller repeats it here.
        if (classifyFailure(error, context) !== 'move') {
          extras.onStayed?.(member, error);
          throw error;
        }
        failures.push({ member, error });
        const next = candidates[index + 1];
        if (next) {
          const event: FailoverEvent = { operation, from: member.name, to: next.name, reason: failureCode(error) };
          log('warn', { ...event }, `${operation} moved from ${member.name} to ${next.name} (${event.reason})`);
          publishDiagnostic(gatewayChannel, () => ({ type: 'failover' as const, event }));
          notify(() => hooks.onFailover?.(event));
        }
      }
    }
    throw exhaustedError(operation, failures, context, extras.describeNoMatch);
  }

  function exhaustedError(
    operation: Operation,
    failures: readonly FailureRecord[],
    context: FailureContext,
    describeNoMatch: (() => string) | undefined,
  ): unknown {
    const isNoMatch = (error: unknown) => context.byBinCriteria === true && NotFoundError.isInstance(error);
    // A provider that was down says more than one without a match: it might have had one.
    const providerFailure = failures.findLast(
      (failure) => !isNoMatch(failure.error) && !UnsupportedOperationError.isInstance(failure.error),
    );
    if (providerFailure) return providerFailure.error;
    const tried = failures.map((failure) => failure.member.name).join(', ');
    if (failures.some((failure) => isNoMatch(failure.error))) {
      return new NotFoundError(
        `${operation}: no provider has a BIN matching ${describeNoMatch?.() ?? 'the criteria'} (tried ${tried})`,
        {
          provider: name,
          code: 'no_matching_bin',
        },
      );
    }
    const last = failures.at(-1)?.error;
    if (failures.length === 1 || !UnsupportedOperationError.isInstance(last)) return last;
    return new UnsupportedOperationError(`none of ${tried} supports ${last.operation}`, {
      operation: last.operation,
      provider: name,
    });
  }

  /** A read any healthy provider can serve. */
  function accountRead<Result>(
    operation: Operation,
    requestOptions: RequestOptions | undefined,
    call: (issuer: CardIssuer, requestOptions: RequestOptions | undefined) => Promise<Result>,
  ): Promise<Result> {
    return Promise.resolve().then(() => {
      assertOperationSupported(name, capabilities, operation);
      return callWithFailover(operation, candidatesFor(operation), { mutating: false }, requestOptions, call);
    });
  }

  /** A list served whole by the first healthy provider that supports it (or by the card's provider). */
  function list<Item>(
    operation: Operation,
    scopeId: unknown,
    requestOptions: RequestOptions | undefined,
    open: (issuer: CardIssuer, requestOptions: RequestOptions | undefined) => PageResult<Item>,
  ): PageResult<Item> {
    return createDelegatingPageResult(async () => {
      assertOperationSupported(name, capabilities, operation);
      const candidates = scopeId === undefined ? candidatesFor(operation) : [memberFor(operation, scopeId, 'cardId')];
      return callWithFailover(operation, candidates, { mutating: false }, requestOptions, async (issuer, options) => {
        const result = open(issuer, options);
        await result; // the first page decides whether this provider serves the list
        // Boxed: a PageResult is thenable, and returning it would resolve it to its first page.
        return { result, provider: issuer.provider };
      });
    });
  }

  function cardScoped<Result>(
    operation: Operation,
    id: unknown,
    mutating: boolean,
    requestOptions: RequestOptions | undefined,
    call: (issuer: CardIssuer, requestOptions: RequestOptions | undefined) => Promise<Result>,
  ): Promise<Result> {
    return Promise.resolve().then(() =>
      callMember(memberFor(operation, id, idFields[operation] ?? 'cardId'), mutating, requestOptions, call),
    );
  }

  async function createCard(input: CreateCardInput, requestOptions: RequestOptions | undefined) {
    const parsed = parseInput(createCardSchema, input, 'cards.create', name);
    const callOptions = withIdempotencyKey(requestOptions);
    const pinned = parsed.binId === undefined ? undefined : parseQualifiedId(parsed.binId);
    if (pinned) {
      // A qualified BIN id names its provider: the card can only be issued there.
      const member = memberNamed('cards.create', pinned.provider, 'binId');
      const pinnedInput = { ...input, binId: pinned.providerId } as CreateCardInput;
      return callMember(member, true, callOptions, (issuer, options) => issuer.cards.create(pinnedInput, options));
    }
    return createOnce(
      'cards.create',
      { mutating: true, byBinCriteria: parsed.bin !== undefined },
      callOptions,
      (issuer, options) => issuer.cards.create(input, options),
      () => (parsed.bin === undefined ? 'the criteria' : describeCriteria(parsed.bin)),
    );
  }

  /**
   * Creates a card or a webhook endpoint at most once per idempotency key across providers. The key is claimed in the
   * ledger before the first request and assigned to each provider before it is sent there:
   * - a second call with the key while this composite's first is under way waits for it, and gets its result (or, if
   *   it failed, goes on as a repeat);
   * - a repeat goes only to the provider the key was sent to, since only its replay can say what became of the first;
   * - a key another process holds is an `IdempotencyKeyInUseError`, nothing sent;
   * - the first time, the call goes to the first provider that takes it, moving only on proofs of nothing done.
   * When the ledger cannot be reached, nothing is sent and the caller gets `ProviderUnavailableError`
   * (`creation_ledger_unavailable`): a key is never moved on a guess.
   */
  async function createOnce<Result extends { readonly provider: string }>(
    operation: 'cards.create' | 'webhooks.create',
    context: FailureContext,
    callOptions: RequestOptions & { readonly idempotencyKey: string },
    call: (issuer: CardIssuer, requestOptions: RequestOptions | undefined) => Promise<Result>,
    describeNoMatch?: () => string,
  ): Promise<Result> {
    const key = `${operation}:${callOptions.idempotencyKey}`;
    for (let running = creationsUnderWay.get(key); running; running = creationsUnderWay.get(key)) {
      // Waits as long as the first call may take (its own deadline bounds it).
      const first = await running.then(
        (result) => ({ succeeded: true as const, result: result as Result }),
        () => ({ succeeded: false as const }),
      );
      // The same logical call: the provider would replay this very result for the key.
      if (first.succeeded) return first.result;
    }
    const known = members.get(sentHere.get(key) ?? '');
    if (known) return callMember(known, true, callOptions, call);
    // Registered before any await, so a call arriving meanwhile waits for this one.
    const creation = createClaimed(operation, key, context, callOptions, call, describeNoMatch);
    creationsUnderWay.set(key, creation);
    const forget = () => creationsUnderWay.delete(key);
    creation.then(forget, forget);
    return creation;
  }

  async function createClaimed<Result extends { readonly provider: string }>(
    operation: 'cards.create' | 'webhooks.create',
    key: string,
    context: FailureContext,
    callOptions: RequestOptions & { readonly idempotencyKey: string },
    call: (issuer: CardIssuer, requestOptions: RequestOptions | undefined) => Promise<Result>,
    describeNoMatch: (() => string) | undefined,
  ): Promise<Result> {
    const { idempotencyKey } = callOptions;
    const holder = newIdempotencyKey();
    const claim = await ledger.claim(key, holder).catch((error: unknown) => {
      throw ledgerUnavailable(operation, idempotencyKey, 'claim the key', error);
    });
    if (!claim.claimed) {
      const { entry } = claim;
      if (entry.state === 'in_flight') {
        throw new IdempotencyKeyInUseError(
          `${operation}: another call with idempotency key ${idempotencyKey} is under way${entry.provider ? ` at ${entry.provider}` : ''}; nothing was sent: repeat it later with the same key`,
          { provider: entry.provider ?? name, operation, idempotencyKey },
        );
      }
      const earlier = entry.provider === undefined ? undefined : members.get(entry.provider);
      if (!earlier) {
        const rule = `was used at ${entry.provider}, which is not one of this gateway's providers (${providerNames.join(', ')})`;
        throw new InvalidRequestError(`${operation}: idempotency key ${idempotencyKey} ${rule}`, {
          provider: name,
          issues: [{ field: 'idempotencyKey', rule }],
        });
      }
      return callMember(earlier, true, callOptions, call);
    }

    let stayedUnsettled = false;
    try {
      const result = await callWithFailover(operation, candidatesFor(operation), context, callOptions, call, {
        describeNoMatch,
        beforeAttempt: async (member) => {
          const assigned = await ledger.assign(key, holder, member.name).catch((error: unknown) => {
            throw ledgerUnavailable(operation, idempotencyKey, `record the key for ${member.name}`, error);
          });
          if (assigned) sentHere.remember(key, member.name);
          if (!assigned) {
            throw new IdempotencyKeyInUseError(
              `${operation}: the claim on idempotency key ${idempotencyKey} ran out and another call took it; nothing more was sent`,
              { provider: name, operation, idempotencyKey },
            );
          }
        },
        // A creation that failed without moving and without a settled answer (ambiguous, aborted after sending, or
        // an unstamped error) may have happened there: the key stays with that member.
        onStayed: (_member, error) => {
          const outcome = outcomeOf(error);
          stayedUnsettled = outcome !== 'settled' && outcome !== 'not_sent';
        },
      });
      await finish(key, holder, 'succeeded');
      return result;
    } catch (error) {
      if (!stayedUnsettled) sentHere.forget(key);
      await finish(key, holder, stayedUnsettled ? 'unknown' : 'released');
      throw error;
    }
  }

  /** Ends a claim. A ledger that fails here leaves the key with the provider it was assigned to, which is safe. */
  async function finish(key: string, holder: string, outcome: 'succeeded' | 'unknown' | 'released'): Promise<void> {
    try {
      await ledger.finish(key, holder, outcome);
    } catch (error) {
      log(
        'warn',
        { outcome, error: failureCode(error) },
        'the creation-key ledger could not record the end of a creation; the key stays with its provider',
      );
    }
  }

  function ledgerUnavailable(operation: Operation, idempotencyKey: string, step: string, cause: unknown) {
    return withOutcome(
      new ProviderUnavailableError(
        `${operation}: could not ${step} in the creation-key ledger; nothing was sent: repeat with idempotency key ${idempotencyKey}`,
        {
          provider: name,
          code: 'creation_ledger_unavailable',
          cause: CardGatewayError.isInstance(cause) ? cause : undefined,
        },
      ),
      'not_sent',
    );
  }

  const composite: FailoverIssuer = {
    specificationVersion: 'v1',
    provider: name,
    capabilities,
    cards: {
      create: (input, requestOptions) => Promise.resolve().then(() => createCard(input, requestOptions)),
      list: (filters, requestOptions) =>
        list('cards.list', undefined, requestOptions, (issuer, options) => issuer.cards.list(filters, options)),
      get: (cardId, requestOptions) =>
        cardScoped('cards.get', cardId, false, requestOptions, (issuer, options) => issuer.cards.get(cardId, options)),
      details: (cardId, requestOptions) =>
        cardScoped('cards.details', cardId, false, requestOptions, (issuer, options) =>
          issuer.cards.details(cardId, options),
        ),
      update: (cardId, input, requestOptions) =>
        cardScoped('cards.update', cardId, true, requestOptions, (issuer, options) =>
          issuer.cards.update(cardId, input, options),
        ),
      freeze: (cardId, requestOptions) =>
        cardScoped('cards.freeze', cardId, true, requestOptions, (issuer, options) =>
          issuer.cards.freeze(cardId, options),
        ),
      unfreeze: (cardId, requestOptions) =>
        cardScoped('cards.unfreeze', cardId, true, requestOptions, (issuer, options) =>
          issuer.cards.unfreeze(cardId, options),
        ),
      terminate: (cardId, requestOptions) =>
        cardScoped('cards.terminate', cardId, true, requestOptions, (issuer, options) =>
          issuer.cards.terminate(cardId, options),
        ),
      fund: (cardId, input, requestOptions) =>
        cardScoped('cards.fund', cardId, true, requestOptions, (issuer, options) =>
          issuer.cards.fund(cardId, input, options),
        ),
      withdraw: (cardId, input, requestOptions) =>
        cardScoped('cards.withdraw', cardId, true, requestOptions, (issuer, options) =>
          issuer.cards.withdraw(cardId, input, options),
        ),
    },
    transactions: {
      list: (filters, requestOptions) =>
        list('transactions.list', scopeOf(filters), requestOptions, (issuer, options) =>
          issuer.transactions.list(filters, options),
        ),
      get: (transactionId, requestOptions) =>
        cardScoped('transactions.get', transactionId, false, requestOptions, (issuer, options) =>
          issuer.transactions.get(transactionId, options),
        ),
    },
    wallet: {
      balance: (requestOptions) =>
        accountRead('wallet.balance', requestOptions, (issuer, options) => issuer.wallet.balance(options)),
      depositAddresses: (query, requestOptions) =>
        accountRead('wallet.depositAddresses', requestOptions, (issuer, options) =>
          issuer.wallet.depositAddresses(query, options),
        ),
      deposits: (filters, requestOptions) =>
        list('wallet.deposits', undefined, requestOptions, (issuer, options) =>
          issuer.wallet.deposits(filters, options),
        ),
    },
    bins: {
      list: (requestOptions) =>
        list('bins.list', undefined, requestOptions, (issuer, options) => issuer.bins.list(options)),
    },
    threeDS: {
      list: (filters, requestOptions) =>
        list('threeDS.list', scopeOf(filters), requestOptions, (issuer, options) =>
          issuer.threeDS.list(filters, options),
        ),
      get: (challengeId, requestOptions) =>
        cardScoped('threeDS.get', challengeId, false, requestOptions, (issuer, options) =>
          issuer.threeDS.get(challengeId, options),
        ),
    },
    webhooks: {
      create: (input, requestOptions) =>
        Promise.resolve().then(() => {
          assertOperationSupported(name, capabilities, 'webhooks.create');
          return createOnce(
            'webhooks.create',
            { mutating: true },
            withIdempotencyKey(requestOptions),
            (issuer, options) => issuer.webhooks.create(input, options),
          );
        }),
      list: (requestOptions) =>
        list('webhooks.list', undefined, requestOptions, (issuer, options) => issuer.webhooks.list(options)),
      delete: (webhookId, requestOptions) =>
        cardScoped('webhooks.delete', webhookId, true, requestOptions, (issuer, options) =>
          issuer.webhooks.delete(webhookId, options),
        ),
    },
    health: () => [...members.values()].map((member) => member.circuit.health()),
    wallets: createWalletAggregation(
      [...members.values()].map((member) => ({
        provider: member.name,
        readBalance: (requestOptions?: RequestOptions) =>
          member.circuit.execute(() => member.issuer.wallet.balance(requestOptions)),
      })),
    ),
    issuers: new Map([...members.values()].map((member) => [member.name, member.issuer])),
    async close() {
      const results = await Promise.allSettled([...members.values()].map((member) => member.issuer.close()));
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
  return composite;
}

/** The argument naming the id, per operation about an existing resource (the rest are about a card: `cardId`). */
const idFields: Partial<Record<Operation, string>> = {
  'transactions.get': 'transactionId',
  'threeDS.get': 'challengeId',
  'webhooks.delete': 'webhookId',
};

/** How many creation keys a composite remembers sending itself (beyond its ledger). */
const rememberedRoutes = 10_000;

/** Which provider a key was sent to, for the most recent `capacity` keys (the oldest are forgotten). */
function createRecentRoutes(capacity: number) {
  const routes = new Map<string, string>();
  return {
    get: (key: string) => routes.get(key),
    remember(key: string, provider: string) {
      routes.delete(key);
      routes.set(key, provider);
      const oldest = routes.keys().next().value;
      if (routes.size > capacity && oldest !== undefined) routes.delete(oldest);
    },
    forget: (key: string) => routes.delete(key),
  };
}

/** `transactions.list({ cardId })` and `threeDS.list({ cardId })` belong to the card's provider. */
function scopeOf(filters: { readonly cardId?: unknown } | undefined): unknown {
  return typeof filters === 'object' && filters !== null ? filters.cardId : undefined;
}

function unionCapabilities(issuers: readonly CardIssuer[]): IssuerCapabilities {
  const union = <Value>(pick: (capabilities: IssuerCapabilities) => readonly Value[]) => [
    ...new Set(issuers.flatMap((issuer) => pick(issuer.capabilities))),
  ];
  return {
    operations: union((capabilities) => capabilities.operations),
    cardListFilters: union((capabilities) => capabilities.cardListFilters),
    transactionListFilters: union((capabilities) => capabilities.transactionListFilters),
    threeDSListFilters: union((capabilities) => capabilities.threeDSListFilters),
    depositListFilters: union((capabilities) => capabilities.depositListFilters),
    // Declared only when every provider accepts http URLs: webhooks.create may land on any of them.
    allowsInsecureWebhookUrls: issuers.every((issuer) => issuer.capabilities.allowsInsecureWebhookUrls),
  };
}
