import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createMemoryIssuer, idempotencyKeyRetentionMs, type MemoryIssuer } from '@cardgw/adapter-memory';
import type { IssuerCapabilities, RateLimitRule } from '@cardgw/core';
import { defaultWebhookSignatureHeader } from '@cardgw/core/provider-utils';
import { createLoopbackServer } from './loopback-server.js';
import { createResponseReplayStore, type RecordedResponse } from './response-replay-store.js';
import { createFaultController, type SimulatorFaults } from './simulator-faults.js';
import {
  delay,
  headerValue,
  invalidJson,
  newRequestId,
  readBody,
  sendWireError,
  tooLarge,
} from './simulator-http-io.js';
import { answerOnce, fingerprint, scopedIdempotencyKey } from './simulator-idempotency.js';
import { matchRoute, runRoute } from './simulator-route-matching.js';
import { createDialectRoutes, type SimulatorRoute } from './simulator-routes.js';
import { createStrictQuota } from './strict-quota.js';
import { createWebhookDispatcher, type WebhookDelivery } from './webhook-dispatcher.js';
import { type WireError, wireErrors } from './wire-error.js';

/**
 * Options of `startRestSimulator`: the provider, its base path, auth, limits, backend, extra routes and webhook
 * delivery.
 */
export interface RestSimulatorOptions {
  /** The provider it impersonates: the prefix of the backend's ids, stripped on the wire. */
  readonly provider: string;
  /** What the provider's page documents: an undeclared operation is a 404, an undeclared filter is ignored. */
  readonly capabilities: IssuerCapabilities;
  /** The path the API lives under: `/v1`, `/v1/api`. @default '' */
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
  /** Endpoints beyond the dialect's (a credential provisioning call). Matched first. */
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

const maximumRecordedRequests = 1_000;

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
  const requests: SimulatorRequestRecord[] = [];
  const held = new Set<ServerResponse>();

  const server = createLoopbackServer(options.port ?? 0, (request, response) =>
    handle(request, response).catch(() => {
      // Never crash the server: whatever failed, answer 500 if still possible.
      if (!response.headersSent && !response.destroyed)
        sendWireError(response, newRequestId(), wireErrors.injected(500));
    }),
  );
  const { listen, stopListening } = server;

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
      sendWireError(response, requestId, error, headers);
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

    // The replay store only sends the exact same request the exact first answer (request id included). Other
    // parameters make another entry: the backend then decides (refusing the reused key).
    const replayKey = keyed
      ? [scopedIdempotencyKey(identity, idempotencyKey), method, `${path}${url.search}`, fingerprint(body)].join(' ')
      : undefined;
    const { answer, outcome } = await answerOnce(replays, replayKey, execute);

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
      return `http://127.0.0.1:${server.port}${basePath}`;
    },
    get port() {
      return server.port;
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
