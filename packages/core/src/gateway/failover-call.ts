import { NotFoundError } from '../errors/not-found-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UnsupportedOperationError } from '../errors/unsupported-operation-error.js';
import type { Operation } from '../port/capabilities.js';
import type { RequestOptions } from '../port/inputs.js';
import { termsOf, withCallIdempotencyKey } from '../validation/call-terms.js';
import type { Member } from './failover-members.js';
import { classifyFailure, type FailureContext, failureCode } from './failover-policy.js';
import type { MemberCall } from './failover-routing.js';

/** A call moved to the next provider because the failure proved the first did nothing. */
export interface FailoverEvent {
  readonly operation: Operation;
  readonly from: string;
  readonly to: string;
  /** The failure's code: `connection_failed`, `circuit_open`, `rate_limited`, `not_found` (no matching BIN), … */
  readonly reason: string;
}

/** What a call with failover may do around its attempts (creations use all three). */
export interface CallExtras {
  /** Describes the criteria for "no provider has a BIN matching …". */
  readonly describeNoMatch?: (() => string) | undefined;
  /** Runs before the call is sent to `member`; a throw ends the call there, with nothing sent to it. */
  readonly beforeAttempt?: ((member: Member) => Promise<void>) | undefined;
  /** Told which member a failure stayed with (it did not move): that member may hold the call's outcome. */
  readonly onStayed?: ((member: Member, error: unknown) => void) | undefined;
}

/** What the composite's calls share: its name, how it makes keys, and where a failover is reported. */
export interface FailoverCaller {
  readonly name: string;
  readonly generateKey: () => string;
  readonly reportFailover: (event: FailoverEvent) => void;
}

interface FailureRecord {
  readonly member: Member;
  readonly error: unknown;
}

/**
 * One provider, no failover: calls about an existing card. Its errors reach the caller as the member threw them: an
 * ambiguous change is already the pipeline's `AmbiguousOutcomeError`, with the key given here.
 */
export function callMember<Result>(
  caller: FailoverCaller,
  member: Member,
  mutating: boolean,
  requestOptions: RequestOptions | undefined,
  call: MemberCall<Promise<Result>>,
): Promise<Result> {
  const callOptions = mutating ? withIdempotencyKey(caller, requestOptions) : requestOptions;
  return member.circuit.execute(() => call(member.issuer, callOptions));
}

/** The call's options with its idempotency key: the caller's, or one made once for the whole logical call. */
export function withIdempotencyKey(
  caller: FailoverCaller,
  requestOptions: RequestOptions | undefined,
): RequestOptions & { readonly idempotencyKey: string } {
  const given = requestOptions?.idempotencyKey;
  if (given !== undefined) return requestOptions as RequestOptions & { readonly idempotencyKey: string };
  return withCallIdempotencyKey(requestOptions, caller.generateKey());
}

/**
 * Tries providers in order, moving on only when the failure proves nothing happened. The call's one deadline (fixed
 * when the composite began it, `call-terms.ts`) covers every provider tried: each gets what is left of it.
 */
export async function callWithFailover<Result>(
  caller: FailoverCaller,
  operation: Operation,
  candidates: readonly Member[],
  context: FailureContext,
  requestOptions: RequestOptions | undefined,
  call: MemberCall<Promise<Result>>,
  extras: CallExtras = {},
): Promise<Result> {
  const deadline = termsOf(requestOptions)?.deadline;
  const failures: FailureRecord[] = [];
  for (const [index, member] of candidates.entries()) {
    let attemptOptions = requestOptions;
    if (index > 0) {
      if (requestOptions?.signal?.aborted) {
        throw new TimeoutError(`${operation} aborted by the caller`, { code: 'aborted', provider: caller.name });
      }
      if (deadline !== undefined) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          throw new TimeoutError(`${operation} ran out of time before trying ${member.name}`, {
            provider: caller.name,
          });
        }
        // For an issuer that reads only `timeoutMs`; one built on the pipeline reads the deadline itself.
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
      if (next) caller.reportFailover({ operation, from: member.name, to: next.name, reason: failureCode(error) });
    }
  }
  throw exhaustedError(caller.name, operation, failures, context, extras.describeNoMatch);
}

/** The error of a call every candidate refused without acting. */
function exhaustedError(
  composite: string,
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
      { provider: composite, code: 'no_matching_bin' },
    );
  }
  const last = failures.at(-1)?.error;
  if (failures.length === 1 || !UnsupportedOperationError.isInstance(last)) return last;
  return new UnsupportedOperationError(`none of ${tried} supports ${last.operation}`, {
    operation: last.operation,
    provider: composite,
  });
}
