import type { IssuerCapabilities } from '@cardgw/core';
import { everyCapability } from '@cardgw/core/provider-utils';

/**
 * What CryptoCardy's API page documents: every operation of the port (card creation by `POST /cards` is assumed, its
 * SDK quick-start calls it), the card list's `status`, `bin_id`, `label`, `sort`, `order`, `per_page`, every
 * transaction filter, the deposits history (`status`, and the asset as `currency`) and 3DS by id.
 */
export const cryptocardyCapabilities: IssuerCapabilities = everyCapability;
