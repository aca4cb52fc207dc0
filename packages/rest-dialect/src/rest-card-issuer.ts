import {
  type Bin,
  type CardIssuer,
  type CreateCardInput,
  type IssuerCapabilities,
  NotFoundError,
  type RequestOptions,
  TimeoutError,
} from '@cardgw/core';
import {
  type BinCriteria,
  beginCall,
  createCardSchema,
  describeCriteria,
  type HttpClient,
  loadZodForCall,
  parseCallInput,
  readOptionsOf,
  selectBin,
  termsOf,
  withOutcome,
} from '@cardgw/core/provider-utils';
import { type BinLookupOptions, createBinCache } from './bin-cache.js';
import { resolveBinId } from './resolve-provider-id.js';
import { createRestEndpointExecutor } from './rest-endpoint-executor.js';
import { restEndpoints } from './rest-endpoints.js';
import type { CreateCardRequest } from './rest-requests.js';

/** What sets one provider of the dialect apart from another at the REST level. */
export interface RestDialect {
  /** The provider's name (`acme`): the prefix of every id it issues, and its name in every error. */
  readonly provider: string;
  /**
   * What the provider's API page documents, nothing more. An operation or filter left out throws
   * `UnsupportedOperationError` before any request (deposits history or 3DS by id, for a provider without them).
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
  async function createCard(input: CreateCardInput, given: RequestOptions | undefined) {
    const { options } = await loadZodForCall(given, 'cards.create', provider);
    guard('cards.create');
    const parsed = parseCallInput(createCardSchema, input, options, 'cards.create', provider);
    if (parsed.binId !== undefined) {
      return postCard({ ...parsed, binId: resolveBinId(provider, parsed.binId, 'cards.create') }, options);
    }
    // The call begins here (options checked, its one deadline fixed) before the lookup, so bad input is refused before
    // any I/O; the lookup and the POST both run under that one deadline, and no POST starts once it is spent.
    const begun = beginCall(options, 'cards.create', provider);
    const bin = await chooseBin(parsed.bin, begun);
    return postCard({ ...parsed, binId: bin.providerId }, whatIsLeft(provider, begun));
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
  return readOptionsOf(options);
}

/**
 * The call's options for the POST after its BIN lookup, with what is left of the call's one deadline (fixed by
 * `beginCall`, never recomputed). Spent already: a `TimeoutError` before anything is sent (nothing can have happened),
 * whatever `HttpClient` the issuer was given.
 */
function whatIsLeft(provider: string, options: RequestOptions): RequestOptions {
  const terms = termsOf(options);
  if (terms?.deadline === undefined) return options;
  const remaining = terms.deadline - Date.now();
  if (remaining <= 0) {
    const message = `${provider} cards.create: the deadline of ${terms.timeoutMs} ms passed during the BIN lookup`;
    throw withOutcome(new TimeoutError(message, { provider }), 'not_sent');
  }
  return { ...options, timeoutMs: remaining };
}
