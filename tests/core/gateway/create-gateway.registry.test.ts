import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../packages/core/src/errors/index.js';
import { type CreateGatewayOptions, createGateway } from '../../../packages/core/src/gateway/create-gateway.js';
import { defineProvider } from '../../../packages/core/src/gateway/provider-definition.js';

const config = { providers: [{ name: 'memory' }] };
const memoryProvider = defineProvider({ name: 'memory', create: () => createMemoryIssuer({ provider: 'memory' }) });

// A user from JavaScript, or one following the README's `createGateway(config)`, passes no registry or a wrong one.
const wrongRegistries: readonly [string, unknown][] = [
  ['no second argument', undefined],
  ['null', null],
  ['an object without providers', {}],
  ['one definition instead of an array', { providers: memoryProvider }],
  ['provider names instead of definitions', { providers: ['memory'] }],
  ['a hole in the array', { providers: [undefined] }],
  ['a definition without create', { providers: [{ name: 'memory' }] }],
];

describe('createGateway with a missing or malformed registry of providers', () => {
  it.each(wrongRegistries)('%s is a ConfigError naming providers, in a whole sentence', (_label, options) => {
    const build = () => createGateway(config, options as CreateGatewayOptions);
    expect(build).toThrow(ConfigError);
    try {
      build();
    } catch (error) {
      expect((error as ConfigError).option).toBe('providers');
      expect((error as ConfigError).message).toMatch(/registry|definitions/);
      expect((error as ConfigError).message).toMatch(/\.$/);
    }
  });

  it('still builds with a well-formed registry', async () => {
    const gateway = createGateway(config, { providers: [memoryProvider] });
    expect(gateway.provider).toBe('memory');
    await gateway.close();
  });
});
