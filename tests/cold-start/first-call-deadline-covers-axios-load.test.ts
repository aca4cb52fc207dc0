import { afterEach, beforeEach, expect, it, vi } from 'vitest';

// The control for first-call-deadline-covers-zod-load.test.ts (breaker, cold-start review): axios, the other library
// loaded by the first call (packages/core/src/http/transport.ts), is loaded inside the call, so the call's deadline
// and signal cover it. This passes; its zod twin fails. Here axios's load is made slow (2 s).

const axiosLoadMs = 2_000;

beforeEach(() => {
  vi.resetModules();
  vi.doMock('axios', async () => {
    await new Promise((resolve) => setTimeout(resolve, axiosLoadMs));
    return vi.importActual('axios');
  });
});
afterEach(() => {
  vi.doUnmock('axios');
  vi.resetModules();
});

async function firstCall(options: { timeoutMs?: number; signal?: AbortSignal }) {
  const { createPrivCards } = await import('@cardgw/adapter-privcards');
  // Nothing listens on port 9: the call cannot succeed, only be refused; what matters is when.
  const privcards = createPrivCards({ apiKey: 'sk_test_breaker000000000000000000', baseUrl: 'http://127.0.0.1:9' });
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

it('the first call honours timeoutMs while axios loads', async () => {
  const { error, elapsedMs } = await firstCall({ timeoutMs: 100 });
  expect(error).toMatchObject({ name: 'TimeoutError' });
  expect(elapsedMs).toBeLessThan(axiosLoadMs / 2);
});

it('the first call honours its signal while axios loads', async () => {
  const { error, elapsedMs } = await firstCall({ signal: AbortSignal.timeout(100) });
  expect(error).toMatchObject({ name: 'TimeoutError' });
  expect(elapsedMs).toBeLessThan(axiosLoadMs / 2);
});
