import { afterEach, beforeEach, expect, it, vi } from 'vitest';

// Found by the breaker (cold-start review). When zod cannot be loaded (a broken installation, a deployment that
// pruned it, a bundle that marked it external), the process now starts, and every call rejects with Node's raw
//   Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'zod' imported from …/core/dist/validation/zod.js
// which is not one of the library's errors: `CardGatewayError.isInstance` is false, there is no `code`, no `provider`
// and no `outcome`, so an application cannot tell that nothing was sent. The same failure for axios, the other library
// loaded by the first call, is a typed ConfigError ("the HTTP library (axios) could not be loaded", outcome
// `not_sent`: packages/core/src/http/transport.ts). Reproduce with the packed tarballs: `npm install` them, remove
// node_modules/zod, and make any call (here `cards.get`): http-client.ts awaits `loadZod()` outside its try.

beforeEach(() => {
  vi.resetModules();
  vi.doMock('zod', () => {
    throw Object.assign(new Error("Cannot find package 'zod'"), { code: 'ERR_MODULE_NOT_FOUND' });
  });
});
afterEach(() => {
  vi.doUnmock('zod');
  vi.resetModules();
});

it('a first call when zod cannot be loaded is refused with a typed error saying so, nothing sent', async () => {
  const { CardGatewayError } = await import('@cardgw/core');
  const { createPrivCards } = await import('@cardgw/adapter-privcards');
  // Nothing listens on port 9: no request may be sent anyway.
  const privcards = createPrivCards({ apiKey: 'sk_test_breaker000000000000000000', baseUrl: 'http://127.0.0.1:9' });
  try {
    const refusal = await privcards.cards.get('privcards:card_1').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(String(refusal), 'the refusal').not.toBe('undefined');
    expect(CardGatewayError.isInstance(refusal), String(refusal)).toBe(true);
    expect(refusal).toMatchObject({ provider: 'privcards', outcome: 'not_sent' });
    expect((refusal as Error).message).toMatch(/zod/);
  } finally {
    await privcards.close();
  }
});
