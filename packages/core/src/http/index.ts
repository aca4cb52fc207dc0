export { type CallOutcome, outcomeOf } from './call-outcome.js';
export { createHttpClient, defaultAttemptTimeoutMs, defaultTimeoutMs, userAgent } from './http-client.js';
export { idempotencyKeyHeader } from './idempotency.js';
export { defaultRetryOptions } from './retry-policy.js';
export { rulesForOperation } from './rules-for-operation.js';
export { isLoopbackHost, type PlainHttpPolicy } from './transport-security.js';
export type * from './types.js';
