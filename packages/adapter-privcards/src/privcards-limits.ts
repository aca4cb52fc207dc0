import { restFamilyLimits } from '@cardgw/rest-dialect';

/**
 * PrivCards' quotas. Its page publishes one: 30/minute on the PAN/CVV details endpoint. The others (1,000
 * requests/minute, 10,000/hour, 50 card creates/minute) are assumed equal to CryptoCardy's, the same API family;
 * override any of them with the `limits` option.
 */
export const privcardsLimits = Object.freeze(restFamilyLimits());
