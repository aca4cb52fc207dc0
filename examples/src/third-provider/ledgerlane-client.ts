import { type IssuerCapabilities, type Operation, UnsupportedOperationError } from '@cardgw/core';
import { assertOperationSupported, createHttpClient, type HttpRequest } from '@cardgw/core/provider-utils';
import { ledgerlaneCapabilities } from './ledgerlane-capabilities.js';
import { readLedgerLaneError } from './ledgerlane-errors.js';
import { ledgerlaneLimits } from './ledgerlane-limits.js';
import { type LedgerLaneOptions, ledgerlaneBaseUrl, parseLedgerLaneOptions } from './ledgerlane-options.js';
import { ledgerlaneName } from './map-ledgerlane-objects.js';

/** What every LedgerLane resource builds on: one call through core's pipeline, and the capability guard. */
export interface LedgerLaneClient {
  readonly provider: string;
  readonly capabilities: IssuerCapabilities;
  /** One logical call through core's pipeline; a failure is the typed error LedgerLane's answer means, with its verdict. */
  call<Output>(request: HttpRequest<Output>): Promise<Output>;
  /** @throws UnsupportedOperationError unless LedgerLane declares `operation`. */
  guard(operation: Operation): void;
  /** Closes the pipeline's sockets and limiter. */
  close(): Promise<void>;
}

/**
 * Core's shared HTTP pipeline set up for LedgerLane: `X-Api-Token` auth, its published limits, retries, idempotency
 * keys in `Idempotency-Key`, its `{ fault }` error body (`readLedgerLaneError`) and redaction of its token.
 * @throws ConfigError for invalid options (see `parseLedgerLaneOptions`).
 */
export function createLedgerLaneClient(options: LedgerLaneOptions): LedgerLaneClient {
  const token = parseLedgerLaneOptions(options);
  const provider = ledgerlaneName;
  const capabilities = ledgerlaneCapabilities;
  const client = createHttpClient({
    provider,
    baseUrl: (options.baseUrl ?? ledgerlaneBaseUrl).replace(/\/+$/, ''),
    auth: { headerName: 'X-Api-Token', secret: token },
    limits: options.limits ?? ledgerlaneLimits,
    limiter: options.limiter,
    timeoutMs: options.timeoutMs,
    attemptTimeoutMs: options.attemptTimeoutMs,
    retry: options.maxRetries === undefined ? undefined : { maxRetries: options.maxRetries },
    hooks: options.hooks,
    logger: options.logger,
    readProviderError: readLedgerLaneError,
    idempotencyHeader: 'Idempotency-Key',
  });

  async function call<Output>(request: HttpRequest<Output>): Promise<Output> {
    return (await client.request(request)).data;
  }
  return {
    provider,
    capabilities,
    call,
    guard: (operation) => assertOperationSupported(provider, capabilities, operation),
    close: () => client.close(),
  };
}

/** Runs `run` on a later tick: every method then fails by rejecting, never by throwing synchronously. */
export function lazy<Output>(run: () => Promise<Output>): Promise<Output> {
  return Promise.resolve().then(run);
}

/** The error of an operation LedgerLane does not declare. */
export function unsupportedError(operation: Operation): UnsupportedOperationError {
  return new UnsupportedOperationError(`${ledgerlaneName} does not support ${operation}`, {
    provider: ledgerlaneName,
    operation,
  });
}

/** A call of an operation LedgerLane does not declare: rejected before any request. */
export function unsupported(operation: Operation): Promise<never> {
  return Promise.reject(unsupportedError(operation));
}

/** Runs a list's checks at once; the error is given back to be thrown when the list is awaited or walked. */
export function lazyCheck<Output>(check: () => Output): Output | Error {
  try {
    return check();
  } catch (error) {
    return error as Error;
  }
}
