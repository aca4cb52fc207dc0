import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createMemoryIssuer, idempotencyKeyRetentionMs, type MemoryIssuer } from '@cardgw/adapter-memory';
import type { IssuerCapabilities, RateLimitRule } from '@cardgw/core';
import { defaultWebhookSignatureHeader } from '@cardgw/core/provider-utils';
import { createResponseReplayStore, type RecordedResponse } from './response-replay-store.js';
import { createFaultController, type SimulatorFaults } from './simulator-faults.js';
import {
  createDialectRoutes,
  isValidPathParameter,
  type SimulatorRequest,
  type SimulatorResult,
  type SimulatorRoute,
} from './simulator-routes.js';
import { createStrictQuota } from './strict-quota.js';
import { createWebhookDispatcher, type WebhookDelivery } from './webhook-dispatcher.js';
import { toWireError, type WireError, wireErrors } from './wire-error.js';

/**
 * Options of `startRestSimulator`: the provider, its base path, auth, limits, backend, extra routes and webhook
 * delivery.
 */
export interface RestSimulatorOptions {
  /** The provider it impersonates: the prefix of the backend's ids, stripped on the wire. */
  readonly provider: string;
  /** What the provider's page documents: an undeclared operation is a 404, an undeclared filter is ignored. */
  readonly capabilities: IssuerCapabilities;
  /** The path the API lives under: `/v1` (PrivCards), `/v1/api` (CryptoCardy). @default '' */
  readonly basePath?: string | undefined;
  /**
   * Who is calling, from the request headers: an identity (quotas and idempotency keys are per identity), or
   * `undefined` for a missing or invalid credential (401).
   */
  readonly authenticate: (headers: IncomingHttpHeaders) => string | undefined;
  /** The 401 message, in the provider's words. @default 'Missing or invalid credentials' */
  readonly unauthorizedMessage?: string | undefined;
  /** The quotas, enforced strictly (sliding window, 429 + Retry-After). An empty list turns them off. */
  readonly limits: readonly RateLimitRule[];
  /** The state machine behind the API. @default createMemoryIssuer({ provider }) */
  readonly backend?: MemoryIssuer | undefined;
  /** Endpoints beyond the dialect's (CryptoCardy's `GET /`). Matched first. */
  readonly extraRoutes?: readonly SimulatorRoute[] | undefined;
  /** @default 0 (any free port) */
  readonly port?: number | undefined;
  /** @default 'X-Webhook-Signature' */
  readonly webhookSignatureHeader?: string | undefined;
  /** Delivery of webhook events to registered endpoints. */
  readonly webhooks?:
    | {
        /** @default 3 */
        readonly attempts?: number | undefined;
        /** @default 200 */
        readonly retryDelayMs?: number | undefined;
        /** @default 5000 */
        readonly timeoutMs?: number | undefined;
        /** Post to loopback addresses only. @default true */
        readonly loopbackOnly?: boolean | undefined;
      }
    | undefined;
  /** How many idempotency keys are remembered. @default 10000 */
  readonly idempotencyCapacity?: number | undefined;
  /** The clock of the quotas. @default Date.now */
  readonly now?: (() => number) | undefined;
}

/** One request the simulator received, for tests (no body, no headers: they may hold secrets). */
export interface SimulatorRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  /** `replayed`: answered from the idempotency store; `reset`, `timeout-after-commit`: no answer sent. */
  readonly outcome: 'executed' | 'replayed' | 'rejected' | 'reset' | 'timeout-after-commit';
  readonly idempotencyKey: string | undefined;
}

/** A running simulator of the dialect: its URL, backend, fault controls and what it received and delivered. */
export interface RestSimulator {
  /** The API's base URL: `http://127.0.0.1:<port><basePath>`. */
  readonly url: string;
  readonly port: number;
  readonly backend: MemoryIssuer;
  readonly faults: SimulatorFaults;
  /** Every webhook delivery attempt (the last 1,000). */
  readonly deliveries: readonly WebhookDelivery[];
  /** Every request received (the last 1,000). */
  readonly requests: readonly SimulatorRequestRecord[];
  /** Resolves once the webhook deliveries started so far have finished. */
  webhooksIdle(): Promise<void>;
  /** Stops the server, dropping open connections, and stops webhook deliveries. */
  close(): Promise<void>;
}

const maximumBodyBytes = 1_000_000;
const maximumRecordedRequests = 1_000;

/**
 * A local server speaking the dialect exactly as the pages document it (paths, snake_case, float dollars, the error
 * body `{ error, message, code, request_id }`, `request_id` on every answer and in `X-Request-Id`), backed by the
 * in-memory issuer, with strict quotas, idempotent replay and fault injection. Listens on 127.0.0.1 only.
 */
/** How long `refuseConnections()` leaves clients in this process to notice their sockets closed. */
const clientCloseGraceMs = 20;

/**
 * Starts a local server speaking the dialect exactly as the pages document it, backed by the in-memory issuer, with
 * strict quotas, idempotent replay and fault injection, on 127.0.0.1 only. Resolves once it listens.
 */
export async function startRestSimulator(options: RestSimulatorOptions): Promise<RestSimulator> {
  const backend = options.backend ?? createMemoryIssuer({ provider: options.provider });
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const routes = [...(options.extraRoutes ?? []), ...createDialectRoutes({ ...options, backend })];
  const quota = createStrictQuota(options.limits);
  // Keys age on the backend's clock and are forgotten when the backend forgets them (one retention rule everywhere).
  const replays = createResponseReplayStore(
    options.idempotencyCapacity,
    () => backend.clock.now(),
    idempotencyKeyRetentionMs,
  );
  const now = options.now ?? Date.now;
  const sockets = new Set<Socket>();
  const requests: SimulatorRequestRecord[] = [];
  const held = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // Never crash the server: whatever failed, answer 500 if still possible.
      if (!response.headersSent && !response.destroyed) send(response, newRequestId(), wireErrors.injected(500));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  let port = options.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  // Resolves once clients have had an I/O turn to see their pooled keep-alive sockets close, as they would during a
  // real outage; otherwise the next request could be written on a dying socket, which is rightly an ambiguous outcome.
  const stopListening = () =>
    new Promise<void>((resolve) => {
      const settled = () => setTimeout(resolve, clientCloseGraceMs);
      if (!server.listening) return settled();
      server.close(settled);
      for (const socket of sockets) socket.destroy();
    });

  const controller = createFaultController({ refuse: stopListening, accept: listen });
  const dispatcher = createWebhookDispatcher({
    backend,
    signatureHeader: options.webhookSignatureHeader ?? defaultWebhookSignatureHeader,
    ...options.webhooks,
  });

  const record = (entry: SimulatorRequestRecord) => {
    requests.push(entry);
    if (requests.length > maximumRecordedRequests) requests.shift();
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://simulator.local');
    const path = url.pathname;
    const idempotencyKey = headerValue(request.headers['x-idempotency-key']);
    const entry = { method, path, idempotencyKey };

    const fault = controller.draw();
    const latency = controller.latencyMs();
    if (latency > 0) await delay(latency);
    if (fault.kind === 'reset') {
      record({ ...entry, status: undefined, outcome: 'reset' });
      request.socket.destroy();
      return;
    }
    const reject = (error: WireError, headers: Record<string, string> = {}) => {
      record({ ...entry, status: error.status, outcome: 'rejected' });
      send(response, requestId, error, headers);
    };
    if (fault.kind === 'fail') return reject(wireErrors.injected(fault.status));
    if (fault.kind === 'rate-limit') {
      return reject(wireErrors.rateLimited('injected'), { 'Retry-After': String(fault.retryAfterSeconds) });
    }

    const body = await readBody(request);
    if (body === tooLarge) return reject(wireErrors.tooLarge());
    const match = matchRoute(routes, basePath, method, path);
    const identity = match?.route.public ? 'anonymous' : options.authenticate(request.headers);
    if (identity === undefined) {
      return reject(wireErrors.unauthorized(options.unauthorizedMessage ?? 'Missing or invalid credentials'));
    }
    if (!match) return reject(wireErrors.notFound(`${method} ${path}`));
    if (body === invalidJson) return reject(wireErrors.invalidJson());

    const decision = quota.admit(identity, match.route.operation, now());
    if (!decision.admitted) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      return reject(wireErrors.rateLimited(decision.rule), { 'Retry-After': String(seconds) });
    }

    // The key's meaning (one outcome per key; the same key with other parameters is refused with
    // `idempotency_key_reused`) is the backend's, as for any issuer: it gets the key, scoped to the caller.
    const keyed = idempotencyKey !== undefined && method !== 'GET';
    const execute = async (): Promise<RecordedResponse> => {
      const result = await runRoute(match.route, {
        method,
        params: match.params,
        query: Object.fromEntries(url.searchParams),
        body,
        headers: request.headers,
        idempotencyKey: keyed ? scopedIdempotencyKey(identity, idempotencyKey) : undefined,
      });
      return { status: result.status, body: JSON.stringify({ ...result.body, request_id: requestId }) };
    };

    let answer: RecordedResponse;
    let outcome: SimulatorRequestRecord['outcome'] = 'executed';
    // The replay store only sends the exact same request the exact first answer (request id included), and makes a
    // duplicate that arrives while the first still runs wait for it. Other parameters make another entry: the
    // backend then decides (refusing the reused key).
    const replayKey = keyed
      ? [scopedIdempotencyKey(identity, idempotencyKey), method, `${path}${url.search}`, fingerprint(body)].join(' ')
      : undefined;
    // Looked up and registered in the same tick: a duplicate arriving meanwhile waits for this execution.
    const existing = replayKey === undefined ? undefined : replays.find(replayKey);
    const recorded = existing === undefined ? undefined : await existing.catch(() => undefined);
    if (recorded) {
      answer = recorded;
      outcome = 'replayed';
    } else {
      const execution = execute();
      // Only successes are recorded. A 4xx changed nothing, so a retry runs again (and may succeed once its cause is
      // gone, as the backend allows); a 5xx or a 429 is never final.
      if (replayKey) {
        replays.track(
          replayKey,
          execution.then((value) => (value.status < 300 ? value : undefined)),
        );
      }
      answer = await execution;
    }

    if (fault.kind === 'timeout-after-commit') {
      record({ ...entry, status: undefined, outcome: 'timeout-after-commit' });
      held.add(response);
      response.on('close', () => held.delete(response));
      if (fault.destroyAfterMs !== undefined) setTimeout(() => request.socket.destroy(), fault.destroyAfterMs);
      return;
    }
    record({ ...entry, status: answer.status, outcome });
    response.writeHead(answer.status, {
      'Content-Type': 'application/json',
      'X-Request-Id': requestId,
      ...(outcome === 'replayed' ? { 'Idempotent-Replayed': 'true' } : {}),
    });
    response.end(answer.body);
  }

  await listen();

  return {
    get url() {
      return `http://127.0.0.1:${port}${basePath}`;
    },
    get port() {
      return port;
    },
    backend,
    faults: controller.faults,
    deliveries: dispatcher.deliveries,
    requests,
    webhooksIdle: () => dispatcher.idle(),
    async close() {
      await dispatcher.close();
      for (const response of held) response.destroy();
      await stopListening();
      await backend.close();
    },
  };
}

async function runRoute(route: SimulatorRoute, request: SimulatorRequest): Promise<SimulatorResult> {
  if (!request.params.every(isValidPathParameter)) {
    const error = wireErrors.notFound('Resource');
    return { status: error.status, body: { error: error.error, message: error.message, code: error.status } };
  }
  try {
    return await route.handle(request);
  } catch (error) {
    const wire = toWireError(error);
    return { status: wire.status, body: { error: wire.error, message: wire.message, code: wire.status } };
  }
}

function matchRoute(
  routes: readonly SimulatorRoute[],
  basePath: string,
  method: string,
  path: string,
): { route: SimulatorRoute; params: string[] } | undefined {
  if (basePath && path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  const relative = path.slice(basePath.length).replace(/\/+$/, '') || '/';
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(relative);
    if (!found) continue;
    try {
      return { route, params: found.slice(1).map((value) => decodeURIComponent(value)) };
    } catch {
      return undefined; // a malformed %-escape names nothing
    }
  }
  return undefined;
}

function send(response: ServerResponse, requestId: string, error: WireError, headers: Record<string, string> = {}) {
  response.writeHead(error.status, { 'Content-Type': 'application/json', 'X-Request-Id': requestId, ...headers });
  response.end(
    JSON.stringify({ error: error.error, message: error.message, code: error.status, request_id: requestId }),
  );
}

const tooLarge = Symbol('too large');
const invalidJson = Symbol('invalid JSON');

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maximumBodyBytes) return tooLarge;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return invalidJson;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's key as the backend sees it: prefixed with a digest of the caller's identity (keys are per credential,
 * and the credential itself is not kept), within the backend's 255 characters (a longer key is replaced by its digest).
 */
function scopedIdempotencyKey(identity: string, key: string): string {
  const scope = digest(identity).slice(0, 16);
  return `${scope}:${key.length > 255 - scope.length - 1 ? digest(key) : key}`;
}

function fingerprint(body: unknown): string {
  return digest(JSON.stringify(body) ?? '');
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function newRequestId(): string {
  return `req_${randomBytes(6).toString('hex')}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
