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
 * A grant held by its attempt (hold > 0) is scored `now + hold`, the latest its attempt can end; `completeScript`
 * lowers it to the completion time. A score in the future thus marks a grant still under way: it frees its slot no
 * sooner than one span from now, which is the wait answered for it (the caller asks again then).
 *
 * Up to n calls of one process on the same rules are admitted in one round trip (a burst then costs one round trip
 * per batch of freed slots, not one per call): each admitted call is recorded in every log, as member `<base>#<j>`.
 *
 * KEYS: per rule i, KEYS[2i-1] the log, KEYS[2i] its pause key.
 * ARGV: [1] a unique base member, [2] the safety margin (ms), [3] the hold (ms, 0 for none), [4] n, the calls asking,
 * then per rule: limit, window.
 * Returns {k, now, 0} when the first k ≥ 1 calls were recorded in every log, or {0, wait ms, rule index} when some
 * rule is full or paused: nothing is written then, so no log is consumed unless all admit.
 */
export const acquireScript = script(`
-- Redis 3.2-4 need this to write after reading TIME; from Redis 5 it is the default, and a no-op in Redis 7.
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local margin = tonumber(ARGV[2])
local hold = tonumber(ARGV[3])
local admitted = tonumber(ARGV[4])
local rules = #KEYS / 2
local wait = 0
local limitedBy = 0
for i = 1, rules do
  local log = KEYS[2 * i - 1]
  local limit = tonumber(ARGV[3 + 2 * i])
  local span = tonumber(ARGV[4 + 2 * i]) + margin
  redis.call('ZREMRANGEBYSCORE', log, '-inf', now - span)
  local count = redis.call('ZCARD', log)
  if limit - count < admitted then
    admitted = limit - count
  end
  if count >= limit then
    local holder = redis.call('ZRANGE', log, count - limit, count - limit, 'WITHSCORES')
    local until_free = math.min(tonumber(holder[2]), now) + span - now
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
  local ttl = math.ceil(tonumber(ARGV[4 + 2 * i]) + margin + hold)
  for j = 1, admitted do
    redis.call('ZADD', log, now + hold, ARGV[1] .. '#' .. j)
  end
  if redis.call('PTTL', log) < ttl then
    redis.call('PEXPIRE', log, ttl)
  end
end
return {admitted, math.floor(now), 0}
`);

/**
 * The attempt of a held grant ended: its window starts now. KEYS: the grant's logs. ARGV[1] its member, ARGV[2] how
 * much earlier than now to score it (ms: the safety margin a completed grant does not need, see `heldMarginShift`).
 * A grant whose hold already ran out (or that is gone) is left alone.
 */
export const completeScript = script(`
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local at = now - tonumber(ARGV[2])
for i = 1, #KEYS do
  local score = redis.call('ZSCORE', KEYS[i], ARGV[1])
  if score and tonumber(score) > now then
    redis.call('ZADD', KEYS[i], at, ARGV[1])
  end
end
return 1
`);

/**
 * KEYS[1] the pause key; ARGV[1] the pause in ms, ARGV[2] the Redis time (ms) it ends at, or -1 when unknown. A shorter
 * pause never cuts a longer one short; a pause command replayed late (a client's offline queue) never pauses past
 * the end it was sent for.
 */
export const pauseScript = script(`
if redis.replicate_commands then redis.replicate_commands() end
local ms = tonumber(ARGV[1])
local ends = tonumber(ARGV[2])
if ends >= 0 then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
  ms = math.min(ms, math.floor(ends - now))
end
if ms > 0 and redis.call('PTTL', KEYS[1]) < ms then
  redis.call('SET', KEYS[1], '1', 'PX', ms)
end
return 1
`);

/**
 * Brings the shared logs up to date after Redis was unreachable, so every process counts exactly the grants made:
 * adds the grants made meanwhile, removes the grants of acquire calls this process gave up on (their command may
 * still have run, late, replayed by the client's offline queue: nobody was admitted by them), and starts the window
 * of held grants whose completion could not be sent.
 * KEYS: the logs. ARGV, per log: its time to live (ms), the number n of grants, n pairs of score and member, the
 * number r of members to remove, r members, the number c of members completed, c members.
 * With no keys it is a plain round trip: the probe that tells Redis is back.
 */
export const replayScript = script(`
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local at = 1
for i = 1, #KEYS do
  local log = KEYS[i]
  local ttl = tonumber(ARGV[at])
  local n = tonumber(ARGV[at + 1])
  at = at + 2
  for j = 1, n do
    redis.call('ZADD', log, tonumber(ARGV[at]), ARGV[at + 1])
    at = at + 2
  end
  local removed = tonumber(ARGV[at])
  at = at + 1
  for j = 1, removed do
    redis.call('ZREM', log, ARGV[at])
    at = at + 1
  end
  local completed = tonumber(ARGV[at])
  at = at + 1
  for j = 1, completed do
    local score = redis.call('ZSCORE', log, ARGV[at])
    if score and tonumber(score) > now then
      redis.call('ZADD', log, now, ARGV[at])
    end
    at = at + 1
  end
  if n > 0 and redis.call('PTTL', log) < ttl then
    redis.call('PEXPIRE', log, ttl)
  end
end
return 1
`);
