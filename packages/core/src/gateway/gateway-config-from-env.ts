import { ConfigError } from '../errors/config-error.js';
import { environmentRule, isRecordLike } from '../validation/record-options.js';
import { type GatewayConfig, parseGatewayConfig } from './gateway-config.js';

const prefix = 'CARDGW_';
const providersVariable = `${prefix}PROVIDERS`;
const failoverPrefix = `${prefix}FAILOVER_`;
const secretSuffix = '_ENV';
const variableNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Builds a `GatewayConfig` from environment variables, with no knowledge of any adapter's options:
 *
 * - `CARDGW_PROVIDERS=acme,globex`: the providers, in failover order (required).
 * - `CARDGW_<NAME>_<OPTION>=value`: option `<option>` (camelCased: `CARDGW_ACME_BASE_URL` → `baseUrl`) of
 *   provider `<name>` (dashes in a name become underscores: `my-bank` → `CARDGW_MY_BANK_…`). Values `true`/`false`
 *   become booleans, decimal numbers become numbers, values starting with `{` or `[` are parsed as JSON; anything else
 *   stays a string.
 * - `CARDGW_<NAME>_<OPTION>_ENV=VARIABLE`: a secret, kept as the reference `{ env: 'VARIABLE' }` and read from the
 *   environment by `createGateway` (`CARDGW_ACME_API_KEY_ENV=ACME_API_KEY` → `apiKey: { env: … }`). An adapter
 *   given no secret option reads its own variable (`ACME_API_KEY`, `GLOBEX_SEED`) from the same environment.
 * - `CARDGW_FAILOVER_POLICY` (`ordered` | `round-robin`), `CARDGW_FAILOVER_CONSECUTIVE_FAILURES`,
 *   `CARDGW_FAILOVER_HALF_OPEN_AFTER_MS`: `failover` settings.
 *
 * Variables of providers not listed in `CARDGW_PROVIDERS` are ignored, so the settings of several providers can sit
 * side by side and the list alone swaps them. Empty values count as unset. Errors name variables, never values.
 *
 * `env` is `process.env` by default; any object of variables works (a plain, null-prototype or `Proxy` object).
 * Throws `ConfigError` for a missing or malformed variable, or an `env` that is not an object.
 */
export function gatewayConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): GatewayConfig {
  if (!isRecordLike(env)) {
    throw new ConfigError(`gatewayConfigFromEnv: env ${environmentRule}.`, { option: 'env' });
  }
  const listed = env[providersVariable]?.trim();
  if (!listed) {
    throw new ConfigError(`${providersVariable} is not set: list the providers, e.g. acme,globex.`, {
      option: providersVariable,
    });
  }
  const names = listed
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 0) {
    throw new ConfigError(`${providersVariable} lists no provider.`, { option: providersVariable });
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) {
    throw new ConfigError(
      `${providersVariable} lists ${repeated} twice; a provider appears once, since ids are qualified by provider name.`,
      { option: providersVariable },
    );
  }
  const options = new Map(names.map((name) => [name, {} as Record<string, unknown>]));
  // Longest prefix first: `my-bank`'s variables must not be read as option `BANK_…` of a provider named `my`.
  const prefixes = names
    .map((name) => ({ name, variablePrefix: `${prefix}${name.toUpperCase().replaceAll('-', '_')}_` }))
    .sort((left, right) => right.variablePrefix.length - left.variablePrefix.length);

  const failover: { policy?: string; breaker?: Record<string, unknown> } = {};
  for (const variable of Object.keys(env).sort()) {
    const value = env[variable];
    if (!variable.startsWith(prefix) || variable === providersVariable || value === undefined || value === '') continue;
    const owner = prefixes.find((candidate) => variable.startsWith(candidate.variablePrefix));
    if (!owner) {
      // No provider may be named `failover`, so this prefix is the composite's own.
      if (variable.startsWith(failoverPrefix)) readFailoverVariable(variable, value, failover);
      continue;
    }
    const rest = variable.slice(owner.variablePrefix.length);
    if (rest === '') continue;
    const providerOptions = options.get(owner.name) as Record<string, unknown>;
    const isSecret = rest.endsWith(secretSuffix) && rest.length > secretSuffix.length;
    const option = camelCase(isSecret ? rest.slice(0, -secretSuffix.length) : rest);
    if (option in providerOptions) {
      throw new ConfigError(
        `${variable} sets option ${option} of ${owner.name} a second time (with and without _ENV).`,
        {
          option: variable,
        },
      );
    }
    if (isSecret) {
      if (!variableNamePattern.test(value)) {
        throw new ConfigError(`${variable} must name an environment variable (letters, digits, underscores).`, {
          option: variable,
        });
      }
      providerOptions[option] = { env: value };
    } else {
      providerOptions[option] = parseValue(variable, value);
    }
  }

  try {
    return parseGatewayConfig({
      providers: names.map((name) => ({ ...options.get(name), name })),
      ...(Object.keys(failover).length > 0 ? { failover } : {}),
    });
  } catch (error) {
    throw ConfigError.isInstance(error) ? inTermsOfVariables(error) : error;
  }
}

/**
 * The config's key paths mean little to someone setting variables: name the variable instead, with the rule the
 * value broke (`CARDGW_FAILOVER_POLICY must be "ordered" or "round-robin".`).
 */
function inTermsOfVariables(error: ConfigError): ConfigError {
  const option = error.option ?? '';
  const rule = error.message.startsWith(`gateway config: ${option} `)
    ? error.message.slice(`gateway config: ${option} `.length)
    : undefined;
  const entry = /^providers\[(\d+)\]\.name$/.exec(option);
  if (entry && rule !== undefined) {
    return new ConfigError(`${providersVariable}: entry ${Number(entry[1]) + 1} ${rule}`, {
      option: providersVariable,
      cause: error,
    });
  }
  if (option.startsWith('failover.') && rule !== undefined) {
    const variable = `${failoverPrefix}${screamingCase(option.slice(option.lastIndexOf('.') + 1))}`;
    return new ConfigError(`${variable} ${rule}`, { option: variable, cause: error });
  }
  return error;
}

/** `halfOpenAfterMs` → `HALF_OPEN_AFTER_MS`. */
function screamingCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

function readFailoverVariable(
  variable: string,
  value: string,
  failover: { policy?: string; breaker?: Record<string, unknown> },
): void {
  const setting = variable.slice(failoverPrefix.length);
  if (setting === 'POLICY') {
    failover.policy = value.trim();
  } else if (setting === 'CONSECUTIVE_FAILURES' || setting === 'HALF_OPEN_AFTER_MS') {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
      throw new ConfigError(`${variable} must be a whole number.`, { option: variable });
    }
    failover.breaker = { ...failover.breaker, [camelCase(setting)]: number };
  } else {
    throw new ConfigError(
      `${variable} is not a failover setting (known: ${failoverPrefix}POLICY, ${failoverPrefix}CONSECUTIVE_FAILURES, ` +
        `${failoverPrefix}HALF_OPEN_AFTER_MS).`,
      { option: variable },
    );
  }
}

/** `BASE_URL` → `baseUrl`. */
function camelCase(screaming: string): string {
  return screaming
    .toLowerCase()
    .split('_')
    .filter((part) => part !== '')
    .map((part, index) => (index === 0 ? part : `${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`))
    .join('');
}

function parseValue(variable: string, value: string): unknown {
  const trimmed = value.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (/^-?\d{1,15}(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      throw new ConfigError(`${variable} starts like JSON but is not valid JSON.`, { option: variable });
    }
  }
  return value;
}
