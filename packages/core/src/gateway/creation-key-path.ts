import { outcomeOf } from '../errors/call-outcome.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { IdempotencyKeyInUseError } from '../errors/idempotency-key-in-use-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { newIdempotencyKey } from '../http/idempotency.js';
import type { RequestOptions } from '../port/inputs.js';
import type { CreationKeyLedger } from './creation-key-ledger.js';
import { callMember, callWithFailover, type FailoverCaller } from './failover-call.js';
import type { FailoverMembers } from './failover-members.js';
import { type FailureContext, failureCode } from './failover-policy.js';
import type { MemberCall } from './failover-routing.js';

/** The two operations whose idempotency key is claimed in the creation-key ledger. */
export type CreationOperation = 'cards.create' | 'webhooks.create';

/** One creation through the composite: what to call, with which key, and how to describe "no BIN matches". */
export interface Creation<Result> {
  readonly operation: CreationOperation;
  readonly context: FailureContext;
  readonly callOptions: RequestOptions & { readonly idempotencyKey: string };
  readonly call: MemberCall<Promise<Result>>;
  readonly describeNoMatch?: (() => string) | undefined;
}

/** How many creation keys a composite remembers sending itself (beyond its ledger). */
const rememberedRoutes = 10_000;

/**
 * Creates a card or a webhook endpoint at most once per idempotency key across providers (docs/money-safety.md). The
 * key is claimed in the ledger before the first request and assigned to each provider before it is sent there:
 * - a second call with the key while this composite's first is under way waits for it, and gets its result (or, if
 *   it failed, goes on as a repeat);
 * - a repeat goes only to the provider the key was sent to, since only its replay can say what became of the first;
 * - a key another process holds is an `IdempotencyKeyInUseError`, nothing sent;
 * - the first time, the call goes to the first provider that takes it, moving only on proofs of nothing done.
 * When the ledger cannot be reached, nothing is sent and the caller gets `ProviderUnavailableError`
 * (`creation_ledger_unavailable`, outcome `not_sent`): a key is never moved on a guess.
 */
export function createCreationKeyPath(
  caller: FailoverCaller,
  members: FailoverMembers,
  ledger: CreationKeyLedger,
  warn: (object: Record<string, unknown>, message: string) => void,
) {
  /** Creations under way in this composite, by ledger key: a second call with the key waits for the first. */
  const creationsUnderWay = new Map<string, Promise<unknown>>();
  /**
   * Where this composite sent each creation key it still may have acted with: consulted before the shared ledger, so
   * a ledger that lost its data (a Redis restarted empty) never sends this process's repeat to another provider.
   */
  const sentHere = createRecentRoutes(rememberedRoutes);

  async function createOnce<Result extends { readonly provider: string }>(creation: Creation<Result>): Promise<Result> {
    const key = `${creation.operation}:${creation.callOptions.idempotencyKey}`;
    for (let running = creationsUnderWay.get(key); running; running = creationsUnderWay.get(key)) {
      // Waits as long as the first call may take (its own deadline bounds it).
      const first = await running.then(
        (result) => ({ succeeded: true as const, result: result as Result }),
        () => ({ succeeded: false as const }),
      );
      // The same logical call: the provider would replay this very result for the key.
      if (first.succeeded) return first.result;
    }
    const known = members.byName.get(sentHere.get(key) ?? '');
    if (known) return callMember(caller, known, true, creation.callOptions, creation.call);
    // Registered before any await, so a call arriving meanwhile waits for this one.
    const running = createClaimed(key, creation);
    creationsUnderWay.set(key, running);
    const forget = () => creationsUnderWay.delete(key);
    running.then(forget, forget);
    return running;
  }

  async function createClaimed<Result>(key: string, creation: Creation<Result>): Promise<Result> {
    const { operation, callOptions } = creation;
    const { idempotencyKey } = callOptions;
    const holder = newIdempotencyKey();
    const claim = await ledger.claim(key, holder).catch((error: unknown) => {
      throw ledgerUnavailable(caller.name, operation, idempotencyKey, 'claim the key', error);
    });
    if (!claim.claimed) {
      const { entry } = claim;
      if (entry.state === 'in_flight') {
        throw new IdempotencyKeyInUseError(
          `${operation}: another call with idempotency key ${idempotencyKey} is under way${entry.provider ? ` at ${entry.provider}` : ''}; nothing was sent: repeat it later with the same key`,
          { provider: entry.provider ?? caller.name, operation, idempotencyKey },
        );
      }
      const earlier = entry.provider === undefined ? undefined : members.byName.get(entry.provider);
      if (!earlier) {
        const rule = `was used at ${entry.provider}, which is not one of this gateway's providers (${members.names.join(', ')})`;
        throw new InvalidRequestError(`${operation}: idempotency key ${idempotencyKey} ${rule}`, {
          provider: caller.name,
          issues: [{ field: 'idempotencyKey', rule }],
        });
      }
      return callMember(caller, earlier, true, callOptions, creation.call);
    }

    let stayedUnsettled = false;
    const candidates = members.candidatesFor(operation);
    try {
      const result = await callWithFailover(
        caller,
        operation,
        candidates,
        creation.context,
        callOptions,
        creation.call,
        {
          describeNoMatch: creation.describeNoMatch,
          beforeAttempt: async (member) => {
            const assigned = await ledger.assign(key, holder, member.name).catch((error: unknown) => {
              throw ledgerUnavailable(
                caller.name,
                operation,
                idempotencyKey,
                `record the key for ${member.name}`,
                error,
              );
            });
            if (!assigned) {
              throw new IdempotencyKeyInUseError(
                `${operation}: the claim on idempotency key ${idempotencyKey} ran out and another call took it; nothing more was sent`,
                { provider: caller.name, operation, idempotencyKey },
              );
            }
            sentHere.remember(key, member.name);
          },
          // A creation that failed without moving and without a settled answer (ambiguous, aborted after sending, or
          // an error with no verdict) may have happened there: the key stays with that member.
          onStayed: (_member, error) => {
            const outcome = outcomeOf(error);
            stayedUnsettled = outcome !== 'settled' && outcome !== 'not_sent';
          },
        },
      );
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
      warn(
        { outcome, error: failureCode(error) },
        'the creation-key ledger could not record the end of a creation; the key stays with its provider',
      );
    }
  }

  return { createOnce };
}

function ledgerUnavailable(
  composite: string,
  operation: CreationOperation,
  idempotencyKey: string,
  step: string,
  cause: unknown,
): ProviderUnavailableError {
  return new ProviderUnavailableError(
    `${operation}: could not ${step} in the creation-key ledger; nothing was sent: repeat with idempotency key ${idempotencyKey}`,
    {
      provider: composite,
      code: 'creation_ledger_unavailable',
      cause: CardGatewayError.isInstance(cause) ? cause : undefined,
      outcome: 'not_sent',
    },
  );
}

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
