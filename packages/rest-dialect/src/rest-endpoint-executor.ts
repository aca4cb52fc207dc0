import type { IssuerCapabilities, Operation, PageResult, RequestOptions } from '@cardgw/core';
import {
  assertFiltersSupported,
  assertOperationSupported,
  createPageResult,
  type HttpClient,
  type InputSchema,
  listAfterZod,
  loadZodForCall,
  type Page,
  parseInput,
} from '@cardgw/core/provider-utils';
import { resolveProviderId } from './resolve-provider-id.js';
import {
  type RestItemOf,
  type RestListEndpoint,
  type RestListOperation,
  type RestRequestEndpoint,
  type RestRequestOperation,
  type RestResultOf,
  type RestWireOf,
  restEndpoints,
} from './rest-endpoints.js';
import { mapRestPage } from './rest-pagination.js';
import type { WireBody, WireQuery } from './rest-requests.js';
import type { WireList } from './rest-wire-schemas.js';

/** One provider's view of the endpoint table: who answers, what it declares, and the pipeline requests go through. */
export interface RestEndpointExecutorConfig {
  readonly provider: string;
  readonly capabilities: IssuerCapabilities;
  readonly http: HttpClient;
}

/** What a request carries besides its options: the id a path's `{name}` needs, and the caller's input. */
export interface RestCallArguments {
  readonly id?: unknown;
  readonly input?: unknown;
}

/** A request as sent: its path (resolved and encoded; the row's when absent), query string and body, when any. */
export interface RestRequestParts {
  readonly path?: string | undefined;
  readonly query?: WireQuery | undefined;
  readonly body?: WireBody | undefined;
}

/** Runs the rows of `restEndpoints` for one provider. */
export interface RestEndpointExecutor {
  /**
   * A request row, the whole way: capability guard → path id → input validation (all before any I/O) → one request
   * through the pipeline → wire → domain. Throws `UnsupportedOperationError`, `InvalidRequestError`, or whatever the
   * pipeline throws.
   */
  call<Name extends RestRequestOperation>(
    operation: Name,
    call: RestCallArguments,
    options: RequestOptions | undefined,
  ): Promise<RestResultOf<Name>>;
  /**
   * A list row. It validates eagerly but reports through the result: awaiting or iterating it rejects, before any I/O.
   * Pages are fetched lazily.
   */
  list<Name extends RestListOperation>(
    operation: Name,
    filters: unknown,
    options: RequestOptions | undefined,
  ): PageResult<RestItemOf<Name>>;
  /** Throws `UnsupportedOperationError` unless the provider declares `operation` (and every filter given). */
  guard(operation: Operation, filters?: unknown, supportedFilters?: readonly string[]): void;
  /**
   * One request of a row as given (no guard, no validation, no mapping): for a caller that has done those already.
   * `path` overrides the row's (already resolved and encoded).
   */
  send<Name extends Operation>(
    operation: Name,
    parts: RestRequestParts,
    options: RequestOptions | undefined,
  ): Promise<RestWireOf<Name>>;
}

// A row seen without its own types: the executor only moves values between a row's own functions.
type AnyRequestEndpoint = RestRequestEndpoint<unknown, unknown, unknown>;
type AnyListEndpoint = RestListEndpoint<unknown, unknown, unknown>;

/** The executor of the endpoint table for one provider of the dialect. */
export function createRestEndpointExecutor(config: RestEndpointExecutorConfig): RestEndpointExecutor {
  const { provider, capabilities, http } = config;

  function guard(operation: Operation, filters?: unknown, supportedFilters?: readonly string[]): void {
    assertOperationSupported(provider, capabilities, operation);
    // A non-object is left to parseInput, which says what is wrong with it.
    if (supportedFilters && typeof filters === 'object' && filters !== null) {
      assertFiltersSupported(provider, operation, supportedFilters, filters);
    }
  }

  async function send<Name extends Operation>(
    operation: Name,
    parts: RestRequestParts,
    options: RequestOptions | undefined,
  ): Promise<RestWireOf<Name>> {
    const endpoint = restEndpoints[operation];
    const { path = endpoint.path, query, body } = parts;
    const schema = endpoint.response as AnyRequestEndpoint['response'];
    const request = { operation, method: endpoint.method, path, schema, options };
    const response = await http.request({
      ...request,
      ...(query === undefined ? {} : { query }),
      ...(body === undefined ? {} : { body }),
    });
    return response.data as RestWireOf<Name>;
  }

  /** `/cards/{cardId}` → `/cards/card_8xK2m9Lp4q`: the caller's qualified id, resolved and encoded. */
  function resolvePath(operation: Operation, template: string, id: unknown): string {
    return template.replace(/\{(\w+)\}/, (_placeholder, field: string) =>
      encodeURIComponent(resolveProviderId(provider, id, operation, field)),
    );
  }

  function inputSchema(endpoint: AnyRequestEndpoint): InputSchema<unknown> | undefined {
    const input = endpoint.input;
    return typeof input === 'function' ? input(capabilities) : input;
  }

  async function call<Name extends RestRequestOperation>(
    operation: Name,
    { id, input }: RestCallArguments,
    given: RequestOptions | undefined,
  ): Promise<RestResultOf<Name>> {
    const endpoint = restEndpoints[operation] as AnyRequestEndpoint;
    // Every check below but the guard is zod's, loaded by the first call within its deadline (core's validation/zod.ts).
    const { options } = await loadZodForCall(given, operation, provider);
    guard(operation);
    const path = resolvePath(operation, endpoint.path, id);
    const schema = inputSchema(endpoint);
    const parsed = schema === undefined ? input : parseInput(schema, input, operation, provider);
    const query = endpoint.query?.(parsed);
    const body = endpoint.body?.(parsed);
    const wire = await send(operation, { path, query, body }, options);
    return endpoint.map(wire, provider) as RestResultOf<Name>;
  }

  /** The filters with every qualified id they name resolved to the provider's own. */
  function resolveIdFilters(operation: Operation, endpoint: AnyListEndpoint, filters: unknown): unknown {
    if (endpoint.idFilters === undefined || typeof filters !== 'object' || filters === null) return filters;
    const resolved: Record<string, unknown> = { ...filters };
    for (const field of endpoint.idFilters) {
      if (resolved[field] !== undefined)
        resolved[field] = resolveProviderId(provider, resolved[field], operation, field);
    }
    return resolved;
  }

  function list<Name extends RestListOperation>(
    operation: Name,
    filters: unknown,
    options: RequestOptions | undefined,
  ): PageResult<RestItemOf<Name>> {
    return listAfterZod(options, operation, provider, (ready) => listNow(operation, filters, ready));
  }

  function listNow<Name extends RestListOperation>(
    operation: Name,
    filters: unknown,
    options: RequestOptions | undefined,
  ): PageResult<RestItemOf<Name>> {
    type Item = RestItemOf<Name>;
    const endpoint = restEndpoints[operation] as AnyListEndpoint;
    let fetchPage: (page: number) => Promise<Page<Item>>;
    let firstPage = 1;
    try {
      guard(operation, filters, endpoint.supportedFilters?.(capabilities));
      const parsed =
        endpoint.filters === undefined ? filters : parseInput(endpoint.filters, filters, operation, provider);
      const resolved = resolveIdFilters(operation, endpoint, parsed);
      const mapItem = (item: unknown) => endpoint.mapItem(item, provider) as Item;
      if (endpoint.pagination === 'pages') firstPage = pageOf(resolved) ?? 1;
      fetchPage = async (page) => {
        const query = endpoint.query?.(resolved, page);
        const wire = (await send(operation, query ? { query } : {}, options)) as WireList<unknown>;
        return mapRestPage(endpoint.pagination === 'pages' ? wire : { data: wire.data }, mapItem);
      };
    } catch (error) {
      return createPageResult<Item>(() => Promise.reject(error));
    }
    return createPageResult(fetchPage, firstPage, { provider });
  }

  return { call, list, guard, send };
}

/** The caller's `page` filter, when given (validated already). */
function pageOf(filters: unknown): number | undefined {
  if (typeof filters !== 'object' || filters === null || !('page' in filters)) return undefined;
  return typeof filters.page === 'number' ? filters.page : undefined;
}
