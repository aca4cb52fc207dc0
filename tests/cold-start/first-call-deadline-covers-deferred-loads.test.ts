import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// `timeoutMs` is the whole deadline of a call and a signal aborts it, including the libraries the first call loads:
// zod (validation/load-zod-for-call.ts) and axios (http/transport.ts). A cold disk or a busy machine makes those loads
// slow (80–250 ms measured here); before zod's load moved inside the call, a first call with `timeoutMs: 150` took
// 238 ms. Each library's load is made slow (2 s) here, so the bounds below hold on any machine.

const slowLoadMs = 2_000;

describe.each(['zod', 'axios'])('the first call while %s loads', (library) => {
  beforeEach(() => {
    vi.resetModules();
    vi.doMock(library, async () => {
      await new Promise((resolve) => setTimeout(resolve, slowLoadMs));
      return vi.importActual(library);
    });
  });
  afterEach(() => {
    vi.doUnmock(library);
    vi.resetModules();
  });

  async function firstCall(options: { timeoutMs?: number; signal?: AbortSignal }) {
    const { createPrivCards } = await import('@cardgw/adapter-privcards');
    // Nothing listens on port 9: the call cannot succeed, only be refused; what matters is when.
    const privcards = createPrivCards({ apiKey: 'sk_test_deadline00000000000000000', baseUrl: 'http://127.0.0.1:9' });
    const started = performance.now();
    try {
      const error = await privcards.wallet.balance(options).then(
        () => undefined,
        (refusal: unknown) => refusal,
      );
      return { error, elapsedMs: performance.now() - started };
    } finally {
      await privcards.close();
    }
  }

  it('honours timeoutMs', async () => {
    const { error, elapsedMs } = await firstCall({ timeoutMs: 100 });
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(elapsedMs).toBeLessThan(slowLoadMs / 2);
  });

  it('honours its signal', async () => {
    const { error, elapsedMs } = await firstCall({ signal: AbortSignal.timeout(100) });
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(elapsedMs).toBeLessThan(slowLoadMs / 2);
  });
});
