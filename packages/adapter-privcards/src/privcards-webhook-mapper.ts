import { createRestWebhookDataMapper } from '@cardgw/rest-dialect';

/**
 * Maps the `data` of PrivCards' webhook deliveries to domain objects, for `constructWebhookEvent` and
 * `createWebhookHandler` from `@cardgw/core`. With the signature header and the envelope it makes up
 * `privcardsWebhookProfile`, the one to spread into a handler's options.
 */
export const privcardsWebhookMapper = createRestWebhookDataMapper('privcards');
