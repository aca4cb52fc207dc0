import https from 'node:https';
import { createPrivCards } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { createAdapterOptionsParser } from '@cardgw/rest-dialect';
import { afterEach, expect, it, vi } from 'vitest';

// Found by the breaker (cold-start review). Before the change, an adapter's options went through a zod strictObject,
// which reads every option with `input[key]` (an own property, a getter on a class's prototype, a Proxy's get trap)
// and returns a new object holding what it read. Since options are checked by option-rules.ts, the rule still reads
// `input[key]` (so the value is validated), but `parseAdapterOptions` returns the caller's object and
// `createAdapterOptionsParser` copies it with a rest spread (`{ [credential]: given, ...options }`), which keeps only
// OWN enumerable properties. An option given by a getter (a config class) or a Proxy (a lazy config object) is
// validated and then silently dropped: the default is used instead. For `baseUrl` that means a key meant for a
// simulator, a sandbox host or a proxy goes to the provider's production URL (https://api.privcards.com/v1).
// At 9b8109c (zod) both tests below pass. (A Proxy with only a get trap was refused before too: not a regression.)

const token = {
  option: 'token',
  envVar: 'TESTPAY_TOKEN',
  pattern: /^tok_[a-z0-9]{8,}$/,
  expected: 'tok_ followed by at least 8 lowercase letters or digits',
} as const;

it('the options parser keeps an option given by a getter of a config class', () => {
  const parse = createAdapterOptionsParser('testpay', token);
  class TestPayConfig {
    get token() {
      return 'tok_sentinel123';
    }
    get baseUrl() {
      return 'https://sandbox.testpay.test/v1';
    }
    get timeoutMs() {
      return 1_234;
    }
  }
  const { options } = parse(new TestPayConfig());
  expect(options.baseUrl).toBe('https://sandbox.testpay.test/v1');
  expect(options.timeoutMs).toBe(1_234);
});

let closeSimulator: (() => Promise<void>) | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await closeSimulator?.();
  closeSimulator = undefined;
});

it('createPrivCards with a config class: the request goes to the baseUrl it gives, not to the production host', async () => {
  const simulator = await startPrivCardsSimulator();
  closeSimulator = () => simulator.close();
  // Never let this test reach the real provider: an HTTPS request (the simulator is plain HTTP) is refused here.
  const httpsHosts: string[] = [];
  vi.spyOn(https, 'request').mockImplementation(((options: { hostname?: string }) => {
    httpsHosts.push(String(options.hostname));
    throw new Error('this test sends nothing over HTTPS');
  }) as typeof https.request);
  class PrivCardsConfig {
    get apiKey() {
      return simulator.apiKey;
    }
    get baseUrl() {
      return simulator.url;
    }
    readonly maxRetries = 0;
  }
  const privcards = createPrivCards(new PrivCardsConfig());
  try {
    const balance = await privcards.wallet.balance().catch((error: unknown) => error);
    expect(httpsHosts).toEqual([]);
    expect(balance).toMatchObject({ provider: 'privcards' });
  } finally {
    await privcards.close();
  }
});
