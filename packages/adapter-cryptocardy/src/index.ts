/**
 * `@cardgw/adapter-cryptocardy`: CryptoCardy behind the `CardIssuer` port, plus its seed provisioning (`GET /`) beside
 * it. Built on core's shared REST dialect (`@cardgw/rest-dialect`); this package holds only what is CryptoCardy's own.
 * A local simulator is at `@cardgw/adapter-cryptocardy/simulator`.
 *
 * @module @cardgw/adapter-cryptocardy
 */
export { type CryptoCardyIssuer, createCryptoCardy } from './cryptocardy-adapter.js';
export {
  type CryptoCardyCardNetwork,
  type CryptoCardyFundingAsset,
  cryptocardyCardNetworks,
  cryptocardyFundingAssets,
} from './cryptocardy-assets.js';
export { cryptocardyCapabilities } from './cryptocardy-capabilities.js';
export { CardPreview, type CardPreviewFields } from './cryptocardy-card-preview.js';
export { cryptocardyLimits } from './cryptocardy-limits.js';
export { type CryptoCardyOptions, cryptocardyDefaultBaseUrl } from './cryptocardy-options.js';
export { cryptocardyProvider } from './cryptocardy-provider.js';
export {
  type CryptoCardyProvisioning,
  type ProvisionCryptoCardyOptions,
  provisionCryptoCardy,
} from './cryptocardy-provisioning.js';
export { cryptocardySeed } from './cryptocardy-seed.js';
export { cryptocardyWebhookMapper } from './cryptocardy-webhook-mapper.js';
export { type CryptoCardyWebhookProfile, cryptocardyWebhookProfile } from './cryptocardy-webhook-profile.js';
