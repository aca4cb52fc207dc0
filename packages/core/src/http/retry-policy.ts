import type { RetryOptions } from './types.js';

export interface ResolvedRetryOptions {
  readonly maxRetries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

/** The retry defaults: 2 retries, backoff from 250 ms to 8 s with full jitter, `Retry-After` honoured up to 60 s. */
export const defaultRetryOptions: ResolvedRetryOptions = {
  maxRetries: 2,
  minDelayMs: 250,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};

export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  return {
    maxRetries: options?.maxRetries ?? defaultRetryOptions.maxRetries,
    minDelayMs: options?.minDelayMs ?? defaultRetryOptions.minDelayMs,
    maxDelayMs: options?.maxDelayMs ?? defaultRetryOptions.maxDelayMs,
    maxRetryAfterMs: options?.maxRetryAfterMs ?? defaultRetryOptions.maxRetryAfterMs,
  };
}

/**
 * Exponential backoff with full jitter: a uniform delay in `[0, min(maxDelayMs, minDelayMs × 2^retry)]`. Full jitter
 * spreads the retries of many clients failing together, so they do not hit the recovering provider in one wave
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). `retry` is 0 before the first retry.
 */
export function backoffDelay(
  retry: number,
  options: Pick<ResolvedRetryOptions, 'minDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds (`120`, `1.5`) or an HTTP-date. Undefined when absent or
 * unreadable; a date in the past reads as 0.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number.parseFloat(text) * 1000);
  // An HTTP-date names its day and month (`Wed, 21 Oct 2015 07:28:00 GMT`); `Date.parse` alone would take `-5`.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
