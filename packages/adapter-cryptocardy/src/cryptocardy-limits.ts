import { restLimitRules } from '@cardgw/rest-dialect';

const minute = 60_000;

/**
 * CryptoCardy's published quotas, from its API reference (https://cryptocardy.com/v1/api), "Rate Limits": 1,000
 * requests/minute, 10,000 requests/hour, 50 card creates/minute; and "Rate limited to 30 req/min" on the PAN/CVV
 * details endpoint. Override any of them with the `limits` option.
 */
export const cryptocardyLimits = Object.freeze(
  restLimitRules({
    'requests-per-minute': { limit: 1_000, windowMs: minute },
    'requests-per-hour': { limit: 10_000, windowMs: 60 * minute },
    'card-creates-per-minute': { limit: 50, windowMs: minute },
    'card-details-per-minute': { limit: 30, windowMs: minute },
  }),
);
