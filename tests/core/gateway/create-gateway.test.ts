import { inspect } from 'node:util';
import { createMemoryIssuer, type MemoryIssuer } from '@cardgw/adapter-memory';
import { describe, expect, it, vi } from 'vitest';
import { usd } from '../../../packages/core/src/domain/money.js';
import { ConfigError, ProviderUnavailableError } from '../../../packages/core/src/errors/index.js';
import { createGateway, type GatewayHooks } from '../../../packages/core/src/gateway/create-gateway.js';
import { gatewayConfigFromEnv } from '../../../packages/core/src/gateway/gateway-config-from-env.js';
import {
  defineProvider,
  type ProviderContext,
  type ProviderDefinition,
} from '../../../packages/core/src/gateway/provider-definition.js';

const sentinel = 'sk_test_SENTINEL_SECRET_987654';

interface Built {
  readonly options: Readonly<Record<string, unknown>>;
  readonly context: ProviderContext;
  readonly issuer: MemoryIssuer;
}

/** A provider definition over the in-memory issuer, validating its options the way an adapter does. */
function memoryProvider(name: string, built: Built[]): ProviderDefinition {
  const knownOptions = new Set(['apiKey', 'timeoutMs', 'settings']);
  return defineProvider({
    name,
    create(options, context) {
      for (const option of Object.keys(options)) {
        if (!knownOptions.has(option)) throw new ConfigError(`${name}: unknown option ${option}`, { option });
      }
      const apiKey = options.apiKey ?? context.env[`${name.toUpperCase()}_API_KEY`];
      if (typeof apiKey !== 'string') {
        throw new ConfigError(`${name}: apiKey is required (or ${name.toUpperCase()}_API_KEY)`, { option: 'apiKey' });
      }
      if (options.timeoutMs !== undefined && typeof options.timeoutMs !== 'number') {
        throw new ConfigError(`${name}: timeoutMs must be a number of milliseconds`, { option: 'timeoutMs' });
      }
      const issuer = createMemoryIssuer({ provider: name });
      built.push({ options, context, issuer });
      return issuer;
    },
  });
}

function providers(built: Built[] = []) {
  return [memoryProvider('alpha', built), memoryProvider('beta', built)];
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function expectNoSentinel(error: ConfigError): void {
  for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
    expect(text).not.toContain('SENTINEL');
  }
}

describe('createGateway', () => {
  it('builds one provider as a gateway that looks like that provider, with health()', async () => {
    const built: Built[] = [];
    const gateway = createGateway(
      { providers: [{ name: 'alpha', apiKey: { env: 'ALPHA_KEY' } }] },
      { providers: providers(built), env: { ALPHA_KEY: sentinel } },
    );
    expect(gateway.provider).toBe('alpha');
    expect(gateway.capabilities).toEqual(built[0]?.issuer.capabilities);
    expect(built[0]?.options).toEqual({ apiKey: sentinel });
    const card = await gateway.cards.create({ binId: '491653', amount: usd(10) });
    expect(card.id).toMatch(/^alpha:/);
    expect(gateway.health()).toEqual([{ provider: 'alpha', state: 'closed', consecutiveFailures: 0 }]);
  });

  it('builds several providers as the failover composite, in config order, with the configured breaker', async () => {
    const built: Built[] = [];
    const circuitChanges: unknown[] = [];
    const gateway = createGateway(
      {
        providers: [
          { name: 'beta', apiKey: 'sk_literal_allowed' },
          { name: 'alpha', apiKey: { env: 'ALPHA_KEY' }, timeoutMs: 5000 },
        ],
        failover: { breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 } },
      },
      {
        providers: providers(built),
        env: { ALPHA_KEY: sentinel },
        hooks: { onCircuitChange: (event) => circuitChanges.push(event) },
      },
    );
    expect(gateway.provider).toBe('failover');
    expect([...gateway.issuers.keys()]).toEqual(['beta', 'alpha']);
    expect(built.map((entry) => entry.options)).toEqual([
      { apiKey: 'sk_literal_allowed' },
      { apiKey: sentinel, timeoutMs: 5000 },
    ]);
    built[0]?.issuer.faults.failNext(
      'cards.create',
      new ProviderUnavailableError('refused', { code: 'connection_failed' }),
    );
    expect((await gateway.cards.create({ binId: '491653', amount: usd(10) })).provider).toBe('alpha');
    expect(circuitChanges).toEqual([{ provider: 'beta', state: 'open' }]);
    expect((await gateway.cards.create({ binId: '491653', amount: usd(10) })).provider).toBe('alpha');
  });

  it('hands every adapter the environment, the HTTP hooks and the logger', () => {
    const built: Built[] = [];
    const hooks: GatewayHooks = { onRequest: () => {} };
    const logger = { warn: () => {} };
    const env = { ALPHA_API_KEY: sentinel };
    createGateway({ providers: [{ name: 'alpha' }] }, { providers: providers(built), env, hooks, logger });
    expect(built[0]?.context).toEqual({ env, hooks, logger });
  });

  it('names the registered providers when the config names an unknown one', () => {
    const error = configError(() => createGateway({ providers: [{ name: 'gamma' }] }, { providers: providers() }));
    expect(error.option).toBe('providers[0].name');
    expect(error.message).toContain('gamma, which is not a registered provider (registered: alpha, beta)');
  });

  it('names the key path and the variable of an unset secret, never a value', () => {
    const error = configError(() =>
      createGateway(
        {
          providers: [
            { name: 'alpha', apiKey: { env: 'ALPHA_KEY' } },
            { name: 'beta', apiKey: { env: 'BETA_KEY' } },
          ],
        },
        { providers: providers(), env: { ALPHA_KEY: sentinel } },
      ),
    );
    expect(error.option).toBe('providers[1].apiKey');
    expect(error.message).toContain('BETA_KEY');
    expectNoSentinel(error);
  });

  it("re-throws the adapter's ConfigError with the key path in front", () => {
    const error = configError(() =>
      createGateway(
        {
          providers: [
            { name: 'alpha', apiKey: sentinel },
            { name: 'beta', apiKey: sentinel, timeoutMs: 'soon' },
          ],
        },
        { providers: providers() },
      ),
    );
    expect(error.option).toBe('providers[1].timeoutMs');
    expect(error.provider).toBe('beta');
    expect(error.message).toBe('gateway config: providers[1] (beta): timeoutMs must be a number of milliseconds.');
    expectNoSentinel(error);
  });

  it('names only the type of a foreign error from an adapter, whose message could hold a secret', () => {
    const leaky = defineProvider({
      name: 'alpha',
      create(options) {
        throw new TypeError(`cannot use key ${String(options.apiKey)}`);
      },
    });
    const error = configError(() =>
      createGateway({ providers: [{ name: 'alpha', apiKey: sentinel }] }, { providers: [leaky] }),
    );
    expect(error.message).toBe('gateway config: providers[0] (alpha): the provider could not be created (TypeError).');
    expectNoSentinel(error);
  });

  it('refuses a provider listed twice', () => {
    const error = configError(() =>
      createGateway({ providers: [{ name: 'alpha' }, { name: 'alpha' }] }, { providers: providers(), env: {} }),
    );
    expect(error.option).toBe('providers[1].name');
  });

  it('refuses two different definitions under one name', () => {
    expect(() =>
      createGateway(
        { providers: [{ name: 'alpha' }] },
        { providers: [memoryProvider('alpha', []), memoryProvider('alpha', [])] },
      ),
    ).toThrow('two provider definitions are named alpha');
  });

  it('refuses a definition whose issuer carries another name (its ids would not route back)', () => {
    const misnamed = defineProvider({ name: 'alpha', create: () => createMemoryIssuer({ provider: 'memory' }) });
    expect(() => createGateway({ providers: [{ name: 'alpha' }] }, { providers: [misnamed] })).toThrow(
      'provider definition alpha built an issuer named memory',
    );
  });

  it('closes the issuers it already built when a later provider cannot be built', () => {
    const built: Built[] = [];
    const close = vi.fn(async () => {});
    const alpha = defineProvider({
      name: 'alpha',
      create: () => Object.assign(createMemoryIssuer({ provider: 'alpha' }), { close }),
    });
    expect(() =>
      createGateway(
        { providers: [{ name: 'alpha' }, { name: 'beta' }] },
        { providers: [alpha, memoryProvider('beta', built)], env: {} },
      ),
    ).toThrow(ConfigError);
    expect(close).toHaveBeenCalledOnce();
  });

  it('runs the same application code against either provider, chosen by environment variables alone', async () => {
    const env = { CARDGW_ALPHA_API_KEY_ENV: 'ALPHA_SECRET', ALPHA_SECRET: sentinel, BETA_API_KEY: sentinel };
    const application = async (gateway: ReturnType<typeof createGateway>) => {
      const card = await gateway.cards.create({ bin: { network: 'visa' }, amount: usd(25) });
      await gateway.cards.fund(card.id, { amount: usd(5) });
      return (await gateway.cards.get(card.id)).id;
    };
    for (const provider of ['alpha', 'beta']) {
      const variables = { ...env, CARDGW_PROVIDERS: provider };
      const gateway = createGateway(gatewayConfigFromEnv(variables), { providers: providers(), env: variables });
      expect(await application(gateway)).toMatch(new RegExp(`^${provider}:card_`));
      await gateway.close();
    }
  });
});
