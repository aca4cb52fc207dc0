import { afterEach, beforeEach, expect, it, vi } from 'vitest';

// When zod cannot be loaded (a broken installation, a deployment that pruned it, a bundle that marked it external), a
// call is refused with the library's ConfigError, outcome `not_sent`, as when axios cannot be loaded
// (http/transport.ts). Before validation/load-zod-for-call.ts, every call rejected with Node's raw
// ERR_MODULE_NOT_FOUND: no code, no provider, no outcome, so an application could not tell that nothing was sent.

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
  const privcards = createPrivCards({ apiKey: 'sk_test_zodmissing0000000000000000', baseUrl: 'http://127.0.0.1:9' });
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
