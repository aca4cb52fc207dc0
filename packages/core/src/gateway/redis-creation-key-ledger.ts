import { createHash } from 'node:crypto';
import { ConfigError } from '../errors/config-error.js';
import type { RedisScriptClient } from '../rate-limit/redis-rate-limiter.js';
import {
  type CreationKeyClaim,
  type CreationKeyEntry,
  type CreationKeyLedger,
  defaultCreationKeyLeaseMs,
  defaultCreationKeyTtlMs,
} from './creation-key-ledger.js';

/** Options of `createRedisCreationKeyLedger`: the shared client, key prefix, retention, lease and command timeout. */
export interface RedisCreationKeyLedgerOptions {
  /**
   * The same kind of client the Redis rate limiter takes: an ioredis `Redis` or `Cluster` instance fits as is. The
   * ledger never connects, quits or listens to it; its owner does (attach an `error` listener to an ioredis client).
   */
  readonly redis: RedisScriptClient;
  /** Every process using the same prefix against the same Redis shares the ledger. @default 'cardgw:creation-keys' */
  readonly keyPrefix?: string | undefined;
  /** How long a key is kept after its last change, in milliseconds. @default 86400000 (24 hours: see `defaultCreationKeyTtlMs`) */
  readonly ttlMs?: number | undefined;
  /** How long a claim holds a key without news from its holder, in milliseconds. @default 120000 */
  readonly leaseMs?: number | undefined;
  /** A Redis call slower than this fails (the gateway then sends nothing: see docs/money-safety.md). @default 1000 */
  readonly commandTimeoutMs?: number | undefined;
}

/**
 * A creation-key ledger shared by every process using one Redis: each key is one hash (`state`, `provider`, `holder`,
 * `lease`) with a TTL, changed only by Lua scripts that read Redis's own clock (`TIME`), so a claim, an assignment and
 * an end are each atomic across processes. One key per script: Redis Cluster works.
 *
 * When Redis errs or does not answer within `commandTimeoutMs`, each method rejects; the failover composite then sends
 * nothing (a claim or an assignment it cannot record) and reports `ProviderUnavailableError`
 * (`creation_ledger_unavailable`), or, for an end it cannot record, leaves the key with its provider. Keys are not
 * persisted beyond what the Redis server persists: a Redis that restarts empty forgets them (run it with AOF if repeats
 * must survive that). Throws `ConfigError` for bad options.
 */
export function createRedisCreationKeyLedger(options: RedisCreationKeyLedgerOptions): CreationKeyLedger {
  const { redis } = options;
  if (typeof redis?.evalsha !== 'function' || typeof redis.eval !== 'function') {
    throw new ConfigError('redis must be an ioredis client (or have evalsha and eval)', { option: 'redis' });
  }
  const keyPrefix = options.keyPrefix ?? 'cardgw:creation-keys';
  if (typeof keyPrefix !== 'string' || keyPrefix === '') {
    throw new ConfigError('keyPrefix must be a non-empty string', { option: 'keyPrefix' });
  }
  const ttlMs = positiveInteger(options.ttlMs, defaultCreationKeyTtlMs, 'ttlMs');
  const leaseMs = positiveInteger(options.leaseMs, defaultCreationKeyLeaseMs, 'leaseMs');
  const commandTimeoutMs = positiveInteger(options.commandTimeoutMs, 1000, 'commandTimeoutMs');
  const redisKey = (key: string) => `${keyPrefix}:${key}`;

  function call(script: Script, key: string, args: readonly (string | number)[]): Promise<unknown> {
    const keys = [redisKey(key)];
    const command = redis.evalsha(script.sha1, 1, ...keys, ...args).catch((error: unknown) => {
      if (error instanceof Error && error.message.includes('NOSCRIPT'))
        return redis.eval(script.source, 1, ...keys, ...args);
      throw error;
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${commandTimeoutMs} ms`)),
        commandTimeoutMs,
      );
      command.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  return {
    async claim(key, holder): Promise<CreationKeyClaim> {
      const reply = await call(claimScript, key, [holder, leaseMs, ttlMs]);
      if (!Array.isArray(reply)) throw new Error('unexpected reply from the claim script');
      if (Number(reply[0]) === 1) return { claimed: true };
      const state = String(reply[1]) as CreationKeyEntry['state'];
      const provider = String(reply[2] ?? '');
      return { claimed: false, entry: { state, provider: provider === '' ? undefined : provider } };
    },
    async assign(key, holder, provider) {
      return Number(await call(assignScript, key, [holder, provider, leaseMs, ttlMs])) === 1;
    },
    async finish(key, holder, outcome) {
      await call(finishScript, key, [holder, outcome, ttlMs]);
    },
  };
}

interface Script {
  readonly source: string;
  readonly sha1: string;
}

function script(source: string): Script {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

// Milliseconds from Redis's own clock, so every process shares one. Epoch milliseconds have 13 digits: Lua prints
// them exactly (it keeps 14).
const now = `
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`;

/**
 * KEYS[1] the key's hash. ARGV: holder, lease (ms), ttl (ms). Returns {1} when taken, else {0, state, provider}.
 * A free key, or one whose holder went silent before sending it anywhere, is taken; one whose holder went silent after
 * sending it reads `unknown` at that provider.
 */
const claimScript = script(`${now}
local entry = redis.call('HMGET', KEYS[1], 'state', 'provider', 'holder', 'lease')
local state, provider, lease = entry[1], entry[2], tonumber(entry[4]) or 0
local unsent = (not provider) or provider == ''
if (not state) or (state == 'in_flight' and lease <= now and unsent) then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'state', 'in_flight', 'holder', ARGV[1], 'lease', now + tonumber(ARGV[2]))
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {1}
end
if state == 'in_flight' and lease <= now then state = 'unknown' end
return {0, state, provider or ''}
`);

/** KEYS[1] the key's hash. ARGV: holder, provider, lease (ms), ttl (ms). Returns 1 when recorded, 0 when not held. */
const assignScript = script(`${now}
local entry = redis.call('HMGET', KEYS[1], 'state', 'holder')
if entry[1] ~= 'in_flight' or entry[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'provider', ARGV[2], 'lease', now + tonumber(ARGV[3]))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`);

/** KEYS[1] the key's hash. ARGV: holder, outcome (`succeeded`, `unknown`, `released`), ttl (ms). */
const finishScript = script(`
local entry = redis.call('HMGET', KEYS[1], 'state', 'holder', 'provider')
if entry[1] ~= 'in_flight' or entry[2] ~= ARGV[1] then return 0 end
if ARGV[2] == 'released' or (not entry[3]) or entry[3] == '' then
  redis.call('DEL', KEYS[1])
  return 1
end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
redis.call('HDEL', KEYS[1], 'holder', 'lease')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

function positiveInteger(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ConfigError(`${option} must be a positive integer (milliseconds)`, { option });
  }
  return value;
}
