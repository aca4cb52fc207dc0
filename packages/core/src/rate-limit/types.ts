/**
 * One quota: at most `limit` requests in any `windowMs` (a sliding window, as strict providers count).
 * `operations` restricts the rule to some port operations (`['cards.create']`); absent, it counts every request.
 */
export interface RateLimitRule {
  /** Names the bucket in hooks, errors and shared (Redis) keys: `requests-per-minute`, `card-creates-per-minute`. */
  readonly name: string;
  readonly limit: number;
  /** Milliseconds, 1 ms to `maxWindowMs` (31 days). */
  readonly windowMs: number;
  readonly operations?: readonly string[] | undefined;
}

/** How long `RateLimiter.acquire` may wait. */
export interface AcquireOptions {
  /** Stops waiting at once; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Epoch ms after which waiting is pointless: rejects with `RateLimitError` instead of waiting past it. */
  readonly deadline?: number | undefined;
  /**
   * The longest the attempt can run after its release, in milliseconds (the pipeline passes its attempt timeout).
   * When set, the slot is held from its release until `AcquireResult.complete()` is called, or until `holdMs` has
   * passed, whichever is first, and only then starts its window: the provider counts the request at its arrival,
   * which can come any time before its response, however late the network or a busy machine delivers it. When
   * absent or 0 the slot's window starts at its release (no `complete` needed, none given).
   */
  readonly holdMs?: number | undefined;
}

/** What `RateLimiter.acquire` reports once a call is admitted. */
export interface AcquireResult {
  /** How long the call waited for a slot. */
  readonly waitedMs: number;
  /** The rule that made it wait longest, when it waited. */
  readonly limitedBy: string | undefined;
  /**
   * Present when `holdMs` was given: call it once the attempt has ended (answered, failed or aborted). The slot's
   * window then starts at that moment, the latest the provider can have counted the request. Calling it twice, or
   * after `holdMs`, does nothing. Never throws, never waits.
   */
  readonly complete?: (() => void) | undefined;
}

/**
 * Core's limiter interface: the HTTP pipeline calls `acquire` before every attempt (retries included) with the rules
 * that apply to the request, and the result's `complete` when the attempt ends. A slot is taken from every rule at
 * once or from none.
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
