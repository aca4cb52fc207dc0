import type { IncomingHttpHeaders } from 'node:http';
import type { MemoryIssuer } from '@cardgw/adapter-memory';
import type { IssuerCapabilities, Operation } from '@cardgw/core';
import { type HttpMethod, type Page, providerIdPattern, qualifyId } from '@cardgw/core/provider-utils';
import {
  parseCardListQuery,
  parseCreateCardBody,
  parseCreateWebhookBody,
  parseDepositListQuery,
  parseFundingBody,
  parseThreeDSListQuery,
  parseTransactionListQuery,
  parseUpdateCardBody,
} from './wire-request-parsers.js';
import {
  toWireBin,
  toWireCard,
  toWireCardDetails,
  toWireCardFreeze,
  toWireCardFunding,
  toWireCardTermination,
  toWireDeposit,
  toWireDepositAddresses,
  toWireThreeDSChallenge,
  toWireTransaction,
  toWireWalletBalance,
  toWireWebhook,
  type WireObject,
} from './wire-serializers.js';

/** A request as a simulator route sees it: method, decoded path parameters, query and parsed body. */
export interface SimulatorRequest {
  readonly method: string;
  /** The path parameters, decoded. */
  readonly params: readonly string[];
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
  /**
   * The request's `X-Idempotency-Key` on a mutating call, scoped to the caller: routes pass it to the backend, whose
   * idempotency rules then apply (one outcome per key, the same key with other parameters refused).
   */
  readonly idempotencyKey?: string | undefined;
}

/** What a simulator route answers: a status and a JSON body. */
export interface SimulatorResult {
  readonly status: number;
  readonly body: WireObject;
}

/** One route of a simulator: a method, a path pattern and its handler. */
export interface SimulatorRoute {
  readonly method: HttpMethod;
  /** Matched against the path below the base path; capture groups are the path parameters. */
  readonly pattern: RegExp;
  /** Names the request for the quotas (`cards.create`, `cards.details`, …). */
  readonly operation: string;
  /** Served without a credential (a credential provisioning call). @default false */
  readonly public?: boolean | undefined;
  /** Answers the request (a `WireError` thrown becomes the documented error body). */
  handle(request: SimulatorRequest): Promise<SimulatorResult>;
}

interface RouteContext {
  readonly provider: string;
  readonly backend: MemoryIssuer;
  readonly capabilities: IssuerCapabilities;
}

const ok = (body: WireObject, status = 200): SimulatorResult => ({ status, body });

/** `{ data, pagination: { page, per_page, total, total_pages } }`; transactions show no `total_pages`. */
function wirePage<Item>(page: Page<Item>, toWire: (item: Item) => WireObject, withTotalPages: boolean): WireObject {
  return {
    data: page.data.map(toWire),
    pagination: {
      page: page.page,
      per_page: page.perPage,
      total: page.total,
      ...(withTotalPages ? { total_pages: page.totalPages } : {}),
    },
  };
}

const id = '([^/]+)';

/**
 * The dialect's endpoints, served by the in-memory backend. An operation the dialect's capabilities do not declare
 * is not routed at all (a 404, as an undocumented path is at the provider).
 */
export function createDialectRoutes(context: RouteContext): SimulatorRoute[] {
  const { provider, backend, capabilities } = context;
  const qualify = (providerId: string) => qualifyId(provider, providerId);
  const param = (request: SimulatorRequest, index = 0) => qualify(request.params[index] ?? '');
  const keyed = (request: SimulatorRequest) => ({ idempotencyKey: request.idempotencyKey });

  const route = (
    method: HttpMethod,
    path: string,
    operation: Operation,
    handle: (request: SimulatorRequest) => Promise<SimulatorResult>,
  ): SimulatorRoute => ({ method, pattern: new RegExp(`^${path}$`), operation, handle });

  const routes: SimulatorRoute[] = [
    route('GET', '/cards', 'cards.list', async (request) => {
      const filters = parseCardListQuery(request.query, capabilities.cardListFilters);
      return ok(wirePage(await backend.cards.list(filters), toWireCard, true));
    }),
    route('POST', '/cards', 'cards.create', async (request) =>
      ok(toWireCard(await backend.cards.create(parseCreateCardBody(request.body), keyed(request))), 201),
    ),
    route('GET', `/cards/${id}`, 'cards.get', async (request) =>
      ok(toWireCard(await backend.cards.get(param(request)))),
    ),
    route('PATCH', `/cards/${id}`, 'cards.update', async (request) =>
      ok(toWireCard(await backend.cards.update(param(request), parseUpdateCardBody(request.body), keyed(request)))),
    ),
    route('DELETE', `/cards/${id}`, 'cards.terminate', async (request) =>
      ok(toWireCardTermination(await backend.cards.terminate(param(request), keyed(request)))),
    ),
    route('GET', `/cards/${id}/details`, 'cards.details', async (request) =>
      ok(toWireCardDetails(await backend.cards.details(param(request)))),
    ),
    route('POST', `/cards/${id}/freeze`, 'cards.freeze', async (request) =>
      ok(toWireCardFreeze(await backend.cards.freeze(param(request), keyed(request)))),
    ),
    route('POST', `/cards/${id}/unfreeze`, 'cards.unfreeze', async (request) =>
      ok(toWireCard(await backend.cards.unfreeze(param(request), keyed(request)))),
    ),
    route('POST', `/cards/${id}/fund`, 'cards.fund', async (request) => {
      const input = parseFundingBody(request.body, 'POST /cards/{card_id}/fund');
      return ok(toWireCardFunding(await backend.cards.fund(param(request), input, keyed(request))));
    }),
    route('POST', `/cards/${id}/withdraw`, 'cards.withdraw', async (request) => {
      const input = parseFundingBody(request.body, 'POST /cards/{card_id}/withdraw');
      return ok(toWireCardFunding(await backend.cards.withdraw(param(request), input, keyed(request))));
    }),
    route('GET', '/transactions', 'transactions.list', async (request) => {
      const filters = parseTransactionListQuery(request.query, capabilities.transactionListFilters, qualify);
      return ok(wirePage(await backend.transactions.list(filters), toWireTransaction, false));
    }),
    route('GET', `/transactions/${id}`, 'transactions.get', async (request) =>
      ok(toWireTransaction(await backend.transactions.get(param(request)))),
    ),
    route('GET', '/wallet/balance', 'wallet.balance', async () =>
      ok(toWireWalletBalance(await backend.wallet.balance())),
    ),
    route('GET', '/wallet/deposit-address', 'wallet.depositAddresses', async (request) => {
      const asset = request.query.currency?.toLowerCase();
      return ok(toWireDepositAddresses(await backend.wallet.depositAddresses(asset === undefined ? {} : { asset })));
    }),
    route('GET', '/wallet/deposits', 'wallet.deposits', async (request) => {
      const filters = parseDepositListQuery(request.query, capabilities.depositListFilters);
      return ok({ data: (await backend.wallet.deposits(filters).toArray()).map(toWireDeposit) });
    }),
    route('GET', '/bins', 'bins.list', async () => ok({ data: (await backend.bins.list().toArray()).map(toWireBin) })),
    route('GET', '/3ds', 'threeDS.list', async (request) => {
      const filters = parseThreeDSListQuery(request.query, capabilities.threeDSListFilters, qualify);
      return ok({ data: (await backend.threeDS.list(filters).toArray()).map(toWireThreeDSChallenge) });
    }),
    route('GET', `/3ds/${id}`, 'threeDS.get', async (request) =>
      ok(toWireThreeDSChallenge(await backend.threeDS.get(param(request)))),
    ),
    route('POST', '/webhooks', 'webhooks.create', async (request) => {
      const endpoint = await backend.webhooks.create(parseCreateWebhookBody(request.body), keyed(request));
      return ok(toWireWebhook(endpoint, { withSecret: true }), 201);
    }),
    route('GET', '/webhooks', 'webhooks.list', async () => {
      const endpoints = await backend.webhooks.list().toArray();
      return ok({ data: endpoints.map((endpoint) => toWireWebhook(endpoint, { withSecret: false })) });
    }),
    route('DELETE', `/webhooks/${id}`, 'webhooks.delete', async (request) => {
      await backend.webhooks.delete(param(request), keyed(request));
      return ok({ id: request.params[0], deleted: true });
    }),
  ];
  return routes.filter((candidate) => capabilities.operations.includes(candidate.operation as Operation));
}

/** A path parameter that is not a provider id cannot name anything: the route answers 404 without executing. */
export function isValidPathParameter(value: string): boolean {
  return providerIdPattern.test(value);
}
