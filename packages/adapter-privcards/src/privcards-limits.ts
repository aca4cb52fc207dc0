import { restLimitRules } from '@cardgw/rest-dialect';

const minute = 60_000;

/**
 * PrivCards' quotas. Its API reference (https://api.privcards.com/v1) publishes one: "Limité à 30 req/min" on the
 * PAN/CVV details endpoint. It is silent on the others (1,000 requests/minute, 10,000/hour, 50 card creates/minute):
 * they are assumed equal to CryptoCardy's, the same API family (README, "Assumptions"). Override any of them with the
 * `limits` option.
 */
export const privcardsLimits = Object.freeze(
  restLimitRules({
    'requests-per-minute': { limit: 1_000, windowMs: minute },
    'requests-per-hour': { limit: 10_000, windowMs: 60 * minute },
    'card-creates-per-minute': { limit: 50, windowMs: minute },
    'card-details-per-minute': { limit: 30, windowMs: minute },
  }),
);
