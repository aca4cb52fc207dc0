/**
 * `@cardgw/core/otel`: traces and metrics of cardgw through OpenTelemetry. Needs `@opentelemetry/api` (an optional
 * peer dependency of `@cardgw/core`); nothing else in the package imports it, so an application that never imports
 * this entry point pays nothing for it.
 *
 * @module @cardgw/core/otel
 */

export { hashIdempotencyKey } from './hash-idempotency-key.js';
export {
  instrumentOpenTelemetry,
  type OpenTelemetryInstrumentation,
  type OpenTelemetryOptions,
} from './instrument-open-telemetry.js';
export { telemetryNames } from './telemetry-names.js';
