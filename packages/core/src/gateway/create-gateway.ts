import { asSentence } from '../errors/as-sentence.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { ConfigError } from '../errors/config-error.js';
import type { HttpHooks, Logger } from '../http/types.js';
import type { CardIssuer } from '../port/card-issuer.js';
import { environmentRule, isRecordLike } from '../validation/record-options.js';
import type { CreationKeyLedger } from './creation-key-ledger.js';
import { createFailoverIssuer, type FailoverHooks, type FailoverIssuer } from './failover-issuer.js';
import { type GatewayConfig, parseGatewayConfig, resolveSecretReferences } from './gateway-config.js';
import type { ProviderDefinition } from './provider-definition.js';
import type { ProviderOrderPolicy } from './provider-order.js';

/** Every hook of the gateway: the HTTP pipeline's (handed to each adapter) and the failover composite's. */
export interface GatewayHooks extends HttpHooks, FailoverHooks {}

/** The code-side half of `createGateway`: the adapters, the environment, hooks, logger and order policy. */
export interface CreateGatewayOptions {
  /**
   * The adapters the application uses (`[acmeProvider, globexProvider]`): there is no global registry, so
   * unused adapters are tree-shaken and a third-party adapter plugs in the same way.
   */
  readonly providers: readonly ProviderDefinition[];
  /**
   * Where `{ "env": "NAME" }` references (and the adapters' own defaults) are read: `process.env`, or any object of
   * variables (plain, null-prototype, frozen or a `Proxy`). Another value is a `ConfigError`. @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly hooks?: GatewayHooks | undefined;
  /** pino-style logger, handed to every adapter and to the failover composite. @default none */
  readonly logger?: Logger | undefined;
  /** A custom provider order, overriding `config.failover.policy`. @default the config's policy */
  readonly policy?: ProviderOrderPolicy | undefined;
  /**
   * Where creation idempotency keys are claimed and recorded with their provider (see `FailoverIssuerOptions.ledger`).
   * Pass one `createRedisCreationKeyLedger({ redis })` to every process so a key repeated anywhere reaches one provider.
   * @default an in-memory ledger of this gateway (keys kept 24 hours)
   */
  readonly ledger?: CreationKeyLedger | undefined;
}

/** The issuer the application holds: a `CardIssuer`, plus `health()`, `wallets` and the member `issuers`. */
export type Gateway = FailoverIssuer;

/**
 * Builds the issuer an application codes against from a JSON-able config (see `GatewayConfig`). Always the failover
 * composite, even over one provider, so `health()`, the circuit breaker, hooks and `AmbiguousOutcomeError` behave the
 * same whatever the config; with one provider its `provider` and capabilities are that provider's.
 *
 * Throws `ConfigError` (naming the key path, never a value) for an invalid config, an unknown or repeated provider
 * name, an unset `{ "env" }` variable, or options the adapter refuses.
 */
export function createGateway(config: GatewayConfig, options: CreateGatewayOptions): Gateway {
  const parsed = parseGatewayConfig(config);
  // Checked before any use: from JavaScript, `createGateway(config)` alone would otherwise be a TypeError.
  if (!isRecordLike(options)) throw new ConfigError(registryRule, { option: 'providers' });
  const env = options.env ?? process.env;
  // Checked here, once: the adapters are handed it as their own `env`, an option the caller never wrote.
  if (!isRecordLike(env)) throw new ConfigError(`createGateway: the env option ${environmentRule}.`, { option: 'env' });
  const definitions = registeredDefinitions(options.providers);
  const issuers: CardIssuer[] = [];
  try {
    for (const [index, entry] of parsed.providers.entries()) {
      const path = `providers[${index}]`;
      const definition = definitions.get(entry.name);
      if (!definition) {
        const known = [...definitions.keys()].join(', ') || 'none';
        throw new ConfigError(
          `gateway config: ${path}.name is ${entry.name}, which is not a registered provider (registered: ${known}).`,
          {
            option: `${path}.name`,
          },
        );
      }
      // Every enumerable key but the name, inherited ones included: the adapter then refuses what it does not know,
      // as it would the same options given to it directly (a rest spread would keep only own keys).
      const entryOptions: Record<string, unknown> = {};
      for (const key in entry) if (key !== 'name') entryOptions[key] = entry[key];
      const providerOptions = resolveSecretReferences(entryOptions, env, path);
      const issuer = buildIssuer(definition, providerOptions, path, {
        env,
        hooks: options.hooks,
        logger: options.logger,
      });
      issuers.push(issuer);
      if (issuer.provider !== entry.name) {
        throw new ConfigError(
          `provider definition ${entry.name} built an issuer named ${issuer.provider}, so ids would not route back to it.`,
          { option: `${path}.name` },
        );
      }
    }
  } catch (error) {
    // Issuers already built may hold sockets and timers.
    for (const issuer of issuers) void issuer.close().catch(() => {});
    throw error;
  }
  const breaker = parsed.failover?.breaker;
  return createFailoverIssuer(issuers, {
    policy: options.policy ?? parsed.failover?.policy,
    breaker,
    hooks: options.hooks,
    logger: options.logger,
    provider: issuers.length === 1 ? issuers[0]?.provider : undefined,
    ledger: options.ledger,
  });
}

const registryRule =
  'createGateway needs the provider definitions as its second argument, a registry like { providers: [acmeProvider, globexProvider] }.';

function registeredDefinitions(definitions: readonly ProviderDefinition[]): Map<string, ProviderDefinition> {
  if (!Array.isArray(definitions)) throw new ConfigError(registryRule, { option: 'providers' });
  const byName = new Map<string, ProviderDefinition>();
  for (const definition of definitions as readonly unknown[]) {
    if (!isProviderDefinition(definition)) {
      throw new ConfigError(
        'createGateway: every entry of the registry must be a provider definition (such as acmeProvider), an object with a name and a create function, not a provider name.',
        { option: 'providers' },
      );
    }
    if (byName.has(definition.name) && byName.get(definition.name) !== definition) {
      throw new ConfigError(`two provider definitions are named ${definition.name}.`, { option: 'providers' });
    }
    byName.set(definition.name, definition);
  }
  return byName;
}

function isProviderDefinition(value: unknown): value is ProviderDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProviderDefinition).name === 'string' &&
    typeof (value as ProviderDefinition).create === 'function'
  );
}

function buildIssuer(
  definition: ProviderDefinition,
  providerOptions: Record<string, unknown>,
  path: string,
  context: Parameters<ProviderDefinition['create']>[1],
): CardIssuer {
  try {
    return definition.create(providerOptions, context);
  } catch (error) {
    if (ConfigError.isInstance(error)) {
      const option = error.option === undefined ? path : `${path}.${error.option}`;
      // The adapter's message starts with its own name, which the prefix already gives.
      const reason = error.message.startsWith(`${definition.name}: `)
        ? error.message.slice(definition.name.length + 2)
        : error.message;
      throw new ConfigError(asSentence(`gateway config: ${path} (${definition.name}): ${reason}`), {
        option,
        provider: definition.name,
        cause: error,
      });
    }
    if (CardGatewayError.isInstance(error)) throw error;
    // A foreign error's message could hold anything (an option's value): name its type only.
    const kind = error instanceof Error ? error.name : typeof error;
    throw new ConfigError(
      `gateway config: ${path} (${definition.name}): the provider could not be created (${kind}).`,
      {
        option: path,
        provider: definition.name,
      },
    );
  }
}
