import { createRestWebhookDataMapper } from '@cardgw/rest-dialect';

/**
 * Maps the `data` of CryptoCardy's webhook deliveries to domain objects, for `constructWebhookEvent` and
 * `createWebhookHandler` from `@cardgw/core`. With the signature header and the envelope it makes up
 * `cryptocardyWebhookProfile`, the one to spread into a handler's options.
 */
export const cryptocardyWebhookMapper = createRestWebhookDataMapper('cryptocardy');
