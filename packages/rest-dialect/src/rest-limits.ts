import type { RateLimitRule } from '@cardgw/core';
import { ConfigError } from '@cardgw/core';

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

const minute = 60_000;

/** The published family quotas: 1,000/minute, 10,000/hour, 50 card creates/minute, 30/minute on PAN/CVV details. */
export function restFamilyLimits(): Record<RestLimitName, RateLimitRule> {
  return {
    'requests-per-minute': { name: 'requests-per-minute', limit: 1_000, windowMs: minute },
    'requests-per-hour': { name: 'requests-per-hour', limit: 10_000, windowMs: 60 * minute },
    'card-creates-per-minute': {
      name: 'card-creates-per-minute',
      limit: 50,
      windowMs: minute,
      operations: ['cards.create'],
    },
    'card-details-per-minute': {
      name: 'card-details-per-minute',
      limit: 30,
      windowMs: minute,
      operations: ['cards.details'],
    },
  };
}

/** Every rule name, in the order the family's limits list them (derived: a new limit cannot be left out). */
export const restLimitNames: readonly RestLimitName[] = Object.freeze(
  Object.keys(restFamilyLimits()) as RestLimitName[],
);

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
