import { afterEach, beforeEach, expect, it, vi } from 'vitest';

// A webhook-only process whose first act is the synchronous `constructWebhookEvent` requires zod from node_modules
// (validation/zod.ts). In a bundle deployed without node_modules, or a CommonJS bundle where esbuild empties
// `import.meta`, that can fail: the refusal is a ConfigError naming the asynchronous receivers
// (`handleWebhookRequest`), never a ProviderResponseError blaming a valid, signed delivery, which it was before.
// Reproduce outside vitest: bundle a script calling constructWebhookEvent first with esbuild (`--format=esm` run from a
// directory without node_modules, or `--format=cjs`). Here `node:module`'s require cannot find zod, or its
// createRequire throws.

const secret = 'whsec_breaker0123456789abcdef0123456789';
const delivery = JSON.stringify({
  id: 'evt_1',
  type: 'card.frozen',
  created_at: '2026-12-01T04:00:00Z',
  data: { id: 'card_1', status: 'frozen', frozen_at: '2026-12-01T04:00:00Z' },
});

beforeEach(() => {
  vi.resetModules();
  const original = process.getBuiltinModule.bind(process);
  // zod is not on disk (a bundle deployed without node_modules): Node's require cannot find it.
  vi.spyOn(process, 'getBuiltinModule').mockImplementation(((id: string) => {
    if (id !== 'node:module') return original(id);
    return {
      createRequire: (path: unknown) => {
        // A CJS bundle: `import.meta.url` is undefined there, and Node's createRequire refuses it.
        if (requireFailure === 'createRequire throws') {
          throw new TypeError(
            `The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received ${String(path)}`,
          );
        }
        return (request: string) => {
          throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
        };
      },
    };
  }) as typeof process.getBuiltinModule);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

let requireFailure: 'zod not found' | 'createRequire throws' = 'zod not found';

it.each(['zod not found', 'createRequire throws'] as const)(
  'constructWebhookEvent first, %s: says zod could not be loaded, not that the provider sent bad data',
  async (failure) => {
    requireFailure = failure;
    const { isZodLoaded } = await import('../../packages/core/src/validation/zod.js');
    const { constructWebhookEvent, signWebhookPayload, ProviderResponseError, ConfigError } = await import(
      '@cardgw/core'
    );
    const { privcardsWebhookProfile } = await import('@cardgw/adapter-privcards');
    expect(isZodLoaded()).toBe(false);
    let refusal: unknown;
    try {
      constructWebhookEvent({
        ...privcardsWebhookProfile,
        payload: delivery,
        signature: signWebhookPayload(delivery, secret),
        secret,
      });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(Error);
    // The delivery is valid and signed: the provider is not at fault.
    expect(ProviderResponseError.isInstance(refusal)).toBe(false);
    // The message (or its cause) names the problem and the way out, as zod.ts words it.
    const messages = `${(refusal as Error).message} ${String(((refusal as Error).cause as Error | undefined)?.message)}`;
    expect(messages).toMatch(/zod, .* could not be loaded/);
    expect(messages).toMatch(/handleWebhookRequest/); // the way out that loads it as bundlers expect
    expect(ConfigError.isInstance(refusal)).toBe(true);
  },
);
