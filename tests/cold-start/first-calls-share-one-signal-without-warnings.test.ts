import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import walletBalance from '../../packages/adapter-privcards/src/fixtures/wallet-balance.json' with { type: 'json' };

// A fault a review found, fixed since; this test keeps it fixed. As it was: a burst of calls sharing one request-scoped AbortSignal must print no warning (issue 11: the pipeline
// subscribes to a caller's signal once, through http/abort-fan-out.ts). A process's FIRST calls wait for zod's load in
// validation/load-zod-for-call.ts, which adds one 'abort' listener per call straight onto the caller's signal: from
// the 11th concurrent first call Node prints `MaxListenersExceededWarning: Possible EventTarget memory leak detected`.

const burst = 20;
const slowLoadMs = 300;

const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);

beforeEach(() => {
  warnings.length = 0;
  process.on('warning', onWarning);
  vi.resetModules();
  vi.doMock('zod', async () => {
    await new Promise((resolve) => setTimeout(resolve, slowLoadMs));
    return vi.importActual('zod');
  });
});
afterEach(() => {
  process.off('warning', onWarning);
  vi.doUnmock('zod');
  vi.resetModules();
});

it(`${burst} concurrent first calls sharing one signal print no warning`, async () => {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(walletBalance));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { createPrivCards } = await import('@cardgw/adapter-privcards');
  const privcards = createPrivCards({
    apiKey: 'sk_test_sharedsignal00000000000000',
    baseUrl: `http://127.0.0.1:${port}/v1`,
  });
  const shared = new AbortController().signal; // one per incoming request of the application, say
  try {
    const outcomes = await Promise.allSettled(
      Array.from({ length: burst }, () => privcards.wallet.balance({ signal: shared })),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(burst).fill('fulfilled'));
    await new Promise((resolve) => setImmediate(resolve)); // Node emits its warnings on a later tick
    expect(warnings).toEqual([]);
  } finally {
    await privcards.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
