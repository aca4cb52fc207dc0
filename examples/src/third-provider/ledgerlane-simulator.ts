import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryIssuer, type MemoryIssuer } from '@cardgw/adapter-memory';
import {
  type Bin,
  type Card,
  CardGatewayError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  type Transaction,
} from '@cardgw/core';
import { ledgerlaneCapabilities } from './ledgerlane-capabilities.js';
import { ledgerlaneName } from './map-ledgerlane-objects.js';

/** Faults a test can inject into the simulator. */
export interface LedgerLaneSimulatorFaults {
  /** The next `count` mutating requests are carried out, then their connection is destroyed before any answer. */
  resetAfterCommitNext(count?: number): void;
  /**
   * The next `count` requests are answered `status` (default 503) with LedgerLane's fault body (the kind its page
   * documents for the status: `unauthenticated` for 401, `slow_down` for 429, …; `unavailable` for any other), doing
   * nothing.
   */
  failNext(count?: number, status?: number): void;
  /** Stops listening and drops every connection: the next requests fail to connect (`ECONNREFUSED`). */
  refuseConnections(): Promise<void>;
  /** Listens again on the same port. */
  acceptConnections(): Promise<void>;
}

/** A running LedgerLane simulator. */
export interface LedgerLaneSimulator {
  /** The base URL to give `createLedgerLane` (`http://127.0.0.1:<port>/v2`). */
  readonly url: string;
  /** The token it accepts in `X-Api-Token`. */
  readonly apiToken: string;
  /** The in-memory issuer it serves from: its ids are the adapter's ids. */
  readonly backend: MemoryIssuer;
  readonly faults: LedgerLaneSimulatorFaults;
  /** Every request received, in order: method and path. */
  readonly requests: readonly { readonly method: string; readonly path: string }[];
  close(): Promise<void>;
}

/** Options of `startLedgerLaneSimulator`. */
export interface LedgerLaneSimulatorOptions {
  /** The token to accept. @default a new random `llt_` token */
  readonly apiToken?: string | undefined;
  /** The state machine to serve from. @default a new in-memory issuer named `ledgerlane`, with LedgerLane's ids */
  readonly backend?: MemoryIssuer | undefined;
}

type Answer = readonly [status: number, body: unknown];
type Route = (
  match: RegExpExecArray,
  body: Record<string, unknown>,
  idempotencyKey: string | undefined,
) => Promise<Answer>;

/**
 * A local LedgerLane on 127.0.0.1 speaking the wire format of ledgerlane-api.md (integer cents, `next_cursor`,
 * `X-Api-Token`, `{ fault }` error bodies, `X-Request-Id: lreq_…`), backed by the in-memory issuer from
 * `@cardgw/adapter-memory` as its engine (the house's simulators are built the same way, CONTRIBUTING "Adding a
 * provider").
 */
export async function startLedgerLaneSimulator(options: LedgerLaneSimulatorOptions = {}): Promise<LedgerLaneSimulator> {
  const apiToken = options.apiToken ?? `llt_${randomBytes(16).toString('hex')}`;
  const backend =
    options.backend ??
    createMemoryIssuer({
      provider: ledgerlaneName,
      capabilities: { ...ledgerlaneCapabilities, allowsInsecureWebhookUrls: true },
      idPrefix: { card: 'crd_', transaction: 'mov_', threeDS: 'ver_' },
      defaultPerPage: 100,
    });
  const requests: { method: string; path: string }[] = [];
  let resetsAfterCommit = 0;
  const failures: number[] = [];
  const id = (ref: string | undefined) => `${ledgerlaneName}:${decodeURIComponent(ref ?? '')}`;
  const key = (idempotencyKey: string | undefined) => (idempotencyKey === undefined ? undefined : { idempotencyKey });

  const routes: Array<readonly [method: string, path: RegExp, route: Route]> = [
    [
      'GET',
      /^\/bins$/,
      async () => [200, { items: (await backend.bins.list().toArray()).map(wireBin), next_cursor: null }],
    ],
    [
      'POST',
      /^\/cards$/,
      async (_match, body, idempotencyKey) => {
        const card = await backend.cards.create(
          {
            binId: String(body.bin),
            amount: cents(body.amount_cents),
            label: optional(body.nickname),
            spendingLimit: optionalCents(body.limit_cents),
            allowedCategories: optional(body.categories),
            autoFreezeAt: optionalCents(body.autofreeze_cents),
            metadata: optional(body.tags),
          } as Parameters<MemoryIssuer['cards']['create']>[0],
          key(idempotencyKey),
        );
        return [201, wireCard(card)];
      },
    ],
    ['GET', /^\/cards\/([^/]+)$/, async (match) => [200, wireCard(await backend.cards.get(id(match[1])))]],
    [
      'GET',
      /^\/cards\/([^/]+)\/secrets$/,
      async (match) => {
        const details = await backend.cards.details(id(match[1]));
        return [
          200,
          {
            card_ref: match[1],
            number: details.pan,
            security_code: details.cvv,
            exp_month: details.expiryMonth,
            exp_year: details.expiryYear,
            holder: details.holderName,
          },
        ];
      },
    ],
    [
      'PATCH',
      /^\/cards\/([^/]+)$/,
      async (match, body, idempotencyKey) => {
        const autoFreeze = body.autofreeze_cents === 0 ? null : optionalCents(body.autofreeze_cents);
        const card = await backend.cards.update(
          id(match[1]),
          {
            label: optional(body.nickname),
            spendingLimit: optionalCents(body.limit_cents),
            allowedCategories: optional(body.categories),
            autoFreezeAt: autoFreeze,
            metadata: optional(body.tags),
          } as Parameters<MemoryIssuer['cards']['update']>[1],
          key(idempotencyKey),
        );
        return [200, wireCard(card)];
      },
    ],
    [
      'POST',
      /^\/cards\/([^/]+)\/pause$/,
      async (match, _body, idempotencyKey) => {
        const frozen = await backend.cards.freeze(id(match[1]), key(idempotencyKey));
        return [200, { card_ref: match[1], paused_at: frozen.frozenAt }];
      },
    ],
    [
      'POST',
      /^\/cards\/([^/]+)\/resume$/,
      async (match, _body, idempotencyKey) => [
        200,
        wireCard(await backend.cards.unfreeze(id(match[1]), key(idempotencyKey))),
      ],
    ],
    [
      'POST',
      /^\/cards\/([^/]+)\/close$/,
      async (match, _body, idempotencyKey) => {
        const closed = await backend.cards.terminate(id(match[1]), key(idempotencyKey));
        return [
          200,
          { card_ref: match[1], refunded_cents: closed.refundedAmount.amount, closed_at: closed.terminatedAt },
        ];
      },
    ],
    ...(['load', 'unload'] as const).map(
      (verb) =>
        [
          'POST',
          new RegExp(`^/cards/([^/]+)/${verb}$`),
          (async (match, body, idempotencyKey) => {
            const move = verb === 'load' ? backend.cards.fund : backend.cards.withdraw;
            const funding = await move(id(match[1]), { amount: cents(body.amount_cents) }, key(idempotencyKey));
            return [
              200,
              {
                card_ref: match[1],
                direction: verb === 'load' ? 'in' : 'out',
                before_cents: funding.previousBalance.amount,
                amount_cents: funding.amount.amount,
                after_cents: funding.newBalance.amount,
                wallet_cents: funding.walletBalance.amount,
              },
            ];
          }) as Route,
        ] as const,
    ),
    [
      'GET',
      /^\/movements\/([^/]+)$/,
      async (match) => [200, wireMovement(await backend.transactions.get(id(match[1])))],
    ],
    [
      'GET',
      /^\/balance$/,
      async () => {
        const balance = await backend.wallet.balance();
        return [
          200,
          {
            available_cents: balance.balance.amount,
            pending_cents: balance.pendingDeposits.amount,
            deposited_cents: balance.totalDeposited.amount,
            spent_cents: balance.totalSpent.amount,
            open_cards: balance.activeCards,
            on_cards_cents: balance.cardsTotalBalance.amount,
          },
        ];
      },
    ],
  ];

  /** The two cursor-paginated lists: the whole list from the engine, sliced at the cursor's offset. */
  async function list(path: string, query: URLSearchParams): Promise<Answer | undefined> {
    const limit = Number(query.get('limit') ?? '20');
    const cursor = query.get('cursor');
    const offset = cursor === null ? 0 : Number(Buffer.from(cursor.replace(/^cur_/, ''), 'base64url').toString());
    if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
      return [400, fault('invalid_parameters', 'limit must be 1-100 and cursor one this API gave')];
    }
    let items: unknown[];
    if (path === '/cards') {
      const state = query.get('state');
      const status = state === null ? undefined : { open: 'active', paused: 'frozen', closed: 'terminated' }[state];
      items = (await backend.cards.list(status === undefined ? {} : ({ status } as never)).toArray()).map(wireCard);
    } else if (path === '/movements') {
      const card = query.get('card_ref');
      const kind = query.get('kind');
      const kinds: Record<string, string> = {
        hold: 'authorization',
        capture: 'settlement',
        refund: 'refund',
        declined: 'decline',
      };
      const type = kind === null ? undefined : kinds[kind];
      const filters = { ...(card === null ? {} : { cardId: id(card) }), ...(type === undefined ? {} : { type }) };
      items = (await backend.transactions.list(filters as never).toArray()).map(wireMovement);
    } else if (path === '/verifications') {
      items = (await backend.threeDS.list().toArray()).map((challenge) => ({
        verification_ref: challenge.providerId,
        card_ref: challenge.cardId.slice(challenge.cardId.indexOf(':') + 1),
        merchant: challenge.merchant,
        amount_cents: challenge.amount.amount,
        passcode: challenge.otp,
        state: ({ pending: 'waiting', completed: 'done', expired: 'lapsed' } as const)[challenge.status],
        expires_at: challenge.expiresAt,
        created_at: challenge.createdAt,
      }));
    } else return undefined;
    const next =
      offset + limit < items.length ? `cur_${Buffer.from(String(offset + limit)).toString('base64url')}` : null;
    return [200, { items: items.slice(offset, offset + limit), next_cursor: next }];
  }

  async function answer(request: IncomingMessage, body: string): Promise<Answer> {
    if (request.headers['x-api-token'] !== apiToken)
      return [401, fault('unauthenticated', 'Missing or unknown X-Api-Token.')];
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/v2/, '');
    const failure = failures.shift();
    if (failure !== undefined) return [failure, fault(injectedKinds[failure] ?? 'unavailable', 'Injected failure.')];
    let parsed: Record<string, unknown> = {};
    if (body !== '') {
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return [400, fault('invalid_json', 'The body is not JSON.')];
      }
    }
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    try {
      if (request.method === 'GET') {
        const listed = await list(path, url.searchParams);
        if (listed !== undefined) return listed;
      }
      for (const [method, pattern, route] of routes) {
        const match = method === request.method ? pattern.exec(path) : null;
        if (match !== null) return await route(match, parsed, idempotencyKey);
      }
      return [404, fault('no_route', 'No such endpoint.')];
    } catch (error) {
      return faultOf(error);
    }
  }

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', path: request.url ?? '' });
      void answer(request, Buffer.concat(chunks).toString()).then(([status, body]) => {
        if (request.method !== 'GET' && resetsAfterCommit > 0 && status < 300) {
          // Carried out, and the answer is lost on the way: the client cannot know whether it happened.
          resetsAfterCommit -= 1;
          request.socket.destroy();
          return;
        }
        send(response, status, body);
      });
    });
  });
  await listen(server, 0);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v2`,
    apiToken,
    backend,
    requests,
    faults: {
      resetAfterCommitNext(count = 1) {
        resetsAfterCommit += count;
      },
      failNext(count = 1, status = 503) {
        for (let index = 0; index < count; index++) failures.push(status);
      },
      async refuseConnections() {
        await stop(server);
      },
      async acceptConnections() {
        await listen(server, port);
      },
    },
    close: () => stop(server),
  };
}

/** The fault kind LedgerLane's page ("Errors") documents for each refusal status, for injected failures. */
const injectedKinds: Readonly<Record<number, string>> = {
  400: 'invalid_parameters',
  401: 'unauthenticated',
  402: 'insufficient_balance',
  404: 'not_found',
  409: 'state_conflict',
  422: 'key_reused',
  429: 'slow_down',
};

/** LedgerLane's error body. */
function fault(kind: string, detail: string) {
  return { fault: { kind, detail } };
}

/** The engine's typed errors as LedgerLane's statuses and fault kinds (ledgerlane-api.md, "Errors"). */
function faultOf(error: unknown): Answer {
  if (InsufficientFundsError.isInstance(error)) return [402, fault('insufficient_balance', 'Not enough money.')];
  if (NotFoundError.isInstance(error)) return [404, fault('not_found', 'No such object.')];
  if (RateLimitError.isInstance(error)) return [429, fault('slow_down', 'Too many requests.')];
  if (InvalidRequestError.isInstance(error)) {
    if (error.code === 'idempotency_key_reused')
      return [422, fault('key_reused', 'The key was used for another request.')];
    return error.code === 'invalid_request'
      ? [400, fault('invalid_parameters', 'The request is not valid.')]
      : [409, fault('state_conflict', 'The card cannot do that in its state.')];
  }
  if (CardGatewayError.isInstance(error) && error.status === 409) return [409, fault('key_in_use', 'Key in use.')];
  return [500, fault('internal', 'Something went wrong.')];
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'X-Request-Id': `lreq_${randomBytes(6).toString('hex')}`,
    // A quota answer asks for no wait: the pipeline's retries of an injected 429 stay quick.
    ...(status === 429 ? { 'Retry-After': '0' } : {}),
    // No keep-alive: a refused connection is then refused at once, never a pooled socket the server is closing.
    Connection: 'close',
  });
  response.end(text);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function cents(value: unknown) {
  return { amount: value as number, currency: 'USD' } as const;
}

function optionalCents(value: unknown) {
  return value === undefined || value === null ? undefined : cents(value);
}

function optional<Value>(value: unknown): Value | undefined {
  return value === null ? undefined : (value as Value | undefined);
}

function wireCard(card: Card) {
  const states = { pending: 'pending', active: 'open', frozen: 'paused', terminated: 'closed' } as const;
  return {
    card_ref: card.providerId,
    state: states[card.status],
    scheme: card.network,
    bin: card.binId,
    last_four: card.last4,
    balance_cents: card.balance.amount,
    limit_cents: card.spendingLimit?.amount,
    spent_cents: card.totalSpent?.amount,
    movement_count: card.transactionCount,
    nickname: card.label,
    categories: card.allowedCategories,
    autofreeze_cents: card.autoFreezeAt === null ? 0 : card.autoFreezeAt?.amount,
    tags: card.metadata,
    opened_at: card.createdAt,
    expires_at: card.expiresAt,
    last_used_at: card.lastUsedAt,
  };
}

function wireMovement(transaction: Transaction) {
  const kinds = { authorization: 'hold', settlement: 'capture', refund: 'refund', decline: 'declined' } as const;
  return {
    movement_ref: transaction.providerId,
    card_ref: transaction.cardId.slice(transaction.cardId.indexOf(':') + 1),
    kind: kinds[transaction.type],
    amount_cents: transaction.amount.amount,
    merchant: transaction.merchant,
    balance_after_cents: transaction.balanceAfter?.amount,
    decline_reason: transaction.declineReason,
    at: transaction.createdAt,
  };
}

function wireBin(bin: Bin) {
  return {
    bin: bin.providerId,
    scheme: bin.network,
    kind: bin.type,
    country: bin.issuerCountry,
    three_ds: bin.threeDS,
    apple_pay: bin.applePay,
    google_pay: bin.googlePay,
    max_transaction_cents: bin.maxTransaction.amount,
    max_monthly_cents: bin.maxMonthly.amount,
    acceptance_rate: bin.acceptanceRate,
    best_for: bin.bestFor,
  };
}
