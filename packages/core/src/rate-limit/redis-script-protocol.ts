import type { RedisScriptClient } from './redis-limiter-options.js';
import type { RedisScript } from './redis-scripts.js';
import type { RateLimitRule } from './types.js';

// How this process talks to the Lua scripts of `redis-scripts.ts`: the keys it names, the arguments it sends, the reply
// it reads, and the command timeout that turns a silent Redis into an error the limiter can act on.

/** The most calls one acquire script admits in one round trip. */
export const maxBatch = 64;

/** The keys of one limiter: `{<keyPrefix>}:<rule name>` for a rule's log, and `…:pause` for its pause. */
export class RedisRuleKeys {
  readonly #prefix: string;

  /** `prefix` is `{<keyPrefix>}`: one hash slot per prefix, so Redis Cluster works. */
  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** The sorted set logging a rule's grants. */
  log(ruleName: string): string {
    return `${this.#prefix}:${ruleName}`;
  }

  /** The key whose time to live is a rule's pause. */
  pause(ruleName: string): string {
    return `${this.#prefix}:${ruleName}:pause`;
  }

  logs(rules: readonly RateLimitRule[]): string[] {
    return rules.map((rule) => this.log(rule.name));
  }

  /** `acquireScript`'s KEYS: per rule, its log then its pause key. */
  acquireKeys(rules: readonly RateLimitRule[]): string[] {
    const keys: string[] = [];
    for (const rule of rules) keys.push(this.log(rule.name), this.pause(rule.name));
    return keys;
  }
}

/** Redis time minus local time, measured at the last grant: the scripts score in Redis time (`TIME`). */
export class RedisClockOffset {
  #ms = 0;
  #known = false;

  /** Milliseconds; 0 until measured. */
  get ms(): number {
    return this.#ms;
  }

  /** Redis answered `redisTime` for a grant this process recorded at local `localTime`. */
  measure(redisTime: number, localTime: number): void {
    this.#ms = redisTime - localTime;
    this.#known = true;
  }

  /** The Redis time `ms` after local time `now`, or -1 while the offset is unknown (no grant came back yet). */
  redisTimeAfter(now: number, ms: number): number {
    return this.#known ? Math.ceil(now + this.#ms + ms) : -1;
  }
}

/** `acquireScript`'s ARGV: the batch's base member, the margin, the hold, how many calls ask, then each rule. */
export function acquireArguments(
  base: string,
  marginMs: number,
  rules: readonly RateLimitRule[],
  holdMs: number,
  asking: number,
): (string | number)[] {
  const args: (string | number)[] = [base, marginMs, Math.ceil(holdMs), asking];
  for (const rule of rules) args.push(rule.limit, rule.windowMs);
  return args;
}

/** `acquireScript`'s answer, checked: `{k, now, 0}` when k calls were admitted, `{0, wait, rule}` otherwise. */
export interface AcquireReply {
  /** How many of the calls asking were admitted (the first ones, in order); 0 when they must wait. */
  readonly admitted: number;
  /** Redis time of the grant (ms) when admitted, else the wait in ms. */
  readonly value: number;
  /** 1-based index of the rule that made it wait. */
  readonly ruleIndex: number;
}

/** Reads `acquireScript`'s reply; anything else (a proxy's or a mock's answer) throws, and counts as a Redis failure. */
export function parseAcquireReply(reply: unknown, asking: number): AcquireReply {
  if (Array.isArray(reply) && reply.length === 3) {
    const [admitted, value, ruleIndex] = reply.map(Number) as [number, number, number];
    if (
      Number.isInteger(admitted) &&
      admitted >= 0 &&
      admitted <= asking &&
      Number.isFinite(value) &&
      Number.isInteger(ruleIndex)
    ) {
      return { admitted, value, ruleIndex };
    }
  }
  throw new Error('Unexpected reply from the rate-limit script');
}

/** Runs a script with EVALSHA (EVAL when the server lacks it), failing after `timeoutMs`. */
export function runScript(
  redis: RedisScriptClient,
  timeoutMs: number,
  script: RedisScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  const command = redis.evalsha(script.sha1, keys.length, ...keys, ...args).catch((error: unknown) => {
    if (error instanceof Error && error.message.includes('NOSCRIPT')) {
      return redis.eval(script.source, keys.length, ...keys, ...args);
    }
    throw error;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
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
