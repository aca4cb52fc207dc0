import { restFamilyLimits } from '@cardgw/rest-dialect';

/**
 * CryptoCardy's published quotas: 1,000 requests/minute, 10,000 requests/hour, 50 card creates/minute, and 30/minute
 * on the PAN/CVV details endpoint. Override any of them with the `limits` option.
 */
export const cryptocardyLimits = Object.freeze(restFamilyLimits());
