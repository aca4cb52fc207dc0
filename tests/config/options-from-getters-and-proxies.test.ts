import https from 'node:https';
import { createPrivCards } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { createAdapterOptionsParser } from '@cardgw/rest-dialect';
import { afterEach, expect, it, vi } from 'vitest';

// An adapter's options are read as zod read them before option-rules.ts replaced it: through getters on a class's
// prototype and a Proxy's traps (`name in options`, then `options[name]`), into a plain copy (readObjectOption). A
// version that returned the caller's object and copied it with a rest spread kept only own properties, so an option
// given by a getter was validated, then dropped: `baseUrl` fell back to the provider's production URL. The release
// before the change (zod) passes both tests below; a Proxy with only a get trap is refused, as it was then.

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
