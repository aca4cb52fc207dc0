import { createPrivCards, privcardsProvider } from '@cardgw/adapter-privcards';
import { ConfigError, createGateway } from '@cardgw/core';
import { describe, expect, it } from 'vitest';

// A fault a review found, fixed since; this test keeps it fixed. As it was: docs/architecture.md decision 11a says options "keep zod's reading: a field is read through getters and
// Proxy traps, every enumerable key, inherited ones included, must be known". `createPrivCards` does so; the SAME
// options as a provider entry of `createGateway`'s config do not: an inherited malformed option (`timeoutMs: -5`) or an
// inherited unknown key is silently dropped and the gateway is built, where the adapter refuses both with a
// ConfigError. A provider entry made from shared defaults (`Object.create(defaults)`) loses them without a word.

const apiKey = 'sk_test_inheritedentry000000000000';

function refusal(build: () => unknown): unknown {
  try {
    build();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe.each([
  ['a malformed inherited option', { timeoutMs: -5 }],
  ['an unknown inherited key', { bogus: 1 }],
])('%s', (_case, inherited) => {
  const options = () => Object.assign(Object.create(inherited) as object, { apiKey });

  it('is refused by the adapter', () => {
    expect(refusal(() => createPrivCards(options()))).toBeInstanceOf(ConfigError);
  });

  it('is refused as a provider entry of the gateway config, too', () => {
    const entry = Object.assign(options(), { name: 'privcards' });
    const error = refusal(() => createGateway({ providers: [entry as never] }, { providers: [privcardsProvider] }));
    expect(error).toBeInstanceOf(ConfigError);
  });
});
