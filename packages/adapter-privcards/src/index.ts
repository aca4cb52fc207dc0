/**
 * `@cardgw/adapter-privcards`: PrivCards behind the `CardIssuer` port. Built on core's shared REST dialect
 * (`@cardgw/rest-dialect`); this package holds only what is PrivCards' own: auth, base URL, limits, capabilities.
 * A local simulator is at `@cardgw/adapter-privcards/simulator`.
 *
 * @module @cardgw/adapter-privcards
 */
export { createPrivCards, type PrivCardsIssuer } from './privcards-adapter.js';
export { type PrivCardsMode, privcardsApiKey } from './privcards-api-key.js';
export { privcardsCapabilities } from './privcards-capabilities.js';
export { privcardsLimits } from './privcards-limits.js';
export { type PrivCardsOptions, privcardsDefaultBaseUrl } from './privcards-options.js';
export { privcardsProvider } from './privcards-provider.js';
export { privcardsWebhookMapper } from './privcards-webhook-mapper.js';
export { type PrivCardsWebhookProfile, privcardsWebhookProfile } from './privcards-webhook-profile.js';
