import { providerNamePattern } from '../domain/qualified-id.js';
import { asSentence } from '../errors/as-sentence.js';
import { ConfigError } from '../errors/config-error.js';
import {
  arrayOption,
  numberOption,
  type OptionRule,
  objectOption,
  oneOfOption,
  requiredOption,
} from '../validation/option-rules.js';

/**
 * Where a secret comes from: `{ "env": "ACME_API_KEY" }` is read from the environment when the gateway is built.
 * A literal string works too, but puts the secret in your config file: prefer the reference.
 */
export interface SecretReference {
  readonly env: string;
}

/**
 * One provider of a gateway: `name` picks the `ProviderDefinition`, every other key is that adapter's option
 * (validated by the adapter). Any option value `{ "env": "NAME" }`, at any depth, is replaced by the variable's value.
 */
export interface ProviderConfig {
  /** A registered provider's name (`acme`); it is also the prefix of every id the provider issues. */
  readonly name: string;
  readonly [option: string]: unknown;
}

/** The `failover` part of a `GatewayConfig`: provider order policy and circuit-breaker settings. */
export interface FailoverConfig {
  /** `ordered` (the configured order) or `round-robin` (new cards spread over the providers). @default 'ordered' */
  readonly policy?: 'ordered' | 'round-robin' | undefined;
  readonly breaker?:
    | {
        /** Consecutive provider failures that open a provider's circuit. @default 5 */
        readonly consecutiveFailures?: number | undefined;
        /** How long an open circuit skips its provider before probing it again. @default 30000 */
        readonly halfOpenAfterMs?: number | undefined;
      }
    | undefined;
}

/**
 * What `createGateway` builds an issuer from: a plain JSON-able object (a file, a secrets manager, or
 * `gatewayConfigFromEnv()`). The order of `providers` is the failover order.
 *
 * ```json
 * { "providers": [{ "name": "acme", "apiKey": { "env": "ACME_API_KEY" } }, { "name": "globex" }],
 *   "failover": { "breaker": { "consecutiveFailures": 5, "halfOpenAfterMs": 30000 } } }
 * ```
 */
export interface GatewayConfig {
  readonly providers: readonly ProviderConfig[];
  readonly failover?: FailoverConfig | undefined;
}

/** The composite's own name: no provider may take it. */
const reservedProviderNames = new Set(['failover']);

const nameRule = (rule: string) => ({ path: [], rule });

/** A provider name: a string, a slug, not the composite's own; the first rule it breaks is reported. */
const providerNameRule: OptionRule = (name) => {
  if (typeof name !== 'string') return nameRule('must be a provider name (a string)');
  if (!providerNamePattern.test(name)) {
    return nameRule('must be a provider name: lowercase letters, digits and dashes, like acme');
  }
  if (reservedProviderNames.has(name)) return nameRule('must not be "failover" (the composite\'s own name)');
  return undefined;
};

/** One provider entry: its `name`; every other key is the adapter's option, checked by the adapter. */
const providerEntryRule = objectOption(
  { name: requiredOption(providerNameRule, 'must be a provider name (a string)') },
  { unknownKeys: 'keep' },
);

const gatewayConfigRule = objectOption({
  providers: requiredOption(
    arrayOption(providerEntryRule, {
      rule: 'must be an array of provider entries',
      minItems: 1,
      tooFew: 'must list at least one provider',
    }),
    'must be an array of provider entries',
  ),
  failover: objectOption({
    policy: oneOfOption(['ordered', 'round-robin'], 'must be "ordered" or "round-robin"'),
    breaker: objectOption({
      consecutiveFailures: numberOption(
        { integer: true, min: 1, max: 10_000 },
        {
          type: 'must be a number',
          integer: 'must be an integer',
          min: 'must be at least 1',
          max: 'must be at most 10000',
        },
      ),
      halfOpenAfterMs: numberOption(
        { integer: true, min: 0, max: 86_400_000 },
        {
          type: 'must be a number',
          integer: 'must be an integer',
          min: 'must not be negative',
          max: 'must be at most a day (86400000)',
        },
      ),
    }),
  }),
});

/**
 * Validates a gateway config. Throws `ConfigError` naming the key path (`providers[1].name`); the message never
 * echoes a value (a misplaced secret stays out of logs). Duplicate provider names are refused: ids are qualified by
 * provider name, so a provider appears once.
 */
export function parseGatewayConfig(config: unknown): GatewayConfig {
  const issue = gatewayConfigRule(config);
  if (issue !== undefined) {
    const path = formatPath(issue.path);
    const subject = path || 'the config';
    // A misspelt key is named by its own path, not its parent's: `option` is what a caller branches on.
    const { unknownKey } = issue;
    const option = unknownKey === undefined ? path : path ? `${path}.${unknownKey}` : unknownKey;
    throw new ConfigError(asSentence(`gateway config: ${subject} ${issue.rule}`), { option: option || undefined });
  }
  const parsed = config as GatewayConfig;
  const seen = new Map<string, number>();
  for (const [index, provider] of parsed.providers.entries()) {
    const first = seen.get(provider.name);
    if (first !== undefined) {
      throw new ConfigError(
        `gateway config: providers[${index}].name repeats ${provider.name} (already providers[${first}]); ` +
          'a provider appears once, since ids are qualified by provider name.',
        { option: `providers[${index}].name` },
      );
    }
    seen.set(provider.name, index);
  }
  return parsed;
}

/**
 * Replaces every `{ "env": "NAME" }` in a provider entry's options with the variable's value. A variable that is
 * unset or empty is a `ConfigError` naming the key path and the variable, never a value.
 */
export function resolveSecretReferences(
  options: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  path: string,
): Record<string, unknown> {
  const resolve = (value: unknown, at: string): unknown => {
    if (isSecretReference(value)) {
      const resolved = env[value.env];
      if (resolved === undefined || resolved === '') {
        throw new ConfigError(`gateway config: ${at} refers to environment variable ${value.env}, which is not set.`, {
          option: at,
        });
      }
      return resolved;
    }
    if (Array.isArray(value)) return value.map((item, index) => resolve(item, `${at}[${index}]`));
    if (isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, `${at}.${key}`)]));
    }
    return value;
  };
  return Object.fromEntries(Object.entries(options).map(([key, value]) => [key, resolve(value, `${path}.${key}`)]));
}

export function isSecretReference(value: unknown): value is SecretReference {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'env' && typeof value.env === 'string';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `['providers', 0, 'apiKey']` → `providers[0].apiKey`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}
