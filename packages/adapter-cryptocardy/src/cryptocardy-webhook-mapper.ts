import { createRestWebhookDataMapper } from '@cardgw/rest-dialect';

/**
 * Maps the `data` of CryptoCardy's webhook deliveries to domain objects, for `constructWebhookEvent` and
 * `createWebhookHandler` from `@cardgw/core`. The signature header and the envelope are undocumented: the core
 * defaults apply (`X-Webhook-Signature`, `{ id, type, created_at, data }`), see the README's Assumptions.
 */
export const cryptocardyWebhookMapper = createRestWebhookDataMapper('cryptocardy');
