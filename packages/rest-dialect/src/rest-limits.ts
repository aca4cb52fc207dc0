import { ConfigError, type RateLimitRule } from '@cardgw/core';

/*
 * The dialect's quota machinery: the rule names its providers publish quotas under, which operations each rule
 * counts, overrides and merging. The numbers are each provider's own and live in its adapter (`acmeLimits`,
 * `globexLimits` in the adapter packages), never here.
 */

/** The quotas the dialect's pages publish, by rule name. */
export type RestLimitName =
  | 'requests-per-minute'
  | 'requests-per-hour'
  | 'card-creates-per-minute'
  | 'card-details-per-minute';

/** Overrides one quota; a field left out keeps the adapter's default. */
export interface RestLimitOverride {
  /** Requests admitted in any window. */
  readonly limit?: number | undefined;
  readonly windowMs?: number | undefined;
}

/** `limits` option of the dialect's adapters: `{ 'requests-per-minute': { limit: 500 } }`. */
export type RestLimitOverrides = { readonly [Name in RestLimitName]?: RestLimitOverride | undefined };

/** One published quota: at most `limit` requests in any sliding window of `windowMs` milliseconds. */
export interface RestQuota {
  /** Requests admitted in any window: a positive integer. */
  readonly limit: number;
  /** The window's length in milliseconds (60,000 for a per-minute quota). */
  readonly windowMs: number;
}

/** The operations each rule counts; `undefined`: every request. */
const ruleOperations: Readonly<Record<RestLimitName, readonly string[] | undefined>> = Object.freeze({
  'requests-per-minute': undefined,
  'requests-per-hour': undefined,
  'card-creates-per-minute': Object.freeze(['cards.create']),
  'card-details-per-minute': Object.freeze(['cards.details']),
});

/** Every rule name, in the order the adapters' limits list them (derived: a new rule cannot be left out). */
export const restLimitNames: readonly RestLimitName[] = Object.freeze(Object.keys(ruleOperations) as RestLimitName[]);

/**
 * The dialect's rate-limit rules from a provider's quotas: each rule named, and scoped to the operations it counts
 * (`card-creates-per-minute` counts `cards.create` only, `card-details-per-minute` counts `cards.details` only, the
 * others count every request). An adapter calls it with the numbers its provider's page publishes.
 */
export function restLimitRules(
  quotas: Readonly<Record<RestLimitName, RestQuota>>,
): Record<RestLimitName, RateLimitRule> {
  const rules = {} as Record<RestLimitName, RateLimitRule>;
  for (const name of restLimitNames) {
    const operations = ruleOperations[name];
    rules[name] = {
      name,
      limit: quotas[name].limit,
      windowMs: quotas[name].windowMs,
      ...(operations === undefined ? {} : { operations: [...operations] }),
    };
  }
  return rules;
}

/** The adapter's defaults with the user's overrides applied; an unknown rule name is a `ConfigError` naming it. */
export function resolveRestLimits(
  provider: string,
  defaults: Readonly<Record<RestLimitName, RateLimitRule>>,
  overrides: Readonly<Record<string, RestLimitOverride | undefined>> = {},
): RateLimitRule[] {
  for (const name of Object.keys(overrides)) {
    if (!(restLimitNames as readonly string[]).includes(name)) {
      throw new ConfigError(`${provider}: limits.${name} is not a known limit (known: ${restLimitNames.join(', ')}).`, {
        provider,
        option: `limits.${name}`,
      });
    }
  }
  return restLimitNames.map((name) => {
    const rule = defaults[name];
    const override = overrides[name];
    return {
      ...rule,
      ...(override?.limit === undefined ? {} : { limit: override.limit }),
      ...(override?.windowMs === undefined ? {} : { windowMs: override.windowMs }),
    };
  });
}
