import type { IssuerCapabilities, Operation } from '@cardgw/core';
import {
  type CreateWebhookInput,
  cardListSchema,
  depositAddressSchema,
  depositListSchema,
  fundSchema,
  type HttpMethod,
  type InputSchema,
  insecureWebhookSchema,
  type ResponseSchema,
  secureWebhookSchema,
  threeDSListSchema,
  transactionListSchema,
  updateCardSchema,
  withdrawSchema,
} from '@cardgw/core/provider-utils';
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
  type WireBody,
  type WireQuery,
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

/**
 * A port operation answered by one request: `path` may hold one `{name}` placeholder, filled with the call's id
 * argument resolved to the provider's own id (`acme:card_8xK2m9Lp4q` → `card_8xK2m9Lp4q`) and URL-encoded; an id
 * of another provider, or no qualified id at all, is an `InvalidRequestError` before any I/O.
 */
export interface RestRequestEndpoint<Input, Wire, Result> {
  readonly kind: 'request';
  readonly method: HttpMethod;
  /** Relative to the base URL: `/cards/{cardId}/fund`. */
  readonly path: string;
  /** Whether the call changes state at the provider: it then carries an idempotency key (the pipeline's rule). */
  readonly mutating: boolean;
  /** Checks the call's input before any I/O; a function where the rule depends on the provider's capabilities. */
  readonly input?: InputSchema<Input> | ((capabilities: IssuerCapabilities) => InputSchema<Input>) | undefined;
  /** The JSON body, from the validated input. */
  readonly body?: ((input: Input) => WireBody) | undefined;
  /** The query string, from the validated input. */
  readonly query?: ((input: Input) => WireQuery) | undefined;
  /** What the answer must look like (minimal and tolerant: only what the mapper reads). */
  readonly response: ResponseSchema<Wire>;
  /** Wire → domain, given the provider's name (the prefix of every id it returns). */
  readonly map: (wire: Wire, provider: string) => Result;
}

/**
 * A port operation answered by a list (`GET`, never mutating), walked lazily page by page. `pagination: 'pages'`: the
 * provider documents `page` / `per_page`, the walk starts at the caller's `page` (default 1). `'none'`: the provider
 * documents no pagination for it, so the answer is one whole page, even if a pagination object appears (asking for
 * page 2 without a page parameter would fetch page 1 again, forever).
 */
export interface RestListEndpoint<Filters, WireItem, Item> {
  readonly kind: 'list';
  readonly method: 'GET';
  readonly path: string;
  readonly mutating: false;
  readonly pagination: 'pages' | 'none';
  /** Checks the filters before any I/O. */
  readonly filters?: InputSchema<Filters> | undefined;
  /** The filters this provider documents, from its capabilities; any other given is `UnsupportedOperationError`. */
  readonly supportedFilters?: ((capabilities: IssuerCapabilities) => readonly string[]) | undefined;
  /** Filters holding a qualified id, resolved to the provider's own id before any I/O (as a path's `{name}`). */
  readonly idFilters?: readonly string[] | undefined;
  /** The query string of one page, from the validated filters. */
  readonly query?: ((filters: Filters, page: number) => WireQuery) | undefined;
  readonly response: ResponseSchema<WireList<WireItem>>;
  /** Wire → domain for one item, given the provider's name. */
  readonly mapItem: (wire: WireItem, provider: string) => Item;
}

/** Infers a request row's types from its fields (an identity function). */
function request<Wire, Result, Input = undefined>(
  endpoint: Omit<RestRequestEndpoint<Input, Wire, Result>, 'kind'>,
): RestRequestEndpoint<Input, Wire, Result> {
  return { kind: 'request', ...endpoint };
}

/** Infers a list row's types from its fields (an identity function). */
function list<WireItem, Item, Filters = undefined>(
  endpoint: Omit<RestListEndpoint<Filters, WireItem, Item>, 'kind' | 'method' | 'mutating'>,
): RestListEndpoint<Filters, WireItem, Item> {
  return { kind: 'list', method: 'GET', mutating: false, ...endpoint };
}

/**
 * Every operation of the port in the REST dialect, one row each, in the port's order.
 * Which of them a provider answers, and which filters, comes from its definition (`capabilities`), never from here.
 * `cards.create` is the one operation that may take two requests: given BIN criteria instead of a BIN id, the issuer
 * chooses the BIN from `GET /bins` first (see `createRestCardIssuer`); its row's body is built once the BIN is known.
 */
export const restEndpoints = {
  'cards.create': request({
    method: 'POST',
    path: '/cards',
    mutating: true,
    body: buildCreateCardBody,
    response: wireCardSchema,
    map: mapRestCard,
  }),
  'cards.list': list({
    path: '/cards',
    pagination: 'pages',
    filters: cardListSchema,
    supportedFilters: (capabilities) => capabilities.cardListFilters,
    query: buildCardListQuery,
    response: wireListSchema(wireCardSchema),
    mapItem: mapRestCard,
  }),
  'cards.get': request({
    method: 'GET',
    path: '/cards/{cardId}',
    mutating: false,
    response: wireCardSchema,
    map: mapRestCard,
  }),
  'cards.details': request({
    method: 'GET',
    path: '/cards/{cardId}/details',
    mutating: false,
    response: wireCardDetailsSchema,
    map: mapRestCardDetails,
  }),
  'cards.update': request({
    method: 'PATCH',
    path: '/cards/{cardId}',
    mutating: true,
    input: updateCardSchema,
    body: buildUpdateCardBody,
    response: wireCardSchema,
    map: mapRestCard,
  }),
  'cards.freeze': request({
    method: 'POST',
    path: '/cards/{cardId}/freeze',
    mutating: true,
    response: wireCardFreezeSchema,
    map: mapRestCardFreeze,
  }),
  'cards.unfreeze': request({
    method: 'POST',
    path: '/cards/{cardId}/unfreeze',
    mutating: true,
    response: wireCardSchema,
    map: mapRestCard,
  }),
  'cards.terminate': request({
    method: 'DELETE',
    path: '/cards/{cardId}',
    mutating: true,
    response: wireCardTerminationSchema,
    map: mapRestCardTermination,
  }),
  'cards.fund': request({
    method: 'POST',
    path: '/cards/{cardId}/fund',
    mutating: true,
    input: fundSchema,
    body: (input) => buildFundingBody(input.amount),
    response: wireCardFundingSchema,
    map: (wire, provider) => mapRestCardFunding(wire, provider, 'fund'),
  }),
  'cards.withdraw': request({
    method: 'POST',
    path: '/cards/{cardId}/withdraw',
    mutating: true,
    input: withdrawSchema,
    body: (input) => buildFundingBody(input.amount),
    response: wireCardFundingSchema,
    map: (wire, provider) => mapRestCardFunding(wire, provider, 'withdraw'),
  }),
  'transactions.list': list({
    path: '/transactions',
    pagination: 'pages',
    filters: transactionListSchema,
    supportedFilters: (capabilities) => capabilities.transactionListFilters,
    idFilters: ['cardId'],
    query: buildTransactionListQuery,
    response: wireListSchema(wireTransactionSchema),
    mapItem: mapRestTransaction,
  }),
  'transactions.get': request({
    method: 'GET',
    path: '/transactions/{transactionId}',
    mutating: false,
    response: wireTransactionSchema,
    map: mapRestTransaction,
  }),
  'wallet.balance': request({
    method: 'GET',
    path: '/wallet/balance',
    mutating: false,
    response: wireWalletBalanceSchema,
    map: mapRestWalletBalance,
  }),
  'wallet.depositAddresses': request({
    method: 'GET',
    path: '/wallet/deposit-address',
    mutating: false,
    input: depositAddressSchema,
    query: buildDepositAddressQuery,
    response: wireDepositAddressesSchema,
    map: mapRestDepositAddresses,
  }),
  'wallet.deposits': list({
    path: '/wallet/deposits',
    pagination: 'none',
    filters: depositListSchema,
    supportedFilters: (capabilities) => capabilities.depositListFilters,
    query: buildDepositListQuery,
    response: wireListSchema(wireDepositSchema),
    mapItem: mapRestDeposit,
  }),
  'bins.list': list({
    path: '/bins',
    pagination: 'none',
    response: wireListSchema(wireBinSchema),
    mapItem: mapRestBin,
  }),
  'threeDS.list': list({
    path: '/3ds',
    pagination: 'none',
    filters: threeDSListSchema,
    supportedFilters: (capabilities) => capabilities.threeDSListFilters,
    idFilters: ['cardId'],
    query: buildThreeDSListQuery,
    response: wireListSchema(wireThreeDSChallengeSchema),
    mapItem: mapRestThreeDSChallenge,
  }),
  'threeDS.get': request({
    method: 'GET',
    path: '/3ds/{challengeId}',
    mutating: false,
    response: wireThreeDSChallengeSchema,
    map: mapRestThreeDSChallenge,
  }),
  'webhooks.create': request({
    method: 'POST',
    path: '/webhooks',
    mutating: true,
    // Real providers take HTTPS only; simulators also take http on loopback (a declared capability).
    input: (capabilities) => (capabilities.allowsInsecureWebhookUrls ? insecureWebhookSchema : secureWebhookSchema),
    // The schema's output holds the secret as a string or a `Secret`, which is what the port's input says.
    body: (input) => buildCreateWebhookBody(input as CreateWebhookInput),
    response: wireWebhookSchema,
    map: mapRestWebhook,
  }),
  'webhooks.list': list({
    path: '/webhooks',
    pagination: 'none',
    response: wireListSchema(wireWebhookSchema),
    mapItem: mapRestWebhook,
  }),
  'webhooks.delete': request({
    method: 'DELETE',
    path: '/webhooks/{webhookId}',
    mutating: true,
    response: wireAnyBodySchema,
    map: () => undefined,
  }),
} satisfies { readonly [Name in Operation]: { readonly kind: 'request' | 'list'; readonly path: string } };

/** The table's type: each row keeps its own input, wire and result types. */
export type RestEndpoints = typeof restEndpoints;

/** The operations answered by one request. */
export type RestRequestOperation = {
  [Name in Operation]: RestEndpoints[Name] extends { readonly kind: 'request' } ? Name : never;
}[Operation];

/** The operations answered by a list. */
export type RestListOperation = Exclude<Operation, RestRequestOperation>;

/** What a request row's mapper returns. */
export type RestResultOf<Name extends RestRequestOperation> =
  RestEndpoints[Name] extends RestRequestEndpoint<infer _Input, infer _Wire, infer Result> ? Result : never;

/** The domain item of a list row. */
export type RestItemOf<Name extends RestListOperation> =
  RestEndpoints[Name] extends RestListEndpoint<infer _Filters, infer _WireItem, infer Item> ? Item : never;

/** The wire answer of a row, as its response schema checks it. */
export type RestWireOf<Name extends Operation> =
  RestEndpoints[Name]['response'] extends ResponseSchema<infer Wire> ? Wire : never;
