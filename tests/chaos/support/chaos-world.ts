import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCryptoCardy } from '@cardgw/adapter-cryptocardy';
import { type CryptoCardySimulator, startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { createPrivCards } from '@cardgw/adapter-privcards';
import { type PrivCardsSimulator, startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { createFailoverIssuer, createRedisCreationKeyLedger, type FailoverIssuer, type Money, usd } from '@cardgw/core';
import type { RestLimitOverrides } from '@cardgw/rest-dialect';
import type { RestSimulator } from '@cardgw/rest-dialect/simulator';
import { Redis } from 'ioredis';
import {
  type RedisServerHandle,
  startRedisServer,
} from '../../../packages/core/src/rate-limit/test-support/redis-server.js';
import { type FaultProxy, startFaultProxy } from '../../test-support/fault-proxy.js';
import type { ChaosProvider } from './chaos-schedule.js';
import type { WebhookTiming } from './webhook-deliveries.js';
import { startWebhookReceivers, type WebhookReceivers } from './webhook-receivers.js';

/**
 * Both simulators, each behind a fault proxy (what a load balancer does to an answer after the provider committed),
 * and one Redis holding the gateways' creation-key ledger, started once and reused by every schedule (a schedule's
 * checks are about its own cards, marked by label, and about each backend's ledger as a whole, which no schedule may
 * break). Each schedule gets a fresh gateway (and, when it asks, a replica: a second gateway with the providers in the
 * other order, its own Redis connection and ledger instance, sharing only Redis, as another process would), so circuit
 * breakers, limiter pauses and pooled sockets never leak from one schedule into the next.
 */
export interface ChaosWorld {
  readonly simulators: Readonly<Record<ChaosProvider, RestSimulator>>;
  /** The proxy in front of each simulator: every adapter talks to it. */
  readonly proxies: Readonly<Record<ChaosProvider, FaultProxy>>;
  /** Kills the ledger's Redis (SIGKILL, as a crash), or starts it again on its data, on the same port. */
  redisDown(): Promise<void>;
  redisUp(): Promise<void>;
  /** What each backend's wallet held at the start: wallet + card balances + spent must always add up to it. */
  readonly initialWallet: Money;
  /** Whether `refuseConnections()` is in force (accepting twice would throw). */
  readonly refused: Set<ChaosProvider>;
  /** Clears every queued fault and the latency, accepts connections again, and brings Redis back. */
  calm(): Promise<void>;
  /** Two webhook receiver processes sharing one Redis event store on this Redis (started once, like the rest). */
  readonly webhooks: WebhookReceivers;
  readonly webhookTiming: WebhookTiming;
  /** A schedule's gateway (`replica: false`) or its replica, both on the ledger prefix `ledgerPrefix`. */
  createGateway(ledgerPrefix: string, replica?: boolean): FailoverIssuer;
  close(): Promise<void>;
}

/** Short enough that a schedule takes a fraction of a second, long enough for loopback HTTP on a busy machine. */
export const chaosTiming = {
  /** Total deadline of one call, retries included. */
  timeoutMs: 800,
  /** One attempt; a held answer (timeout after commit) is given up after this. */
  attemptTimeoutMs: 120,
  maxRetries: 2,
  retryBackoff: { minDelayMs: 2, maxDelayMs: 20, maxRetryAfterMs: 100 },
  breaker: { consecutiveFailures: 3, halfOpenAfterMs: 40 },
  /** A Redis call of the ledger slower than this fails (nothing is sent then). */
  ledgerCommandTimeoutMs: 200,
  /**
   * The ledger's lease on a claimed key: longer than a call at one provider (`timeoutMs` and a few ledger calls), as
   * the 2-minute default is at the adapters' defaults, and short enough that the settling repeats can outwait a claim
   * whose end Redis never recorded.
   */
  ledgerLeaseMs: 2_000,
  /**
   * The webhook receivers' Redis event store: a claim's lease (short, so a stalled receiver's lapses within a
   * schedule; far longer than an `onEvent` that does not stall, even on a loaded machine) and command timeout.
   */
  webhookLeaseMs: 300,
  webhookCommandTimeoutMs: 200,
} as const;

/** How long `calm()` waits for the Redis clients to be connected again after a restart (a loaded machine). */
const redisReadyTimeoutMs = 10_000;

// Nothing here waits for a quota: the simulators enforce none and the adapters' limits are far out of reach.
const unlimited: RestLimitOverrides = {
  'requests-per-minute': { limit: 1_000_000_000 },
  'requests-per-hour': { limit: 1_000_000_000 },
  'card-creates-per-minute': { limit: 1_000_000_000 },
  'card-details-per-minute': { limit: 1_000_000_000 },
};

export async function startChaosWorld(): Promise<ChaosWorld> {
  // Enough for 10,000 schedules of card creations without a business "insufficient funds" at the wallet.
  const initialWallet = usd(100_000_000);
  const privcards: PrivCardsSimulator = await startPrivCardsSimulator({
    limits: false,
    backend: createMemoryIssuer({ provider: 'privcards', walletBalance: initialWallet }),
  });
  const cryptocardy: CryptoCardySimulator = await startCryptoCardySimulator({
    limits: false,
    backend: createMemoryIssuer({ provider: 'cryptocardy', walletBalance: initialWallet }),
  });
  const simulators = { privcards, cryptocardy } as const;
  const refused = new Set<ChaosProvider>();
  // Every mutating request goes through its proxy's faults; reads pass as they are.
  const mutating = (method: string) => method !== 'GET';
  const proxies = {
    privcards: await startFaultProxy({ target: new URL(privcards.url).origin, matches: mutating }),
    cryptocardy: await startFaultProxy({ target: new URL(cryptocardy.url).origin, matches: mutating }),
  } as const;
  const behindProxy = (provider: ChaosProvider) =>
    `${proxies[provider].origin}${new URL(simulators[provider].url).pathname}`;

  // Redis is killed mid-run as a crash would and started again on its data: the ledger's guarantee holds for a Redis
  // that keeps acknowledged writes (AOF, fsync always), the configuration docs/money-safety.md asks for.
  const redisData = await mkdtemp(join(tmpdir(), 'cardgw-chaos-redis-'));
  let redisServer: RedisServerHandle | undefined = await startRedisServer(undefined, { persistIn: redisData });
  const redisPort = redisServer.port;
  // One connection per "process": commands fail at once while Redis is away (no offline queue), and reconnect after.
  const connect = () => {
    const client = new Redis(`redis://127.0.0.1:${redisPort}`, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => 20,
      // Connected while the restarted Redis still loads its append-only file: look again soon, not in a second.
      maxLoadingRetryTime: 20,
    });
    client.on('error', () => {});
    return client;
  };
  const redisClients = { gateway: connect(), replica: connect() };
  const webhookTiming: WebhookTiming = { leaseMs: chaosTiming.webhookLeaseMs };
  const webhooks = await startWebhookReceivers({
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    keyPrefix: 'chaos:webhook-events',
    leaseMs: chaosTiming.webhookLeaseMs,
    commandTimeoutMs: chaosTiming.webhookCommandTimeoutMs,
  });
  const redisDown = async () => {
    await redisServer?.kill();
    redisServer = undefined;
  };
  const redisUp = async () => {
    redisServer ??= await startRedisServer(redisPort, { persistIn: redisData });
  };
  /**
   * Until every client is connected again. A client that reconnected while the restarted Redis was still loading its
   * append-only file waits for the load (ioredis' ready check, a second or more) and refuses commands meanwhile:
   * Redis is still away for the gateways then, so the faults are not over until it is back for them too.
   */
  const redisReady = async () => {
    for (const client of Object.values(redisClients)) {
      const deadline = performance.now() + redisReadyTimeoutMs;
      while (client.status !== 'ready' && performance.now() < deadline) await sleep(5);
    }
  };

  const adapterOptions = {
    timeoutMs: chaosTiming.timeoutMs,
    attemptTimeoutMs: chaosTiming.attemptTimeoutMs,
    maxRetries: chaosTiming.maxRetries,
    retryBackoff: chaosTiming.retryBackoff,
    limits: unlimited,
  };

  return {
    simulators,
    proxies,
    initialWallet,
    refused,
    webhooks,
    webhookTiming,
    redisDown,
    redisUp,
    async calm() {
      privcards.faults.clear();
      cryptocardy.faults.clear();
      proxies.privcards.clear();
      proxies.cryptocardy.clear();
      for (const name of [...refused]) {
        await simulators[name].faults.acceptConnections();
        await proxies[name].acceptConnections();
        refused.delete(name);
      }
      await redisUp();
      await redisReady();
    },
    createGateway(ledgerPrefix, replica = false) {
      const issuers = [
        createPrivCards({ ...adapterOptions, apiKey: privcards.apiKey, baseUrl: behindProxy('privcards') }),
        createCryptoCardy({ ...adapterOptions, seed: cryptocardy.seed, baseUrl: behindProxy('cryptocardy') }),
      ];
      const ledger = createRedisCreationKeyLedger({
        redis: replica ? redisClients.replica : redisClients.gateway,
        keyPrefix: `chaos:${ledgerPrefix}`,
        commandTimeoutMs: chaosTiming.ledgerCommandTimeoutMs,
        leaseMs: chaosTiming.ledgerLeaseMs,
      });
      return createFailoverIssuer(replica ? issuers.reverse() : issuers, { breaker: chaosTiming.breaker, ledger });
    },
    async close() {
      await webhooks.close();
      redisClients.gateway.disconnect();
      redisClients.replica.disconnect();
      await Promise.all([proxies.privcards.close(), proxies.cryptocardy.close()]);
      await Promise.all([privcards.close(), cryptocardy.close()]);
      await redisServer?.stop();
      await rm(redisData, { recursive: true, force: true });
    },
  };
}
