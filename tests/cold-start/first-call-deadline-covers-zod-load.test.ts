import { afterEach, beforeEach, expect, it, vi } from 'vitest';

// Found by the breaker (cold-start review). `timeoutMs` is documented as the total deadline per call (the adapters'
// READMEs: "Total deadline per call, retries and limiter waits included"), and a signal aborts a call. Since zod loads
// with the first call, http-client.ts awaits `loadZod()` BEFORE the call begins (`begin(request)` starts the deadline
// and watches the signal), so neither covers the load: a first call whose zod load is slow (a cold Lambda disk, a
// loaded machine: measured 80-250 ms here) runs past its deadline and ignores its signal until zod is in. Measured with
// the packed tarballs against the simulator: `timeoutMs: 150`, first `cards.create` resolved after 238 ms; the second
// took 5 ms. Here zod's load is made slow (2 s) so the bounds below hold on any machine.

const zodLoadMs = 2_000;

beforeEach(() => {
  vi.resetModules();
  vi.doMock('zod', async () => {
    await new Promise((resolve) => setTimeout(resolve, zodLoadMs));
    return vi.importActual('zod');
  });
});
afterEach(() => {
  vi.doUnmock('zod');
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

it('the first call honours timeoutMs while zod loads', async () => {
  const { error, elapsedMs } = await firstCall({ timeoutMs: 100 });
  expect(error).toMatchObject({ name: 'TimeoutError' });
  expect(elapsedMs).toBeLessThan(zodLoadMs / 2);
});

it('the first call honours its signal while zod loads', async () => {
  const { error, elapsedMs } = await firstCall({ signal: AbortSignal.timeout(100) });
  expect(error).toMatchObject({ name: 'TimeoutError' });
  expect(elapsedMs).toBeLessThan(zodLoadMs / 2);
});
