import { createHash, randomUUID } from 'node:crypto';
import { ConfigError } from '../errors/config-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { redactText } from '../redaction/redact.js';
import type { WebhookEventClaim, WebhookEventStore } from './webhook-event-store.js';

/**
 * The little of a Redis client the store uses: an ioredis `Redis` or `Cluster` instance fits as is, the same kind of
 * client `createRedisRateLimiter` takes. The store never connects, quits or listens to it; its owner does (attach an
 * `error` listener to an ioredis client).
 */
export interface RedisWebhookStoreClient {
  /** Runs a loaded Lua script by its SHA-1 (ioredis' `evalsha`); rejects with `NOSCRIPT` when Redis lacks it. */
  evalsha(sha1: string, numberOfKeys: number, ...keysAndArguments: (string | number)[]): Promise<unknown>;
  /** Runs a Lua script by its text (ioredis' `eval`), loading it into Redis' script cache. */
  eval(script: string, numberOfKeys: number, ...keysAndArguments: (string | number)[]): Promise<unknown>;
}

/** Options of `createRedisWebhookEventStore`: the client, key prefix, retention, lease and command timeout. */
export interface RedisWebhookEventStoreOptions {
  /** The ioredis client (or any client with `evalsha`/`eval`) shared by every receiver of the endpoint. */
  readonly redis: RedisWebhookStoreClient;
  /** Keys are `<keyPrefix>:<event id>`; every receiver of one endpoint uses the same prefix. @default 'cardgw:webhook-events' */
  readonly keyPrefix?: string | undefined;
  /**
   * How long a processed event id is kept, in milliseconds. A redelivery within it is answered `duplicate`; a replay
   * of an event processed longer ago than this is processed again as new, unless the receiver's `toleranceMs`
   * (at most this long) refuses it first by its `created_at`. Providers retry for hours to a few days.
   * @default 604_800_000 (7 days)
   */
  readonly ttlMs?: number | undefined;
  /**
   * How long a claim holds while `onEvent` runs, in milliseconds. A redelivery meanwhile gets 503 (deliver again
   * later); once the lease lapses (the process died or hung mid-processing) a redelivery is processed. Longer than
   * the slowest `onEvent`: a takeover while the first is still running processes the event twice.
   * @default 300_000 (5 minutes)
   */
  readonly leaseMs?: number | undefined;
  /**
   * A Redis call slower than this fails, so a delivery is answered 503 (the provider redelivers) instead of waiting
   * on a client that queues commands while disconnected.
   * @default 1000
   */
  readonly commandTimeoutMs?: number | undefined;
}

/** The first retry of a completion Redis missed, in milliseconds; each next one waits twice as long, up to the maximum. */
const firstCompletionRetryDelayMs = 50;
const maximumCompletionRetryDelayMs = 1000;
/** The most completions a store keeps retrying; past it the oldest is given up (its event may be processed again). */
const maximumUnrecordedCompletions = 10_000;

/** A Lua script run with EVALSHA (EVAL the first time a server has not seen it). */
interface Script {
  readonly source: string;
  readonly sha1: string;
}

function script(source: string): Script {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

// One key per event: 'done', or 'processing:<claim token>' with the lease as its expiry. Reading and setting in one
// script makes the claim atomic across every process sharing the Redis.
const claimScript = script(`
local current = redis.call('GET', KEYS[1])
if current == 'done' then return 'done' end
if current then return 'processing' end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 'claimed'
`);

// Released only while this claim still holds: after its lease lapsed another process may hold a claim of its own.
const releaseScript = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`);

const completeScript = script(`
redis.call('SET', KEYS[1], 'done', 'PX', ARGV[1])
return 1
`);

/**
 * A webhook event store shared through Redis: a delivery is processed once across every receiver (replicas, and
 * restarts) using the same Redis and `keyPrefix`. `claim` is atomic (`claimed`, `processing` while another lease
 * holds, `done` for `ttlMs` after processing). When Redis errs or does not answer within `commandTimeoutMs`, `claim`
 * rejects with `ProviderUnavailableError` (code `webhook_store_unavailable`) and the handler answers 503 with
 * `Retry-After` without calling `onEvent`: failing closed, so the provider redelivers once Redis is back, rather than
 * risking a second processing. A `complete` Redis misses (the event was processed, the handler answers 200 and reports
 * the error) rejects the same way, and the store records it again in the background (after 50 ms, backing off to
 * 1 s, for up to `ttlMs`, at most 10,000 such events) while answering `done` for it itself: the event is processed
 * again only if another receiver gets it after its lease lapsed and before Redis is back to take the record.
 * Throws `ConfigError` for bad options.
 */
export function createRedisWebhookEventStore(options: RedisWebhookEventStoreOptions): WebhookEventStore {
  const redis = options?.redis;
  if (typeof redis?.evalsha !== 'function' || typeof redis.eval !== 'function') {
    throw new ConfigError('redis must be a client with eval and evalsha (an ioredis Redis or Cluster)', {
      option: 'redis',
    });
  }
  const keyPrefix = options.keyPrefix ?? 'cardgw:webhook-events';
  if (typeof keyPrefix !== 'string' || keyPrefix.trim() === '') {
    throw new ConfigError('keyPrefix must be a non-empty string', { option: 'keyPrefix' });
  }
  const ttlMs = positiveMilliseconds('ttlMs', options.ttlMs, 7 * 24 * 60 * 60 * 1000);
  const leaseMs = positiveMilliseconds('leaseMs', options.leaseMs, 5 * 60 * 1000);
  const commandTimeoutMs = positiveMilliseconds('commandTimeoutMs', options.commandTimeoutMs, 1000);
  if (leaseMs > ttlMs) throw new ConfigError('leaseMs must not be longer than ttlMs', { option: 'leaseMs' });
  /** This store's claim tokens by event id, so `release` gives back only its own claim. */
  const tokens = new Map<string, string>();
  /**
   * Events processed here whose `complete` Redis missed (it went away meanwhile), each with when it was processed:
   * recorded again in the background until Redis takes it, and answered `done` here meanwhile. Without this the
   * event's claim lapses after its lease and the next redelivery, here or at another receiver, processes it again.
   */
  const unrecorded = new Map<string, number>();

  const call = (command: Script, eventId: string, args: readonly (string | number)[]) =>
    withTimeout(runScript(redis, command, `${keyPrefix}:${eventId}`, args), commandTimeoutMs);

  /** Tries again, backing off, until the completion lands, `ttlMs` has passed, or a newer one pushed it out. */
  const recordLater = (eventId: string, delayMs: number) => {
    const timer = setTimeout(() => {
      const processedAt = unrecorded.get(eventId);
      if (processedAt === undefined) return;
      if (Date.now() - processedAt >= ttlMs) {
        unrecorded.delete(eventId);
        return;
      }
      call(completeScript, eventId, [ttlMs]).then(
        () => unrecorded.delete(eventId),
        () => recordLater(eventId, Math.min(delayMs * 2, maximumCompletionRetryDelayMs)),
      );
    }, delayMs);
    timer.unref?.();
  };

  return {
    async claim(eventId) {
      // Processed here, not yet recorded in Redis: a redelivery to this receiver is a duplicate all the same.
      if (unrecorded.has(eventId)) return 'done';
      const token = `processing:${randomUUID()}`;
      const key = `${keyPrefix}:${eventId}`;
      const command = runScript(redis, claimScript, key, [token, leaseMs]);
      let answer: unknown;
      try {
        answer = await withTimeout(command, commandTimeoutMs);
      } catch (error) {
        // A client that queues commands while disconnected runs this claim when Redis is back, after the delivery
        // was answered 503: it would hold the event for a whole lease. Give it back as soon as it lands.
        command.then(
          (late) => {
            if (late === 'claimed') runScript(redis, releaseScript, key, [token]).catch(() => undefined);
          },
          () => undefined,
        );
        throw error;
      }
      if (answer === 'claimed') tokens.set(eventId, token);
      if (answer !== 'claimed' && answer !== 'processing' && answer !== 'done') {
        throw new ProviderUnavailableError('the Redis webhook event store gave an unexpected answer', {
          code: 'webhook_store_unavailable',
        });
      }
      return answer as WebhookEventClaim;
    },
    async complete(eventId) {
      tokens.delete(eventId);
      try {
        await call(completeScript, eventId, [ttlMs]);
      } catch (error) {
        if (!unrecorded.has(eventId)) {
          if (unrecorded.size >= maximumUnrecordedCompletions) {
            unrecorded.delete(unrecorded.keys().next().value as string);
          }
          unrecorded.set(eventId, Date.now());
          recordLater(eventId, firstCompletionRetryDelayMs);
        }
        throw error;
      }
    },
    async release(eventId) {
      const token = tokens.get(eventId);
      tokens.delete(eventId);
      if (token !== undefined) await call(releaseScript, eventId, [token]);
    },
  };
}

function positiveMilliseconds(option: string, value: number | undefined, fallback: number): number {
  const milliseconds = value ?? fallback;
  if (!Number.isSafeInteger(milliseconds) || milliseconds < 1) {
    throw new ConfigError(`${option} must be a positive whole number of milliseconds`, { option });
  }
  return milliseconds;
}

async function runScript(
  redis: RedisWebhookStoreClient,
  command: Script,
  key: string,
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(command.sha1, 1, key, ...args);
  } catch (error) {
    if (error instanceof Error && error.message.includes('NOSCRIPT'))
      return redis.eval(command.source, 1, key, ...args);
    throw error;
  }
}

/** Settles with the command, or rejects after `timeoutMs`; either way as a typed error whose message is redacted. */
function withTimeout(command: Promise<unknown>, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new ProviderUnavailableError(`the Redis webhook event store did not answer within ${timeoutMs} ms`, {
            code: 'webhook_store_unavailable',
          }),
        ),
      timeoutMs,
    );
    command.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // A client error can carry the command and its arguments (an AUTH password): only its redacted text passes.
        const reason = error instanceof Error ? redactText(error.message) : 'unknown error';
        reject(
          new ProviderUnavailableError(`the Redis webhook event store failed: ${reason}`, {
            code: 'webhook_store_unavailable',
          }),
        );
      },
    );
  });
}
