import type { Bin, CardIssuer, IssuerCapabilities, Operation, PageResult, RequestOptions } from '@cardgw/core';
import { NotFoundError, TimeoutError } from '@cardgw/core';
import type {
  BinCriteria,
  HttpClient,
  HttpMethod,
  Page,
  QueryValue,
  ResponseSchema,
} from '@cardgw/core/provider-utils';
import {
  assertFiltersSupported,
  assertOperationSupported,
  assertRequestOptions,
  cardListSchema,
  createCardSchema,
  createPageResult,
  depositAddressSchema,
  depositListSchema,
  describeCriteria,
  fundSchema,
  idempotencyKeyFor,
  insecureWebhookSchema,
  parseInput,
  secureWebhookSchema,
  selectBin,
  threeDSListSchema,
  transactionListSchema,
  updateCardSchema,
  withdrawSchema,
  withOutcome,
} from '@cardgw/core/provider-utils';
import { type BinLookupOptions, createBinCache } from './bin-cache.js';
import { resolveBinId, resolveProviderId } from './resolve-provider-id.js';
import {
  mapRestBin,
  mapRestCard,
  mapRestCardDetails,
  mapRestCardFreeze,
  mapRestCardFunding,
  mapRestCardTermination,
  mapRestDeposit,
  mapRestDepositAddresses,
  mapRestThreeDSChallenge,
  mapRestTransaction,
  mapRestWalletBalance,
  mapRestWebhook,
} from './rest-mappers.js';
import { mapRestPage } from './rest-pagination.js';
import {
  buildCardListQuery,
  buildCreateCardBody,
  buildCreateWebhookBody,
  buildDepositAddressQuery,
  buildDepositListQuery,
  buildFundingBody,
  buildThreeDSListQuery,
  buildTransactionListQuery,
  buildUpdateCardBody,
} from './rest-requests.js';
import {
  type WireList,
  wireAnyBodySchema,
  wireBinSchema,
  wireCardDetailsSchema,
  wireCardFreezeSchema,
  wireCardFundingSchema,
  wireCardSchema,
  wireCardTerminationSchema,
  wireDepositAddressesSchema,
  wireDepositSchema,
  wireListSchema,
  wireThreeDSChallengeSchema,
  wireTransactionSchema,
  wireWalletBalanceSchema,
  wireWebhookSchema,
} from './rest-wire-schemas.js';

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

interface PagedRequest<Item> {
  readonly fetchPage: (page: number) => Promise<Page<Item>>;
  readonly firstPage?: number | undefined;
}

const cardListWire = wireListSchema(wireCardSchema);
const transactionListWire = wireListSchema(wireTransactionSchema);
const depositListWire = wireListSchema(wireDepositSchema);
const binListWire = wireListSchema(wireBinSchema);
const threeDSListWire = wireListSchema(wireThreeDSChallengeSchema);
const webhookListWire = wireListSchema(wireWebhookSchema);

/**
 * The whole `CardIssuer` port over the shared REST dialect. Every call: capability guard → input validation (before
 * any I/O) → one request through the pipeline → wire → domain mapping. Lists are lazy and walk every page on demand.
 */
export function createRestCardIssuer(config: RestCardIssuerConfig): CardIssuer {
  const { provider, capabilities, http } = config;

  function guard(operation: Operation, filters?: unknown, supportedFilters?: readonly string[]): void {
    assertOperationSupported(provider, capabilities, operation);
    // A non-object is left to parseInput, which says what is wrong with it.
    if (supportedFilters && typeof filters === 'object' && filters !== null) {
      assertFiltersSupported(provider, operation, supportedFilters, filters);
    }
  }

  async function send<Output>(
    operation: Operation,
    method: HttpMethod,
    path: string,
    schema: ResponseSchema<Output>,
    options: RequestOptions | undefined,
    extra: { readonly query?: Record<string, QueryValue>; readonly body?: unknown } = {},
  ): Promise<Output> {
    const response = await http.request({ operation, method, path, schema, options, ...extra });
    return response.data;
  }

  /** A list validates eagerly but reports through the result: awaiting or iterating it rejects, before any I/O. */
  function list<Item>(prepare: () => PagedRequest<Item>): PageResult<Item> {
    let request: PagedRequest<Item>;
    try {
      request = prepare();
    } catch (error) {
      return createPageResult<Item>(() => Promise.reject(error));
    }
    return createPageResult(request.fetchPage, request.firstPage ?? 1, { provider });
  }

  const cardPath = (cardId: unknown, operation: Operation, suffix = '') =>
    `/cards/${encodeURIComponent(resolveProviderId(provider, cardId, operation, 'cardId'))}${suffix}`;

  const binCache = createBinCache({
    ttlMs: config.binCacheTtlMs,
    now: config.now,
    load: async (lookup) => {
      const wire = await send('bins.list', 'GET', '/bins', binListWire, lookup);
      return wire.data.map((bin) => mapRestBin(bin, provider));
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

  const mapList =
    <WireItem, Item>(mapItem: (item: WireItem, provider: string) => Item) =>
    (wire: WireList<WireItem>) =>
      mapRestPage(wire, (item) => mapItem(item, provider));

  // The page documents no pagination for these lists: one whole page, even if a pagination object appears (asking
  // for page 2 without a page parameter would fetch page 1 again, forever).
  const mapWholeList =
    <WireItem, Item>(mapItem: (item: WireItem, provider: string) => Item) =>
    (wire: WireList<WireItem>) =>
      mapRestPage({ data: wire.data }, (item) => mapItem(item, provider));

  return {
    specificationVersion: 'v1',
    provider,
    capabilities,

    cards: {
      async create(input, options) {
        guard('cards.create');
        const parsed = parseInput(createCardSchema, input, 'cards.create', provider);
        if (parsed.binId !== undefined) {
          const body = buildCreateCardBody({ ...parsed, binId: resolveBinId(provider, parsed.binId, 'cards.create') });
          return mapRestCard(await send('cards.create', 'POST', '/cards', wireCardSchema, options, { body }), provider);
        }
        // The call's options are checked before the lookup, as the pipeline would before the POST: bad input is refused
        // before any I/O. The lookup then runs under the call's signal and deadline, and the POST gets what is left.
        assertRequestOptions(options, 'cards.create', provider);
        idempotencyKeyFor('POST', options?.idempotencyKey, 'cards.create', provider);
        const startedAt = Date.now();
        const bin = await chooseBin(parsed.bin, options);
        const body = buildCreateCardBody({ ...parsed, binId: bin.providerId });
        const remaining = remainingOptions(provider, options, startedAt);
        const wire = await send('cards.create', 'POST', '/cards', wireCardSchema, remaining, { body });
        return mapRestCard(wire, provider);
      },

      list(filters, options) {
        return list(() => {
          guard('cards.list', filters, capabilities.cardListFilters);
          const parsed = parseInput(cardListSchema, filters, 'cards.list', provider);
          const fetchPage = async (page: number) => {
            const query = buildCardListQuery(parsed, page);
            return mapList(mapRestCard)(await send('cards.list', 'GET', '/cards', cardListWire, options, { query }));
          };
          return { fetchPage, firstPage: parsed.page };
        });
      },

      async get(cardId, options) {
        guard('cards.get');
        const wire = await send('cards.get', 'GET', cardPath(cardId, 'cards.get'), wireCardSchema, options);
        return mapRestCard(wire, provider);
      },

      async details(cardId, options) {
        guard('cards.details');
        const path = cardPath(cardId, 'cards.details', '/details');
        const wire = await send('cards.details', 'GET', path, wireCardDetailsSchema, options);
        return mapRestCardDetails(wire, provider);
      },

      async update(cardId, input, options) {
        guard('cards.update');
        const path = cardPath(cardId, 'cards.update');
        const body = buildUpdateCardBody(parseInput(updateCardSchema, input, 'cards.update', provider));
        const wire = await send('cards.update', 'PATCH', path, wireCardSchema, options, { body });
        return mapRestCard(wire, provider);
      },

      async freeze(cardId, options) {
        guard('cards.freeze');
        const path = cardPath(cardId, 'cards.freeze', '/freeze');
        return mapRestCardFreeze(await send('cards.freeze', 'POST', path, wireCardFreezeSchema, options), provider);
      },

      async unfreeze(cardId, options) {
        guard('cards.unfreeze');
        const path = cardPath(cardId, 'cards.unfreeze', '/unfreeze');
        return mapRestCard(await send('cards.unfreeze', 'POST', path, wireCardSchema, options), provider);
      },

      async terminate(cardId, options) {
        guard('cards.terminate');
        const path = cardPath(cardId, 'cards.terminate');
        const wire = await send('cards.terminate', 'DELETE', path, wireCardTerminationSchema, options);
        return mapRestCardTermination(wire, provider);
      },

      async fund(cardId, input, options) {
        guard('cards.fund');
        const path = cardPath(cardId, 'cards.fund', '/fund');
        const body = buildFundingBody(parseInput(fundSchema, input, 'cards.fund', provider).amount);
        const wire = await send('cards.fund', 'POST', path, wireCardFundingSchema, options, { body });
        return mapRestCardFunding(wire, provider, 'fund');
      },

      async withdraw(cardId, input, options) {
        guard('cards.withdraw');
        const path = cardPath(cardId, 'cards.withdraw', '/withdraw');
        const body = buildFundingBody(parseInput(withdrawSchema, input, 'cards.withdraw', provider).amount);
        const wire = await send('cards.withdraw', 'POST', path, wireCardFundingSchema, options, { body });
        return mapRestCardFunding(wire, provider, 'withdraw');
      },
    },

    transactions: {
      list(filters, options) {
        return list(() => {
          guard('transactions.list', filters, capabilities.transactionListFilters);
          const parsed = parseInput(transactionListSchema, filters, 'transactions.list', provider);
          const cardId =
            parsed.cardId === undefined
              ? undefined
              : resolveProviderId(provider, parsed.cardId, 'transactions.list', 'cardId');
          const fetchPage = async (page: number) => {
            const query = buildTransactionListQuery({ ...parsed, cardId }, page);
            const wire = await send('transactions.list', 'GET', '/transactions', transactionListWire, options, {
              query,
            });
            return mapList(mapRestTransaction)(wire);
          };
          return { fetchPage, firstPage: parsed.page };
        });
      },

      async get(transactionId, options) {
        guard('transactions.get');
        const id = resolveProviderId(provider, transactionId, 'transactions.get', 'transactionId');
        const path = `/transactions/${encodeURIComponent(id)}`;
        return mapRestTransaction(
          await send('transactions.get', 'GET', path, wireTransactionSchema, options),
          provider,
        );
      },
    },

    wallet: {
      async balance(options) {
        guard('wallet.balance');
        const wire = await send('wallet.balance', 'GET', '/wallet/balance', wireWalletBalanceSchema, options);
        return mapRestWalletBalance(wire, provider);
      },

      async depositAddresses(query, options) {
        guard('wallet.depositAddresses');
        const parsed = parseInput(depositAddressSchema, query, 'wallet.depositAddresses', provider);
        const wire = await send(
          'wallet.depositAddresses',
          'GET',
          '/wallet/deposit-address',
          wireDepositAddressesSchema,
          options,
          {
            query: buildDepositAddressQuery(parsed),
          },
        );
        return mapRestDepositAddresses(wire, provider);
      },

      deposits(filters, options) {
        return list(() => {
          guard('wallet.deposits', filters, capabilities.depositListFilters);
          const parsed = parseInput(depositListSchema, filters, 'wallet.deposits', provider);
          const query = buildDepositListQuery(parsed);
          const fetchPage = async () =>
            mapWholeList(mapRestDeposit)(
              await send('wallet.deposits', 'GET', '/wallet/deposits', depositListWire, options, { query }),
            );
          return { fetchPage };
        });
      },
    },

    bins: {
      list(options) {
        return list(() => {
          guard('bins.list');
          const fetchPage = async () =>
            mapWholeList(mapRestBin)(await send('bins.list', 'GET', '/bins', binListWire, options));
          return { fetchPage };
        });
      },
    },

    threeDS: {
      list(filters, options) {
        return list(() => {
          guard('threeDS.list', filters, capabilities.threeDSListFilters);
          const parsed = parseInput(threeDSListSchema, filters, 'threeDS.list', provider);
          const cardId =
            parsed.cardId === undefined
              ? undefined
              : resolveProviderId(provider, parsed.cardId, 'threeDS.list', 'cardId');
          const query = buildThreeDSListQuery({ ...parsed, cardId });
          const fetchPage = async () =>
            mapWholeList(mapRestThreeDSChallenge)(
              await send('threeDS.list', 'GET', '/3ds', threeDSListWire, options, { query }),
            );
          return { fetchPage };
        });
      },

      async get(challengeId, options) {
        guard('threeDS.get');
        const id = resolveProviderId(provider, challengeId, 'threeDS.get', 'challengeId');
        const path = `/3ds/${encodeURIComponent(id)}`;
        return mapRestThreeDSChallenge(
          await send('threeDS.get', 'GET', path, wireThreeDSChallengeSchema, options),
          provider,
        );
      },
    },

    webhooks: {
      async create(input, options) {
        guard('webhooks.create');
        const schema = capabilities.allowsInsecureWebhookUrls ? insecureWebhookSchema : secureWebhookSchema;
        const body = buildCreateWebhookBody(parseInput(schema, input, 'webhooks.create', provider) as typeof input);
        return mapRestWebhook(
          await send('webhooks.create', 'POST', '/webhooks', wireWebhookSchema, options, { body }),
          provider,
        );
      },

      list(options) {
        return list(() => {
          guard('webhooks.list');
          const fetchPage = async () =>
            mapWholeList(mapRestWebhook)(await send('webhooks.list', 'GET', '/webhooks', webhookListWire, options));
          return { fetchPage };
        });
      },

      async delete(webhookId, options) {
        guard('webhooks.delete');
        const id = resolveProviderId(provider, webhookId, 'webhooks.delete', 'webhookId');
        await send('webhooks.delete', 'DELETE', `/webhooks/${encodeURIComponent(id)}`, wireAnyBodySchema, options);
      },
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
