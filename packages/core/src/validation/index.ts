export * from './capability-guard.js';
export * from './idempotency-key.js';
export * from './input-schemas.js';
export * from './operations.js';
export * from './parse-input.js';
export * from './request-options.js';
