import { createPrivCards } from '@cardgw/adapter-privcards';
import { describe, expect, it } from 'vitest';

// A fault a review found, fixed since; this test keeps it fixed. As it was: `parseAdapterOptions` (rest-dialect/src/rest-adapter-options.ts) promises the options "copied into a plain
// object (each read once, through getters and Proxy traps)", as zod's safeParse output was in the previous release.
// Since the check left zod, `objectOption` reads each option to check it and `readObjectOption` reads it AGAIN to
// copy it, so what the adapter keeps is a value nobody checked: a getter (a config object backed by a live store)
// that answers `binCacheTtlMs: 1000` and then `-1`, or `headers: { a: 'b' }` and then `{ a: 1 }`, builds an adapter
// with the unchecked value and no ConfigError.

const apiKey = 'sk_test_readonce00000000000000000';

/** Adapter options whose `name` is a getter counting its reads: `values[0]` on the first read, `values[1]` after. */
function withCountedGetter(name: string, values: readonly [unknown, unknown]) {
  const counter = { reads: 0 };
  const options = Object.defineProperty({ apiKey, baseUrl: 'http://127.0.0.1:9' }, name, {
    enumerable: true,
    get: () => values[counter.reads++ === 0 ? 0 : 1],
  });
  return { options, counter };
}

describe.each([
  ['binCacheTtlMs', [1_000, -1]],
  ['headers', [{ 'x-team': 'growth' }, { 'x-team': 1 }]],
  ['allowInsecureWebhookUrls', [false, 'yes']],
] as const)('%s', (name, values) => {
  it('is read once when the adapter is built', async () => {
    const { options, counter } = withCountedGetter(name, values);
    const privcards = createPrivCards(options as never);
    await privcards.close();
    expect(counter.reads).toBe(1);
  });
});
