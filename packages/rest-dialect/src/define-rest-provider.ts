import { type CardIssuer, defineProvider, type ProviderDefinition } from '@cardgw/core';
import type { RestAdapterOptions } from './rest-adapter-options.js';

/**
 * An adapter of the dialect for `createGateway`: `defineRestProvider('acme', createAcme)`. A config entry
 * (everything but `name`) goes to the adapter's factory with the gateway's environment, and the gateway's hooks and
 * logger when it has them; the factory validates the entry strictly (an unknown or malformed option is a
 * `ConfigError` naming it).
 */
export function defineRestProvider<Options extends RestAdapterOptions>(
  name: string,
  create: (options: Options) => CardIssuer,
): ProviderDefinition {
  return defineProvider({
    name,
    create(options, context) {
      // Typed `unknown` per entry until the factory's strict parser has checked them.
      const entry = {
        ...options,
        env: context.env,
        hooks: context.hooks ?? options.hooks,
        logger: context.logger ?? options.logger,
      };
      return create(entry as Options);
    },
  });
}
