import { afterEach, describe, expect, it, vi } from 'vitest';

// A fault a review found, fixed since; this test keeps it fixed. As it was: `isAbortSignal` (validation/request-options.ts) accepts any object with a boolean `aborted` and an
// `addEventListener` ("or behaves as one"), so validation lets `{ aborted: false, addEventListener() {} }` through;
// the first call's zod wait (load-zod-for-call.ts, `signal?.removeEventListener`) and the pipeline then call
// `removeEventListener` on it and the caller gets a bare TypeError. Either the options are refused with an
// InvalidRequestError naming `signal`, or the call proceeds: never a TypeError.

afterEach(() => vi.resetModules());

describe.each([
  ['the first call of a process (zod not loaded yet)', true],
  ['a call once zod is loaded', false],
])('%s', (_when, fresh) => {
  it('a signal-like object without removeEventListener gets a typed answer, not a TypeError', async () => {
    if (fresh) vi.resetModules();
    const { CardGatewayError } = await import('@cardgw/core');
    const { createPrivCards } = await import('@cardgw/adapter-privcards');
    // Nothing listens on port 9 (discard): the call can only be refused, by validation or by the connection.
    const privcards = createPrivCards({
      apiKey: 'sk_test_signallike0000000000000000',
      baseUrl: 'http://127.0.0.1:9',
      maxRetries: 0,
    });
    const signalLike = { aborted: false, addEventListener: () => undefined };
    try {
      const error = await privcards.wallet
        .balance({ signal: signalLike as unknown as AbortSignal, timeoutMs: 1_000 })
        .then(
          () => undefined,
          (refusal: unknown) => refusal,
        );
      expect(error, String(error)).not.toBeInstanceOf(TypeError);
      expect(CardGatewayError.isInstance(error), String(error)).toBe(true);
    } finally {
      await privcards.close();
    }
  });
});
