export * from './capability-guard.js';
export * from './input-schemas.js';
export * from './parse-input.js';
