import { createPrivCards } from '@cardgw/adapter-privcards';
import { ConfigError, InvalidRequestError } from '@cardgw/core';
import { describe, expect, it } from 'vitest';

// A fault a review found, fixed since; this test keeps it fixed. As it was: `objectOption` (core validation/option-rules.ts) is documented "Never throws", and bad input must get the
// library's typed error, never a TypeError. An options object the library cannot read (here a revoked Proxy, the
// smallest such input; a getter or a Proxy trap that throws behaves the same) escapes `parseAdapterOptions` and the
// call path as the engine's bare TypeError ("Cannot perform 'IsArray' on a proxy that has been revoked").

const apiKey = 'sk_test_unreadable0000000000000000';

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function constructionError(build: () => { close(): Promise<void> }): unknown {
  try {
    void build().close();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('options the library cannot read', () => {
  it.each([
    ['the adapter options', () => createPrivCards(revokedProxy() as never)],
    ['headers', () => createPrivCards({ apiKey, headers: revokedProxy() as never })],
    ['env', () => createPrivCards({ env: revokedProxy() as never })],
    ['limits', () => createPrivCards({ apiKey, limits: revokedProxy() as never })],
  ])('%s: a ConfigError at construction, not a TypeError', (_option, build) => {
    const error = constructionError(build);
    expect(error, String(error)).toBeInstanceOf(ConfigError);
  });

  it("a call's options: an InvalidRequestError, not a TypeError", async () => {
    const privcards = createPrivCards({ apiKey, baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
    try {
      const error = await privcards.wallet.balance(revokedProxy() as never).then(
        () => undefined,
        (refusal: unknown) => refusal,
      );
      expect(error, String(error)).toBeInstanceOf(InvalidRequestError);
    } finally {
      await privcards.close();
    }
  });
});
