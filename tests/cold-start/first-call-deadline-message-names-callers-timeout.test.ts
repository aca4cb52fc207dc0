import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A fault a review found, fixed since; this test keeps it fixed. As it was: a first call pays zod's load inside its deadline (validation/load-zod-for-call.ts), then goes on with a
// COPY of its options whose `timeoutMs` is what the load left. When the request then runs out of time, the
// TimeoutError says "the deadline of <that remainder> ms passed": a number the caller never wrote. The caller asked
// for 1500 ms; the message must name 1500 ms, as it does on every later call. The deadline itself is honoured (the
// call ends near 1500 ms after it was made): only its report is wrong.

const slowLoadMs = 300;
const callerTimeoutMs = 1_500;
const apiKey = 'sk_test_deadlinemsg000000000000000';

beforeEach(() => {
  vi.resetModules();
  vi.doMock('zod', async () => {
    await new Promise((resolve) => setTimeout(resolve, slowLoadMs));
    return vi.importActual('zod');
  });
});
afterEach(() => {
  vi.doUnmock('zod');
  vi.resetModules();
});

type Balance = { wallet: { balance(options: { timeoutMs: number }): Promise<unknown> }; close(): Promise<void> };

const issuers: Record<string, (baseUrl: string) => Promise<Balance>> = {
  'a PrivCards adapter': async (baseUrl) => {
    const { createPrivCards } = await import('@cardgw/adapter-privcards');
    return createPrivCards({ apiKey, baseUrl });
  },
  'a gateway of one provider (the README snippet)': async (baseUrl) => {
    const { createGateway } = await import('@cardgw/core');
    const { privcardsProvider } = await import('@cardgw/adapter-privcards');
    const gateway = createGateway(
      { providers: [{ name: 'privcards', apiKey, baseUrl }] },
      { providers: [privcardsProvider] },
    );
    return gateway as unknown as Balance;
  },
};

describe.each(Object.keys(issuers))('%s', (name) => {
  it("a first call's deadline error names the caller's timeoutMs, not what zod's load left of it", async () => {
    const hanging: ServerResponse[] = [];
    // Answers nothing: every attempt waits until the call's deadline.
    const server = createServer((_request, response) => hanging.push(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const issuer = await (issuers[name] as (baseUrl: string) => Promise<Balance>)(`http://127.0.0.1:${port}/v1`);
    try {
      const error = await issuer.wallet.balance({ timeoutMs: callerTimeoutMs }).then(
        () => undefined,
        (refusal: unknown) => refusal,
      );
      expect(error).toMatchObject({ name: 'TimeoutError' });
      expect((error as Error).message).toContain(`${callerTimeoutMs} ms`);
    } finally {
      await issuer.close();
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
