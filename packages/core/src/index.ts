/**
 * @cardgw/core: the normalized card-issuing domain, the `CardIssuer` port, the error hierarchy, input validation and
 * the pieces every issuer shares. Subpaths: `@cardgw/core/provider-utils` (what only adapter authors need),
 * `@cardgw/core/webhooks/edge` and `@cardgw/core/otel`. The in-memory issuer, the contract suite and the REST dialect
 * are packages of their own: `@cardgw/adapter-memory`, `@cardgw/testing`, `@cardgw/rest-dialect`.
 *
 * @module @cardgw/core
 */
export * from './diagnostics/index.js';
export * from './domain/index.js';
export * from './errors/index.js';
export * from './gateway/index.js';
export * from './http/index.js';
export * from './pagination/page-result.js';
export type * from './port/index.js';
export * from './rate-limit/index.js';
export { redactText, redactValue } from './redaction/redact.js';
export { redactedExcerpt } from './redaction/redacted-excerpt.js';
export { type CredentialShape, registerCredentialShape } from './redaction/register-credential-shape.js';
export { SanitizedCause, sanitizeCause } from './redaction/sanitize-cause.js';
export { inspectSymbol, maskPan, redactedText, Secret } from './redaction/secret.js';
export { isSensitiveKey } from './redaction/sensitive-key.js';
// Validation helpers without zod types (the zod input schemas stay internal: no zod type in a public signature).
export { assertFiltersSupported, assertOperationSupported } from './validation/capability-guard.js';
export {
  maximumFundingCents,
  maximumLabelLength,
  maximumMetadataKeys,
  maximumPerPage,
  minimumFundingCents,
} from './validation/input-schemas.js';
export { allOperations, everyCapability, isOperation, withoutOperations } from './validation/operations.js';
export { type InputIssue, type InputSchema, parseInput } from './validation/parse-input.js';
export { assertRequestOptions } from './validation/request-options.js';
export * from './webhooks/index.js';
