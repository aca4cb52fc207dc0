import { type HeldGrant, RuleWindow } from './rule-window.js';
import type { RateLimitRule } from './types.js';

// The in-process limiter's sliding-window logs, one per rule name, and the one way a call takes its slots: in every
// window of its rules at once, never in some only. Kept apart from the queue so the Redis limiter's fallback records
// its grants through the same path (`LocalRateLimiter.recordGrant`).

/** The windows of one limiter, keyed by rule name, created on first use and reconfigured when a rule changes. */
export class RuleWindows {
  readonly #windows = new Map<string, RuleWindow>();
  readonly #marginMs: number;
  readonly #clock: () => number;
  readonly #isClosed: () => boolean;

  /** `marginMs` is added to every window (`LocalRateLimiterOptions.safetyMarginMs`); `isClosed` stops completions. */
  constructor(marginMs: number, clock: () => number, isClosed: () => boolean) {
    this.#marginMs = marginMs;
    this.#clock = clock;
    this.#isClosed = isClosed;
  }

  /** The window of `rule`, made to match its current limit and window. */
  windowFor(rule: RateLimitRule): RuleWindow {
    let window = this.#windows.get(rule.name);
    if (!window) {
      window = new RuleWindow(rule.limit, rule.windowMs, this.#marginMs);
      this.#windows.set(rule.name, window);
    } else if (window.limit !== rule.limit || window.spanMs !== rule.windowMs + this.#marginMs) {
      window.reconfigure(rule.limit, rule.windowMs);
    }
    return window;
  }

  /**
   * Takes a slot in every window at `now`. With a hold, each window keeps the slot until the returned `complete` (or
   * `holdMs`), and its window starts then; without, it starts now.
   */
  grant(windows: readonly RuleWindow[], now: number, holdMs: number): (() => void) | undefined {
    if (holdMs === 0) {
      for (const window of windows) window.record(now);
      return undefined;
    }
    const held: HeldGrant[] = [];
    for (const window of windows) held.push(window.hold(now + holdMs));
    let completed = false;
    return () => {
      if (completed || this.#isClosed()) return;
      completed = true;
      const at = this.#clock();
      for (let index = 0; index < windows.length; index++) windows[index]!.complete(held[index]!, at);
    };
  }
}
