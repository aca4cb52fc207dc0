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
  /**
   * Issues a card from `binId`, or from the best BIN matching `bin` criteria (`NotFoundError` code `no_matching_bin`
   * when none does), funded from the wallet. Throws `InvalidRequestError` for bad input, `InsufficientFundsError` when
   * the wallet is short, `AmbiguousOutcomeError` (with the key to repeat) when the outcome is unknown.
   */
  create(input: CreateCardInput, options?: RequestOptions): Promise<Card>;
  /** Cards of the account, newest first: await one page, or `for await` every card across pages. */
  list(filters?: CardListFilters, options?: RequestOptions): PageResult<Card>;
  /**
   * One card. Throws `NotFoundError` for an unknown id, `InvalidRequestError` for a malformed one or another
   * provider's.
   */
  get(cardId: QualifiedId, options?: RequestOptions): Promise<Card>;
  /** Full PAN, CVV and expiry. Rate limited by providers (30/minute). */
  details(cardId: QualifiedId, options?: RequestOptions): Promise<CardDetails>;
  /** Changes a card's label, limits, categories, auto-freeze or metadata (only the fields given). */
  update(cardId: QualifiedId, input: UpdateCardInput, options?: RequestOptions): Promise<Card>;
  /** Stops the card authorizing purchases (reversible with `unfreeze`). */
  freeze(cardId: QualifiedId, options?: RequestOptions): Promise<CardFreeze>;
  /** Lets a frozen card authorize purchases again. */
  unfreeze(cardId: QualifiedId, options?: RequestOptions): Promise<Card>;
  /** Irreversible; the remaining balance returns to the wallet. */
  terminate(cardId: QualifiedId, options?: RequestOptions): Promise<CardTermination>;
  /**
   * Moves `amount` ($1.00–$5,000.00) from the wallet onto the card. Throws `InsufficientFundsError` when the wallet is
   * short.
   */
  fund(cardId: QualifiedId, input: FundingInput, options?: RequestOptions): Promise<CardFunding>;
  /** Moves `amount` from the card back to the wallet. Throws `InsufficientFundsError` past the card's balance. */
  withdraw(cardId: QualifiedId, input: FundingInput, options?: RequestOptions): Promise<CardFunding>;
}

/** Card transactions, newest first; lists walk every page lazily. */
export interface TransactionsResource {
  /** Transactions, newest first, filtered by card, type, dates, merchant or amount where the provider documents it. */
  list(filters?: TransactionListFilters, options?: RequestOptions): PageResult<Transaction>;
  /** One transaction. Throws `NotFoundError` for an unknown id. */
  get(transactionId: QualifiedId, options?: RequestOptions): Promise<Transaction>;
}

/** The account's wallet: its balance, the crypto addresses that fund it, and its deposits. */
export interface WalletResource {
  /** The wallet's balance, pending deposits and totals, in integer cents. */
  balance(options?: RequestOptions): Promise<WalletBalance>;
  /** The crypto addresses that fund the wallet, one per asset (or only `query.asset`'s). */
  depositAddresses(query?: DepositAddressQuery, options?: RequestOptions): Promise<readonly DepositAddress[]>;
  /** Crypto deposits into the wallet, newest first (a declared capability). */
  deposits(filters?: DepositListFilters, options?: RequestOptions): PageResult<Deposit>;
}

/** The BINs cards can be issued from (`GET /bins`). */
export interface BinsResource {
  /** The BINs cards can be issued from, with their limits, features and best uses. */
  list(options?: RequestOptions): PageResult<Bin>;
}

/** 3-D Secure challenges and their one-time passwords. */
export interface ThreeDSResource {
  /** 3-D Secure challenges, optionally of one card or in one status. */
  list(filters?: ThreeDSListFilters, options?: RequestOptions): PageResult<ThreeDSChallenge>;
  /** One challenge by id (a declared capability: not every provider offers it). */
  get(challengeId: QualifiedId, options?: RequestOptions): Promise<ThreeDSChallenge>;
}

/** Webhook endpoints registered with the provider. */
export interface WebhooksResource {
  /** Registers an endpoint for `events`; the result holds its signing secret (in a `Secret`). */
  create(input: CreateWebhookInput, options?: RequestOptions): Promise<WebhookEndpoint>;
  /** Registered endpoints. */
  list(options?: RequestOptions): PageResult<WebhookEndpoint>;
  /** Removes an endpoint. Throws `NotFoundError` for an unknown id. */
  delete(webhookId: QualifiedId, options?: RequestOptions): Promise<void>;
}

/**
 * The one interface the application codes against. An adapter, the in-memory issuer, the failover composite and
 * the issuer built from config all implement it, and all pass the same contract suite (`@cardgw/testing`).
 */
export interface CardIssuer {
  /** Bumped on a breaking change to this interface, so adapters can say which one they implement. */
  readonly specificationVersion: 'v1';
  /** `acme`, `globex`, `memory`, or `failover` for a composite: the prefix of the ids it issues. */
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
