import type { HttpHooks, Logger } from '../http/types.js';
import type { CardIssuer } from '../port/card-issuer.js';

/** What the gateway hands a provider factory besides its own options. */
export interface ProviderContext {
  /** Environment to read secrets from (`process.env` by default; injectable for tests). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly hooks?: HttpHooks | undefined;
  readonly logger?: Logger | undefined;
}

/**
 * How an adapter plugs into `createGateway`: each adapter package exports one (`acmeProvider`), and the
 * application passes the ones it uses, so unused adapters are tree-shaken and third-party adapters plug in alike.
 */
export interface ProviderDefinition {
  /** The `name` a config entry uses, and the id prefix of the issuer it builds: `acme`. */
  readonly name: string;
  /**
   * Builds the issuer from one config entry (everything but `name`), secrets already resolved from
   * `{ "env": "NAME" }` references to strings. Validates its options strictly: a missing or malformed option is a
   * `ConfigError` naming it (never echoing a secret).
   */
  create(options: Readonly<Record<string, unknown>>, context: ProviderContext): CardIssuer;
}

/** Identity helper that types an adapter's provider definition. */
export function defineProvider(definition: ProviderDefinition): ProviderDefinition {
  return definition;
}
