import { createMemoryIssuer } from '@cardgw/adapter-memory';
import type { HttpHooks, Logger } from '@cardgw/core/provider-utils';
import { describe, expect, it } from 'vitest';
import { defineRestProvider } from './define-rest-provider.js';
import type { RestAdapterOptions } from './rest-adapter-options.js';

describe('defineRestProvider', () => {
  it('hands the factory the config entry with the gateway’s environment, hooks and logger', () => {
    const received: RestAdapterOptions[] = [];
    const provider = defineRestProvider('testpay', (options: RestAdapterOptions) => {
      received.push(options);
      return createMemoryIssuer({ provider: 'testpay' });
    });
    const gatewayHooks: HttpHooks = { onRequest: () => {} };
    const gatewayLogger: Logger = { debug: () => {} };
    const entryHooks: HttpHooks = { onRetry: () => {} };
    const env = { TESTPAY_TOKEN: 'tok_1' };

    const issuer = provider.create(
      { timeoutMs: 5_000, hooks: entryHooks, env: { IGNORED: 'x' } },
      { env, hooks: gatewayHooks, logger: gatewayLogger },
    );
    provider.create({ hooks: entryHooks }, { env });

    expect(provider.name).toBe('testpay');
    expect(issuer.provider).toBe('testpay');
    expect(received[0]).toEqual({ timeoutMs: 5_000, env, hooks: gatewayHooks, logger: gatewayLogger });
    expect(received[1]).toEqual({ env, hooks: entryHooks, logger: undefined });
  });
});
