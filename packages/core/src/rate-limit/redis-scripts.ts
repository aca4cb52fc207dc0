import { createHash } from 'node:crypto';

/** A Lua script run with EVALSHA (EVAL the first time a server has not seen it). */
export interface RedisScript {
  readonly source: string;
  readonly sha1: string;
}

function script(source: string): RedisScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/*
 * One sliding-window log per rule, as a sorted set of grant times scored in milliseconds read from Redis's own clock
 * (TIME), so every process shares one clock. Numbers are handed to redis.call as numbers, never concatenated into
 * strings: Lua's tostring keeps only 14 digits, too few for epoch milliseconds with a fraction.
 *
 * KEYS: per rule i, KEYS[2i-1] the log, KEYS[2i] its pause key.
 * ARGV: [1] a unique member, [2] the safety margin (ms), then per rule: limit, window (ms).
 * Returns {1, now} when the call was recorded in every log, or {0, wait ms, rule index} when some rule is full or
 * paused: nothing is written then, so no log is consumed unless all admit.
 */
export const acquireScript = script(`
-- Redis 3.2-4 need this to write after reading TIME; from Redis 5 it is the default, and a no-op in Redis 7.
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local margin = tonumber(ARGV[2])
local rules = #KEYS / 2
local wait = 0
local limitedBy = 0
for i = 1, rules do
  local log = KEYS[2 * i - 1]
  local limit = tonumber(ARGV[1 + 2 * i])
  local span = tonumber(ARGV[2 + 2 * i]) + margin
  redis.call('ZREMRANGEBYSCORE', log, '-inf', now - span)
  local count = redis.call('ZCARD', log)
  if count >= limit then
    local holder = redis.call('ZRANGE', log, count - limit, count - limit, 'WITHSCORES')
    local until_free = tonumber(holder[2]) + span - now
    if until_free > wait then
      wait = until_free
      limitedBy = i
    end
  end
  local paused = redis.call('PTTL', KEYS[2 * i])
  if paused > wait then
    wait = paused
    limitedBy = i
  end
end
if wait > 0 then
  return {0, math.ceil(wait), limitedBy}
end
for i = 1, rules do
  local log = KEYS[2 * i - 1]
  redis.call('ZADD', log, now, ARGV[1])
  redis.call('PEXPIRE', log, math.ceil(tonumber(ARGV[2 + 2 * i]) + margin))
end
return {1, math.floor(now), 0}
`);

/** KEYS[1] the pause key; ARGV[1] the pause in ms. A shorter pause never cuts a longer one short. */
export const pauseScript = script(`
local ms = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ms then
  redis.call('SET', KEYS[1], '1', 'PX', ms)
end
return 1
`);

/**
 * Adds grants made while Redis was unreachable to the shared logs, so the other processes count them.
 * KEYS: the logs. ARGV: per log, its time to live (ms), the number n of grants, then n pairs of score and member.
 * With no keys it is a plain round trip: the probe that tells Redis is back.
 */
export const replayScript = script(`
local at = 1
for i = 1, #KEYS do
  local ttl = tonumber(ARGV[at])
  local n = tonumber(ARGV[at + 1])
  at = at + 2
  for j = 1, n do
    redis.call('ZADD', KEYS[i], ARGV[at], ARGV[at + 1])
    at = at + 2
  end
  if n > 0 and redis.call('PTTL', KEYS[i]) < ttl then
    redis.call('PEXPIRE', KEYS[i], ttl)
  end
end
return 1
`);
