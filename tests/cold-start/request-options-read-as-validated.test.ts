import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A fault a review found, fixed since; this test keeps it fixed. As it was: a call's options are validated by reading them as zod reads them (`options.signal`: a class's getter, an
// inherited key and a Proxy's `get` trap count), but handed on as spread copies (`{ ...options, timeoutMs }` in
// load-zod-for-call.ts, `{ ...options, [termsKey]: terms }` in call-terms.ts), which keep only OWN enumerable keys.
// A signal given any other way is checked, then dropped: aborting it does not stop the call, which runs to its
// deadline (5 s here) instead of ending at the abort (200 ms). Same on a process's first call and on later ones.

const abortAfterMs = 200;
const deadlineMs = 5_000;

const signalBearers: Record<string, (signal: AbortSignal) => object> = {
  'an inherited signal': (signal) => Object.create({ signal }) as object,
  'a class with a signal getter': (signal) =>
    new (class BalanceOptions {
      get signal(): AbortSignal {
        return signal;
      }
    })(),
  "a Proxy's get trap": (signal) =>
    new Proxy(
      {},
      { get: (_target, key) => (key === 'signal' ? signal : undefined), has: (_t, key) => key === 'signal' },
    ),
};

describe.each([
  ['the first call of a process (zod not loaded yet)', true],
  ['a call once zod is loaded', false],
])('%s', (_when, fresh) => {
  beforeEach(() => {
    if (fresh) vi.resetModules();
  });
  afterEach(() => vi.resetModules());

  it.each(Object.keys(signalBearers))('%s: aborting it ends the call', async (bearer) => {
    const hanging: ServerResponse[] = [];
    // Answers nothing: only the abort or the deadline can end the call.
    const server = createServer((_request, response) => hanging.push(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { createPrivCards } = await import('@cardgw/adapter-privcards');
    const privcards = createPrivCards({
      apiKey: 'sk_test_signalbearer00000000000000',
      baseUrl: `http://127.0.0.1:${port}/v1`,
      timeoutMs: deadlineMs,
    });
    try {
      const options = (signalBearers[bearer] as (signal: AbortSignal) => object)(AbortSignal.timeout(abortAfterMs));
      const started = performance.now();
      const error = await privcards.wallet.balance(options).then(
        () => undefined,
        (refusal: unknown) => refusal,
      );
      const elapsedMs = performance.now() - started;
      expect(error).toMatchObject({ name: 'TimeoutError', code: 'aborted' });
      expect(elapsedMs).toBeLessThan(deadlineMs / 2);
    } finally {
      await privcards.close();
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
