import {
  assertFiltersSupported,
  assertOperationSupported,
  type Card,
  type CardIssuer,
  ConfigError,
  type CreateCardInput,
  createHttpClient,
  type HttpHooks,
  type HttpRequest,
  type Logger,
  maximumPerPage,
  NotFoundError,
  type Operation,
  type PageResult,
  parseInput,
  parseQualifiedId,
  qualifyId,
  type RateLimiter,
  type RateLimitRule,
  type RequestOptions,
  Secret,
  selectBin,
  UnsupportedOperationError,
} from '@cardgw/core';
import { z } from 'zod';
import { ledgerlaneCapabilities } from './ledgerlane-capabilities.js';
import { ledgerlaneError } from './ledgerlane-errors.js';
import {
  cardListInputSchema,
  createCardInputSchema,
  fundingInputSchema,
  ledgerlaneIdOf,
  threeDSListInputSchema,
  transactionListInputSchema,
  updateCardInputSchema,
} from './ledgerlane-inputs.js';
import { ledgerlaneLimits } from './ledgerlane-limits.js';
import { createCursorPageResult } from './ledgerlane-pages.js';
import { ledgerlaneTokenEnvVar, ledgerlaneTokenPattern } from './ledgerlane-token.js';
import {
  ledgerlaneBalanceSchema,
  ledgerlaneBinSchema,
  ledgerlaneCardSchema,
  ledgerlaneCardSecretsSchema,
  ledgerlaneCloseSchema,
  ledgerlaneListSchema,
  ledgerlaneMovementSchema,
  ledgerlanePauseSchema,
  ledgerlaneTransferSchema,
  ledgerlaneVerificationSchema,
} from './ledgerlane-wire.js';
import {
  ledgerlaneName,
  mapLedgerLaneBalance,
  mapLedgerLaneBin,
  mapLedgerLaneCard,
  mapLedgerLaneMovement,
  mapLedgerLaneSecrets,
  mapLedgerLaneVerification,
} from './map-ledgerlane-objects.js';

/** LedgerLane's production API (made up: see ledgerlane-api.md). */
export const ledgerlaneBaseUrl = 'https://api.ledgerlane.example/v2';
/** LedgerLane's page size when `perPage` is not given. */
export const ledgerlaneDefaultPerPage = 20;

/** Options of `createLedgerLane`. Every one is optional; unknown ones are a `ConfigError`. */
export interface LedgerLaneOptions {
  /** The API token (`llt_` + 32 hex), sent as `X-Api-Token`. @default process.env.LEDGERLANE_API_TOKEN */
  readonly apiToken?: string | Secret | undefined;
  /** @default 'https://api.ledgerlane.example/v2' (env `CARDGW_LEDGERLANE_BASE_URL` through `gatewayConfigFromEnv`) */
  readonly baseUrl?: string | undefined;
  /** Client-side quotas. @default LedgerLane's published limits (`ledgerlaneLimits`) */
  readonly limits?: readonly RateLimitRule[] | undefined;
  /** A limiter of your own (a Redis-backed one shared by processes). @default an in-process limiter */
  readonly limiter?: RateLimiter | undefined;
  /** Total deadline per call, retries included, in milliseconds. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /** Deadline of one attempt, in milliseconds. @default 10000 */
  readonly attemptTimeoutMs?: number | undefined;
  /** Retries after the first attempt. @default 2 */
  readonly maxRetries?: number | undefined;
  readonly hooks?: HttpHooks | undefined;
  readonly logger?: Logger | undefined;
  /** Where the token is read from when `apiToken` is not given. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

// Strict: a misspelt option is a ConfigError naming it. Objects we only pass on are checked by the pipeline.
const optionsSchema = z.strictObject({
  apiToken: z.union([z.string(), z.instanceof(Secret)]).optional(),
  baseUrl: z.string().optional(),
  limits: z.array(z.any()).optional(),
  limiter: z.any().optional(),
  timeoutMs: z.number().optional(),
  attemptTimeoutMs: z.number().optional(),
  maxRetries: z.number().optional(),
  hooks: z.any().optional(),
  logger: z.any().optional(),
  // Any object of variables: `process.env` is not a plain object, which zod's `record` refuses.
  env: z
    .custom<Readonly<Record<string, string | undefined>>>((value) => typeof value === 'object' && value !== null)
    .optional(),
});

/**
 * A `CardIssuer` for LedgerLane, built on core's shared HTTP pipeline (`createHttpClient`: limiter, retries,
 * idempotency key, redaction, outcome verdicts). Ids are `ledgerlane:<LedgerLane's id>`; money goes over the wire as
 * integer cents; lists are walked by `next_cursor`.
 * @throws ConfigError for an unknown or malformed option, or a token missing or not shaped `llt_` + 32 hex (never
 *   echoing it).
 */
export function createLedgerLane(options: LedgerLaneOptions = {}): CardIssuer {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // An unknown option is named by zod in `keys`, a malformed one by its path.
    const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const option = unknown ?? (issue?.path.map(String).join('.') || 'options');
    throw new ConfigError(`createLedgerLane: option ${option} is not valid`, { provider: ledgerlaneName, option });
  }
  const token = tokenOf(options);
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
  });

  async function call<Output>(request: HttpRequest<Output>): Promise<Output> {
    try {
      return (await client.request(request)).data;
    } catch (error) {
      throw ledgerlaneError(error);
    }
  }
  const guard = (operation: Operation) => assertOperationSupported(provider, capabilities, operation);
  const cardPath = (id: unknown, operation: string, suffix = '') =>
    `/cards/${encodeURIComponent(ledgerlaneIdOf(id, operation))}${suffix}`;
  const cardSchema = ledgerlaneCardSchema;

  // A rejected promise rather than a throw, so that every method fails the same way (awaited, never synchronously).
  const lazy = <Output>(run: () => Promise<Output>) => Promise.resolve().then(run);

  async function listBins(options?: RequestOptions) {
    const page = await call({
      operation: 'bins.list',
      method: 'GET',
      path: '/bins',
      schema: ledgerlaneListSchema(ledgerlaneBinSchema),
      options,
    });
    return page.items.map(mapLedgerLaneBin);
  }

  /** The LedgerLane BIN of a create: its id (bare or qualified), or the best one matching the criteria. */
  async function binFor(input: CreateCardInput, options?: RequestOptions): Promise<string> {
    if (input.binId !== undefined) {
      const qualified = parseQualifiedId(input.binId);
      return qualified === undefined ? input.binId : ledgerlaneIdOf(input.binId, 'cards.create');
    }
    const bin = selectBin(await listBins({ ...options, idempotencyKey: undefined }), input.bin);
    if (bin === undefined) {
      throw new NotFoundError('cards.create: no LedgerLane BIN matches the criteria', {
        provider,
        code: 'no_matching_bin',
      });
    }
    return bin.providerId;
  }

  return {
    specificationVersion: 'v1',
    provider,
    capabilities,
    cards: {
      create: (input, options) =>
        lazy(async () => {
          guard('cards.create');
          const valid = parseInput(createCardInputSchema, input, 'cards.create', provider) as CreateCardInput;
          const bin = await binFor(valid, options);
          const wire = await call({
            operation: 'cards.create',
            method: 'POST',
            path: '/cards',
            body: {
              bin,
              amount_cents: valid.amount.amount,
              nickname: valid.label,
              limit_cents: valid.spendingLimit?.amount,
              categories: valid.allowedCategories,
              autofreeze_cents: valid.autoFreezeAt?.amount,
              tags: valid.metadata,
            },
            schema: cardSchema,
            options,
          });
          return mapLedgerLaneCard(wire);
        }),
      list: (filters, options) => {
        const valid = lazyCheck(() => {
          guard('cards.list');
          assertFiltersSupported(provider, 'cards.list', capabilities.cardListFilters, filters);
          return parseInput(cardListInputSchema, filters ?? {}, 'cards.list', provider);
        });
        if (valid instanceof Error) return failedPage(valid);
        const perPage = valid.perPage ?? ledgerlaneDefaultPerPage;
        return createCursorPageResult<Card>(
          valid.page ?? 1,
          perPage,
          async (cursor) => {
            const page = await call({
              operation: 'cards.list',
              method: 'GET',
              path: '/cards',
              query: { state: valid.status && wireState[valid.status], limit: perPage, cursor },
              schema: ledgerlaneListSchema(cardSchema),
              options,
            });
            return { items: page.items.map(mapLedgerLaneCard), nextCursor: page.next_cursor };
          },
          provider,
        );
      },
      get: (cardId, options) =>
        lazy(async () => {
          guard('cards.get');
          const path = cardPath(cardId, 'cards.get');
          return mapLedgerLaneCard(
            await call({ operation: 'cards.get', method: 'GET', path, schema: cardSchema, options }),
          );
        }),
      details: (cardId, options) =>
        lazy(async () => {
          guard('cards.details');
          const path = cardPath(cardId, 'cards.details', '/secrets');
          const wire = await call({
            operation: 'cards.details',
            method: 'GET',
            path,
            schema: ledgerlaneCardSecretsSchema,
            options,
          });
          return mapLedgerLaneSecrets(wire);
        }),
      update: (cardId, input, options) =>
        lazy(async () => {
          guard('cards.update');
          const path = cardPath(cardId, 'cards.update');
          const valid = parseInput(updateCardInputSchema, input, 'cards.update', provider);
          const body = {
            nickname: valid.label,
            limit_cents: valid.spendingLimit?.amount,
            categories: valid.allowedCategories,
            // LedgerLane turns auto-freeze off with 0.
            autofreeze_cents: valid.autoFreezeAt === null ? 0 : valid.autoFreezeAt?.amount,
            tags: valid.metadata,
          };
          const wire = await call({
            operation: 'cards.update',
            method: 'PATCH',
            path,
            body,
            schema: cardSchema,
            options,
          });
          return mapLedgerLaneCard(wire);
        }),
      freeze: (cardId, options) =>
        lazy(async () => {
          guard('cards.freeze');
          const path = cardPath(cardId, 'cards.freeze', '/pause');
          const wire = await call({
            operation: 'cards.freeze',
            method: 'POST',
            path,
            schema: ledgerlanePauseSchema,
            options,
          });
          return { cardId: qualifyId(provider, wire.card_ref), status: 'frozen', frozenAt: wire.paused_at };
        }),
      unfreeze: (cardId, options) =>
        lazy(async () => {
          guard('cards.unfreeze');
          const path = cardPath(cardId, 'cards.unfreeze', '/resume');
          return mapLedgerLaneCard(
            await call({ operation: 'cards.unfreeze', method: 'POST', path, schema: cardSchema, options }),
          );
        }),
      terminate: (cardId, options) =>
        lazy(async () => {
          guard('cards.terminate');
          const path = cardPath(cardId, 'cards.terminate', '/close');
          const wire = await call({
            operation: 'cards.terminate',
            method: 'POST',
            path,
            schema: ledgerlaneCloseSchema,
            options,
          });
          return {
            cardId: qualifyId(provider, wire.card_ref),
            status: 'terminated',
            refundedAmount: { amount: wire.refunded_cents, currency: 'USD' },
            terminatedAt: wire.closed_at,
          };
        }),
      fund: (cardId, input, options) => transfer('cards.fund', '/load', cardId, input, options),
      withdraw: (cardId, input, options) => transfer('cards.withdraw', '/unload', cardId, input, options),
    },
    transactions: {
      list: (filters, options) => {
        const valid = lazyCheck(() => {
          guard('transactions.list');
          assertFiltersSupported(provider, 'transactions.list', capabilities.transactionListFilters, filters);
          const checked = parseInput(transactionListInputSchema, filters ?? {}, 'transactions.list', provider);
          const card = checked.cardId === undefined ? undefined : ledgerlaneIdOf(checked.cardId, 'transactions.list');
          return { ...checked, card };
        });
        if (valid instanceof Error) return failedPage(valid);
        const perPage = valid.perPage ?? ledgerlaneDefaultPerPage;
        return createCursorPageResult(
          valid.page ?? 1,
          perPage,
          async (cursor) => {
            const page = await call({
              operation: 'transactions.list',
              method: 'GET',
              path: '/movements',
              query: {
                card_ref: valid.card,
                kind: valid.type && wireKind[valid.type as keyof typeof wireKind],
                limit: perPage,
                cursor,
              },
              schema: ledgerlaneListSchema(ledgerlaneMovementSchema),
              options,
            });
            return { items: page.items.map(mapLedgerLaneMovement), nextCursor: page.next_cursor };
          },
          provider,
        );
      },
      get: (transactionId, options) =>
        lazy(async () => {
          guard('transactions.get');
          const path = `/movements/${encodeURIComponent(ledgerlaneIdOf(transactionId, 'transactions.get'))}`;
          const wire = await call({
            operation: 'transactions.get',
            method: 'GET',
            path,
            schema: ledgerlaneMovementSchema,
            options,
          });
          return mapLedgerLaneMovement(wire);
        }),
    },
    wallet: {
      balance: (options) =>
        lazy(async () => {
          guard('wallet.balance');
          const wire = await call({
            operation: 'wallet.balance',
            method: 'GET',
            path: '/balance',
            schema: ledgerlaneBalanceSchema,
            options,
          });
          return mapLedgerLaneBalance(wire);
        }),
      depositAddresses: () => unsupported('wallet.depositAddresses'),
      deposits: () => failedPage(unsupportedError('wallet.deposits')),
    },
    bins: {
      list: (options) => {
        const bins = lazy(async () => {
          guard('bins.list');
          return listBins(options);
        });
        // LedgerLane answers every BIN at once: one page whose size is its item count.
        return createCursorPageResult(1, 100, async () => ({ items: await bins, nextCursor: null }), provider);
      },
    },
    threeDS: {
      list: (filters, options) => {
        const checked = lazyCheck(() => {
          guard('threeDS.list');
          assertFiltersSupported(provider, 'threeDS.list', capabilities.threeDSListFilters, filters);
          return parseInput(threeDSListInputSchema, filters ?? {}, 'threeDS.list', provider);
        });
        if (checked instanceof Error) return failedPage(checked);
        return createCursorPageResult(
          1,
          maximumPerPage,
          async (cursor) => {
            const page = await call({
              operation: 'threeDS.list',
              method: 'GET',
              path: '/verifications',
              query: { limit: maximumPerPage, cursor },
              schema: ledgerlaneListSchema(ledgerlaneVerificationSchema),
              options,
            });
            return { items: page.items.map(mapLedgerLaneVerification), nextCursor: page.next_cursor };
          },
          provider,
        );
      },
      get: () => unsupported('threeDS.get'),
    },
    webhooks: {
      create: () => unsupported('webhooks.create'),
      list: () => failedPage(unsupportedError('webhooks.list')),
      delete: () => unsupported('webhooks.delete'),
    },
    close: () => client.close(),
  };

  function transfer(
    operation: 'cards.fund' | 'cards.withdraw',
    suffix: string,
    cardId: string,
    input: unknown,
    options: RequestOptions | undefined,
  ) {
    return lazy(async () => {
      guard(operation);
      const path = cardPath(cardId, operation, suffix);
      const valid = parseInput(fundingInputSchema, input, operation, provider);
      const wire = await call({
        operation,
        method: 'POST',
        path,
        body: { amount_cents: valid.amount.amount },
        schema: ledgerlaneTransferSchema,
        options,
      });
      const usd = (amount: number) => ({ amount, currency: 'USD' }) as const;
      return {
        cardId: qualifyId(provider, wire.card_ref),
        direction: wire.direction === 'in' ? 'fund' : 'withdraw',
        previousBalance: usd(wire.before_cents),
        amount: usd(wire.amount_cents),
        newBalance: usd(wire.after_cents),
        walletBalance: usd(wire.wallet_cents),
      } as const;
    });
  }
}

const wireState = { active: 'open', frozen: 'paused', terminated: 'closed' } as const;
const wireKind = { authorization: 'hold', settlement: 'capture', refund: 'refund', decline: 'declined' } as const;

function tokenOf(options: LedgerLaneOptions): Secret {
  const given = options.apiToken ?? (options.env ?? process.env)[ledgerlaneTokenEnvVar];
  const token = Secret.isInstance(given) ? given : new Secret(given ?? '');
  if (!ledgerlaneTokenPattern.test(token.reveal())) {
    throw new ConfigError(
      `createLedgerLane: apiToken (or ${ledgerlaneTokenEnvVar}) must be llt_ followed by 32 lowercase hex digits`,
      { provider: ledgerlaneName, option: 'apiToken' },
    );
  }
  return token;
}

function unsupportedError(operation: Operation): UnsupportedOperationError {
  return new UnsupportedOperationError(`ledgerlane does not support ${operation}`, {
    provider: ledgerlaneName,
    operation,
  });
}

function unsupported(operation: Operation): Promise<never> {
  return Promise.reject(unsupportedError(operation));
}

/** Runs a list's checks at once; the error is given back to be thrown when the list is awaited or walked. */
function lazyCheck<Output>(check: () => Output): Output | Error {
  try {
    return check();
  } catch (error) {
    return error as Error;
  }
}

/** A list that fails when awaited or iterated (never when called), as the port's lists do. */
function failedPage<Item>(error: Error): PageResult<Item> {
  return createCursorPageResult<Item>(1, 1, () => Promise.reject(error), ledgerlaneName);
}
