import type { Bin } from '../domain/bin.js';
import type { Card, CardFreeze, CardFunding, CardTermination } from '../domain/card.js';
import type { CardDetails } from '../domain/card-details.js';
import type { PageResult } from '../domain/page.js';
import type { QualifiedId } from '../domain/qualified-id.js';
import type { ThreeDSChallenge } from '../domain/three-ds-challenge.js';
import type { Transaction } from '../domain/transaction.js';
import type { Deposit, DepositAddress, WalletBalance } from '../domain/wallet.js';
import type { WebhookEndpoint } from '../domain/webhook.js';
import type { IssuerCapabilities } from './capabilities.js';
import type {
  CardListFilters,
  CreateCardInput,
  CreateWebhookInput,
  DepositAddressQuery,
  DepositListFilters,
  FundingInput,
  RequestOptions,
  ThreeDSListFilters,
  TransactionListFilters,
  UpdateCardInput,
} from './inputs.js';

/**
 * Cards: issue, read, change, fund and close them. Ids are provider-qualified; money is integer cents; bad input is an
 * `InvalidRequestError` before any request; an undeclared operation an `UnsupportedOperationError`.
 */
export interface CardsResource {
  create(input: CreateCardInput, options?: RequestOptions): Promise<Card>;
  list(filters?: CardListFilters, options?: RequestOptions): PageResult<Card>;
  get(cardId: QualifiedId, options?: RequestOptions): Promise<Card>;
  /** Full PAN, CVV and expiry. Rate limited by providers (30/minute). */
  details(cardId: QualifiedId, options?: RequestOptions): Promise<CardDetails>;
  update(cardId: QualifiedId, input: UpdateCardInput, options?: RequestOptions): Promise<Card>;
  freeze(cardId: QualifiedId, options?: RequestOptions): Promise<CardFreeze>;
  unfreeze(cardId: QualifiedId, options?: RequestOptions): Promise<Card>;
  /** Irreversible; the remaining balance returns to the wallet. */
  terminate(cardId: QualifiedId, options?: RequestOptions): Promise<CardTermination>;
  fund(cardId: QualifiedId, input: FundingInput, options?: RequestOptions): Promise<CardFunding>;
  withdraw(cardId: QualifiedId, input: FundingInput, options?: RequestOptions): Promise<CardFunding>;
}

/** Card transactions, newest first; lists walk every page lazily. */
export interface TransactionsResource {
  list(filters?: TransactionListFilters, options?: RequestOptions): PageResult<Transaction>;
  get(transactionId: QualifiedId, options?: RequestOptions): Promise<Transaction>;
}

/** The account's wallet: its balance, the crypto addresses that fund it, and its deposits. */
export interface WalletResource {
  balance(options?: RequestOptions): Promise<WalletBalance>;
  depositAddresses(query?: DepositAddressQuery, options?: RequestOptions): Promise<readonly DepositAddress[]>;
  deposits(filters?: DepositListFilters, options?: RequestOptions): PageResult<Deposit>;
}

/** The BINs cards can be issued from (`GET /bins`). */
export interface BinsResource {
  list(options?: RequestOptions): PageResult<Bin>;
}

/** 3-D Secure challenges and their one-time passwords. */
export interface ThreeDSResource {
  list(filters?: ThreeDSListFilters, options?: RequestOptions): PageResult<ThreeDSChallenge>;
  get(challengeId: QualifiedId, options?: RequestOptions): Promise<ThreeDSChallenge>;
}

/** Webhook endpoints registered with the provider. */
export interface WebhooksResource {
  create(input: CreateWebhookInput, options?: RequestOptions): Promise<WebhookEndpoint>;
  list(options?: RequestOptions): PageResult<WebhookEndpoint>;
  delete(webhookId: QualifiedId, options?: RequestOptions): Promise<void>;
}

/**
 * The one interface the application codes against. An adapter, the in-memory issuer, the failover composite and
 * the issuer built from config all implement it, and all pass the same contract suite (`@cardgw/core/testing`).
 */
export interface CardIssuer {
  /** Bumped on a breaking change to this interface, so adapters can say which one they implement. */
  readonly specificationVersion: 'v1';
  /** `privcards`, `cryptocardy`, `memory`, or `failover` for a composite: the prefix of the ids it issues. */
  readonly provider: string;
  readonly capabilities: IssuerCapabilities;
  readonly cards: CardsResource;
  readonly transactions: TransactionsResource;
  readonly wallet: WalletResource;
  readonly bins: BinsResource;
  readonly threeDS: ThreeDSResource;
  readonly webhooks: WebhooksResource;
  /** Releases sockets, timers and limiter connections. The issuer is unusable afterwards. */
  close(): Promise<void>;
}
