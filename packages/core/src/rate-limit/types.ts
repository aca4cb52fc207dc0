/**
 * One quota: at most `limit` requests in any `windowMs` (a sliding window, as strict providers count).
 * `operations` restricts the rule to some port operations (`['cards.create']`); absent, it counts every request.
 */
export interface RateLimitRule {
  /** Names the bucket in hooks, errors and shared (Redis) keys: `requests-per-minute`, `card-creates-per-minute`. */
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly operations?: readonly string[] | undefined;
}

/** How long `RateLimiter.acquire` may wait. */
export interface AcquireOptions {
  /** Stops waiting at once; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Epoch ms after which waiting is pointless: rejects with `RateLimitError` instead of waiting past it. */
  readonly deadline?: number | undefined;
}

/** What `RateLimiter.acquire` reports once a call is admitted. */
export interface AcquireResult {
  /** How long the call waited for a slot. */
  readonly waitedMs: number;
  /** The rule that made it wait longest, when it waited. */
  readonly limitedBy: string | undefined;
}

/**
 * Core's limiter interface: the HTTP pipeline calls `acquire` before every attempt (retries included) with the rules
 * that apply to the request. A slot is taken from every rule at once or from none.
 */
export interface RateLimiter {
  /**
   * Resolves once a call may go under every one of `rules` (recording it in all of them), or rejects when
   * `options.signal` aborts or waiting would pass `options.deadline`.
   */
  acquire(rules: readonly RateLimitRule[], options?: AcquireOptions): Promise<AcquireResult>;
  /** A 429 still arrived: admit nothing under `rule` for `ms`. */
  pause(rule: RateLimitRule, ms: number): void;
  /** Stops timers and releases connections; waiting calls are rejected. */
  close(): Promise<void>;
}
