/**
 * `@cardgw/core/provider-utils`: what only adapter authors need, beside the application-facing root entry
 * (`@cardgw/core`). An application never imports this subpath; an adapter package (one per provider, or a shared
 * dialect such as `@cardgw/rest-dialect`) does, to build on the same pipeline, validation and rate limiting as the
 * documented adapters:
 *
 * - the HTTP pipeline's building blocks: abort scopes, the call-outcome stamp (`withOutcome`), idempotency keys, the
 *   credential transport check;
 * - rate-limit rules: validation of a rule list and the sliding window one rule counts in;
 * - validation helpers: the zod input schemas each operation parses with (`parseInput` runs them), the configuration
 *   option parsers and the sentence a configuration issue is described with;
 * - error wording helpers (`asSentence`).
 *
 * Every name here is documented where it is declared. The names are stable for adapter authors, but they are not part
 * of the application-facing surface, so they may change in a minor release together with the adapters that use them.
 *
 * @module @cardgw/core/provider-utils
 */
export { asSentence } from '../errors/as-sentence.js';
export { createAbortScope, sleep } from '../http/abort-scope.js';
export { withOutcome } from '../http/call-outcome.js';
export { idempotencyKeyFor } from '../http/idempotency.js';
export { assertCredentialTransport } from '../http/transport-security.js';
export { RuleWindow } from '../rate-limit/rule-window.js';
export { validateRateLimitRules } from '../rate-limit/validate-rate-limit-rules.js';
export { type ConfigIssue, describeConfigIssue } from '../validation/describe-config-issue.js';
export {
  cardListSchema,
  createCardSchema,
  depositAddressSchema,
  depositListSchema,
  fundSchema,
  insecureWebhookSchema,
  qualifiedId,
  secureWebhookSchema,
  threeDSListSchema,
  transactionListSchema,
  updateCardSchema,
  withdrawSchema,
} from '../validation/input-schemas.js';
export { environmentOption, stringRecordOption } from '../validation/record-options.js';
