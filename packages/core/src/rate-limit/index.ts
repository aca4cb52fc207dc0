export {
  createLocalRateLimiter,
  defaultSafetyMarginMs,
  type LocalRateLimiterOptions,
} from './local-rate-limiter.js';
export {
  createRedisRateLimiter,
  type RedisLimiterState,
  type RedisRateLimiterOptions,
  type RedisScriptClient,
} from './redis-rate-limiter.js';
export type { AcquireOptions, AcquireResult, RateLimiter, RateLimitRule } from './types.js';
