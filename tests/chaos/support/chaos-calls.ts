import {
  AmbiguousOutcomeError,
  AuthenticationError,
  CardGatewayError,
  IdempotencyKeyInUseError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '@cardgw/core';

// What the test knows about each mutating call it made: its idempotency key, and whether it took effect at the
// provider. The library's promise makes that knowable: a success took effect once; any error other than
// AmbiguousOutcomeError means it took no effect; an AmbiguousOutcomeError may or may not have, until a repeat with
// the same key answers (a success, or a business answer such as insufficient funds).

/** `unknown`: an AmbiguousOutcomeError that no repeat has resolved yet. */
export type CallOutcome = 'applied' | 'not-applied' | 'unknown';

interface CallBase {
  /** The schedule step that made the call. */
  readonly step: number;
  readonly key: string;
  /** The same call again, with the same key. */
  readonly repeat: () => Promise<unknown>;
  outcome: CallOutcome;
  /** The first success's result (what every replay must give again). */
  result: unknown;
  /** Caller-level calls made with this key (first call, repeats, replays). */
  calls: number;
}

export interface CreateCall extends CallBase {
  readonly kind: 'create';
  /** The card's label: how the test finds the cards this call issued in the backends. */
  readonly marker: string;
  readonly amountCents: number;
}

export interface FundingCall extends CallBase {
  readonly kind: 'fund' | 'withdraw';
  readonly cardId: string;
  /** What the call moves onto the card: positive for a fund, negative for a withdrawal. */
  readonly signedCents: number;
}

export interface StateCall extends CallBase {
  readonly kind: 'freeze' | 'unfreeze' | 'terminate';
  readonly cardId: string;
}

export type MutatingCall = CreateCall | FundingCall | StateCall;

/** Errors that say nothing about what an earlier attempt with the same key did. */
const inconclusive = [
  AmbiguousOutcomeError,
  IdempotencyKeyInUseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  ProviderResponseError,
  AuthenticationError,
];

/**
 * Whether a repeat's error settles an earlier ambiguous attempt: the provider's answer for the key (a business error
 * is replayed, or given fresh when the first attempt never executed) means nothing took effect.
 */
export function settlesOutcome(error: unknown): boolean {
  return CardGatewayError.isInstance(error) && !inconclusive.some((type) => type.isInstance(error));
}

/** A short description of something thrown, without its message (which could hold anything). */
export function describeThrown(error: unknown): string {
  if (CardGatewayError.isInstance(error)) return `${error.name}(${error.code})`;
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}`;
  return `${typeof error} ${String(error)}`;
}
