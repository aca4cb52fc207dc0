import type { Bin, BinCriteria } from '../domain/bin.js';
import { describeCriteria, selectBin } from '../domain/select-bin.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { withOutcome } from '../http/call-outcome.js';
import { idempotencyKeyFor } from '../http/idempotency.js';
import type { HttpClient } from '../http/types.js';
import type { IssuerCapabilities } from '../port/capabilities.js';
import type { CardIssuer } from '../port/card-issuer.js';
import type { CreateCardInput, RequestOptions } from '../port/inputs.js';
import { createCardSchema } from '../validation/input-schemas.js';
import { parseInput } from '../validation/parse-input.js';
import { assertRequestOptions } from '../validation/request-options.js';
import { type BinLookupOptions, createBinCache } from './bin-cache.js';
import { resolveBinId } from './resolve-provider-id.js';
import { createRestEndpointExecutor } from './rest-endpoint-executor.js';
import { restEndpoints } from './rest-endpoints.js';
import type { CreateCardRequest } from './rest-requests.js';

/** What sets one provider of the dialect apart from another at the REST level. */
export interface RestDialect {
  /** The provider's name (`privcards`): the prefix of every id it issues, and its name in every error. */
  readonly provider: string;
  /**
   * What the provider's API page documents, nothing more. An operation or filter left out throws
   * `UnsupportedOperationError` before any request (CryptoCardy's deposits history and 3DS by id; PrivCards has neither).
   */
  readonly capabilities: IssuerCapabilities;
}

export interface RestCardIssuerConfig extends RestDialect {
  /** The pipeline every request goes through (limits, retries, idempotency, auth, error mapping, parsing). */
  readonly http: HttpClient;
  /** How long `GET /bins` is reused for card creation by criteria. @default 300000 (5 minutes) */
  readonly binCacheTtlMs?: number | undefined;
  /** The clock of the BIN cache. @default Date.now */
  readonly now?: (() => number) | undefined;
}

/**
 * The whole `CardIssuer` port over the shared REST dialect: each operation is a row of `restEndpoints`, run by the
 * endpoint executor. Every call: capability guard → input validation (before any I/O) → one request through the
 * pipeline → wire → domain mapping. Lists are lazy and walk every page on demand.
 */
export function createRestCardIssuer(config: RestCardIssuerConfig): CardIssuer {
  const { provider, capabilities, http } = config;
  const { call, list, guard, send } = createRestEndpointExecutor({ provider, capabilities, http });

  const binCache = createBinCache({
    ttlMs: config.binCacheTtlMs,
    now: config.now,
    load: async (lookup) => {
      const wire = await send('bins.list', {}, lookup);
      return wire.data.map((bin) => restEndpoints['bins.list'].mapItem(bin, provider));
    },
  });

  async function chooseBin(criteria: BinCriteria, options: RequestOptions | undefined): Promise<Bin> {
    let bins: readonly Bin[];
    try {
      bins = await binCache.get(binLookupOptions(options));
    } catch (error) {
      // Whatever happened to the lookup (a GET), the card's POST was never sent: a failover may try elsewhere.
      throw typeof error === 'object' && error !== null ? withOutcome(error, 'not_sent') : error;
    }
    const bin = selectBin(bins, criteria);
    if (!bin) {
      throw new NotFoundError(
        `cards.create: no ${provider} BIN matches the criteria (${describeCriteria(criteria)}); see bins.list()`,
        { provider },
      );
    }
    return bin;
  }

  /** `POST /cards` of the row, with the BIN already chosen. */
  async function postCard(request: CreateCardRequest, options: RequestOptions | undefined) {
    const endpoint = restEndpoints['cards.create'];
    return endpoint.map(await send('cards.create', { body: endpoint.body?.(request) }, options), provider);
  }

  /** The one operation that may take two requests: BIN criteria are resolved by `GET /bins` first. */
  async function createCard(input: CreateCardInput, options: RequestOptions | undefined) {
    guard('cards.create');
    const parsed = parseInput(createCardSchema, input, 'cards.create', provider);
    if (parsed.binId !== undefined) {
      return postCard({ ...parsed, binId: resolveBinId(provider, parsed.binId, 'cards.create') }, options);
    }
    // The call's options are checked before the lookup, as the pipeline would before the POST: bad input is refused
    // before any I/O. The lookup then runs under the call's signal and deadline, and the POST gets what is left.
    assertRequestOptions(options, 'cards.create', provider);
    idempotencyKeyFor('POST', options?.idempotencyKey, 'cards.create', provider);
    const startedAt = Date.now();
    const bin = await chooseBin(parsed.bin, options);
    const remaining = remainingOptions(provider, options, startedAt);
    return postCard({ ...parsed, binId: bin.providerId }, remaining);
  }

  return {
    specificationVersion: 'v1',
    provider,
    capabilities,
    cards: {
      create: createCard,
      list: (filters, options) => list('cards.list', filters, options),
      get: (cardId, options) => call('cards.get', { id: cardId }, options),
      details: (cardId, options) => call('cards.details', { id: cardId }, options),
      update: (cardId, input, options) => call('cards.update', { id: cardId, input }, options),
      freeze: (cardId, options) => call('cards.freeze', { id: cardId }, options),
      unfreeze: (cardId, options) => call('cards.unfreeze', { id: cardId }, options),
      terminate: (cardId, options) => call('cards.terminate', { id: cardId }, options),
      fund: (cardId, input, options) => call('cards.fund', { id: cardId, input }, options),
      withdraw: (cardId, input, options) => call('cards.withdraw', { id: cardId, input }, options),
    },
    transactions: {
      list: (filters, options) => list('transactions.list', filters, options),
      get: (transactionId, options) => call('transactions.get', { id: transactionId }, options),
    },
    wallet: {
      balance: (options) => call('wallet.balance', {}, options),
      depositAddresses: (query, options) => call('wallet.depositAddresses', { input: query }, options),
      deposits: (filters, options) => list('wallet.deposits', filters, options),
    },
    bins: {
      list: (options) => list('bins.list', undefined, options),
    },
    threeDS: {
      list: (filters, options) => list('threeDS.list', filters, options),
      get: (challengeId, options) => call('threeDS.get', { id: challengeId }, options),
    },
    webhooks: {
      create: (input, options) => call('webhooks.create', { input }, options),
      list: (options) => list('webhooks.list', undefined, options),
      delete: (webhookId, options) => call('webhooks.delete', { id: webhookId }, options),
    },
    close: () => http.close(),
  };
}

/** The call's signal, deadline and retries for the BIN lookup it needs, without its idempotency key (a GET has none). */
function binLookupOptions(options: RequestOptions | undefined): BinLookupOptions | undefined {
  if (options === undefined || options === null) return undefined;
  const { signal, timeoutMs, maxRetries } = options;
  return { signal, timeoutMs, maxRetries };
}

/**
 * The call's options with what is left of its own deadline after the BIN lookup: `timeoutMs` bounds the whole call, so
 * the POST must not start a fresh one. Spent already: a `TimeoutError` before anything is sent (nothing can have
 * happened). A malformed `timeoutMs` is left to the pipeline, which refuses it.
 */
function remainingOptions(
  provider: string,
  options: RequestOptions | undefined,
  startedAt: number,
): RequestOptions | undefined {
  const timeoutMs = options?.timeoutMs;
  if (options === undefined || options === null || typeof timeoutMs !== 'number' || !(timeoutMs > 0)) return options;
  const remaining = timeoutMs - (Date.now() - startedAt);
  if (remaining <= 0) {
    const error = new TimeoutError(
      `${provider} cards.create: the deadline of ${timeoutMs} ms passed during the BIN lookup`,
      {
        provider,
      },
    );
    throw withOutcome(error, 'not_sent');
  }
  return { ...options, timeoutMs: remaining };
}
