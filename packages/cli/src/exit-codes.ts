import {
  AmbiguousOutcomeError,
  AuthenticationError,
  ConfigError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  UnsupportedOperationError,
  WebhookVerificationError,
} from '@cardgw/core';
import { NotConfirmedError } from './not-confirmed-error.js';

/**
 * The process exit codes of `cardgw`, one per class of failure, so a script can branch on what went wrong without
 * reading messages. Documented in the package README; never renumbered (new classes get new numbers).
 */
export const exitCodes = Object.freeze({
  /** The command did what it was asked. */
  ok: 0,
  /** A failure that is not one of cardgw's errors (a bug, an unreadable file): report it. */
  unexpected: 1,
  /** The command line itself is wrong: unknown command or option, a missing or malformed argument. */
  usage: 2,
  /** `ConfigError`: the gateway config or an environment variable is missing or invalid. */
  config: 3,
  /** `InvalidRequestError`: the provider would refuse the input; nothing was sent. */
  invalidRequest: 4,
  /** `NotFoundError`: no such card, transaction, challenge or webhook (or no BIN matching the criteria). */
  notFound: 5,
  /** `AuthenticationError`: the API key or seed was refused. */
  authentication: 6,
  /** `InsufficientFundsError`: the wallet or the card holds too little. */
  insufficientFunds: 7,
  /** `RateLimitError`: the provider's quota stayed exhausted past the retries. */
  rateLimited: 8,
  /** `ProviderUnavailableError` or `TimeoutError`: the provider could not be reached in time. */
  unavailable: 9,
  /** `AmbiguousOutcomeError`: a change may or may not have happened; repeat with the printed idempotency key. */
  ambiguous: 10,
  /** `ProviderResponseError`: the provider answered something unreadable or unexpected. */
  providerResponse: 11,
  /** `UnsupportedOperationError`: the provider does not document this operation or filter. */
  unsupported: 12,
  /** `WebhookVerificationError`: a webhook could not be verified. */
  webhookVerification: 13,
  /** `terminate` was not confirmed (answered no, or no terminal to ask on and no `--yes`). */
  notConfirmed: 14,
  /** Interrupted by Ctrl-C (SIGINT), as shells report it. */
  interrupted: 130,
} as const);

/** One of the values of `exitCodes`. */
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

// Most specific first: AmbiguousOutcomeError and TimeoutError are not subclasses of each other, but order keeps it so.
const byClass: readonly (readonly [{ isInstance(value: unknown): boolean }, ExitCode])[] = [
  [ConfigError, exitCodes.config],
  [InvalidRequestError, exitCodes.invalidRequest],
  [NotFoundError, exitCodes.notFound],
  [AuthenticationError, exitCodes.authentication],
  [InsufficientFundsError, exitCodes.insufficientFunds],
  [RateLimitError, exitCodes.rateLimited],
  [AmbiguousOutcomeError, exitCodes.ambiguous],
  [ProviderUnavailableError, exitCodes.unavailable],
  [TimeoutError, exitCodes.unavailable],
  [ProviderResponseError, exitCodes.providerResponse],
  [UnsupportedOperationError, exitCodes.unsupported],
  [WebhookVerificationError, exitCodes.webhookVerification],
];

/** The exit code for an error thrown by a command: by its cardgw error class, `unexpected` for anything else. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof NotConfirmedError) return exitCodes.notConfirmed;
  for (const [errorClass, code] of byClass) if (errorClass.isInstance(error)) return code;
  return exitCodes.unexpected;
}
