import { afterEach, beforeEach, expect, it, vi } from 'vitest';

// Found by the breaker (cold-start review). A Lambda-style deployment: the app is bundled with esbuild (platform node,
// esm or cjs) and node_modules is not shipped. zod is in the bundle (through the dynamic `import('zod')`), but the
// synchronous fallback `createRequire(import.meta.url)('zod')` finds nothing on disk. A webhook-only process whose
// first act is `constructWebhookEvent` then gets
//   ProviderResponseError: the data of a card.frozen webhook event could not be read (Error)
// with no cause: it blames the provider's data (a valid, signed delivery), and the clear message zod.ts writes
// ("zod could not be loaded synchronously; use the asynchronous API …") is swallowed by build-webhook-event.ts's
// mapEventData, which turns every foreign error of a mapper into a ProviderResponseError keeping only its name.
// A CommonJS bundle (`esbuild --format=cjs`, the default of AWS CDK's NodejsFunction and serverless-esbuild) fails the
// same way EVEN WITH zod in node_modules: esbuild empties `import.meta` in CJS output, so `createRequire(undefined)`
// throws before zod is looked for.
// Reproduce outside vitest with the packed tarballs installed: bundle a script calling constructWebhookEvent first with
// `esbuild app.mjs --bundle --platform=node --format=esm` and run it from a directory without node_modules, or with
// `--format=cjs` and run it anywhere.
// Here the failure is simulated by a `node:module` whose require cannot find zod, or whose createRequire throws.

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
