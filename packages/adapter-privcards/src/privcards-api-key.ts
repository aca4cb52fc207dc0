import type { CredentialSpec } from '@cardgw/core/rest';

/** `sk_live_…` keys move real money; `sk_test_…` keys are sandbox keys. */
export const privcardsModes = ['live', 'sandbox'] as const;
/** Which kind of PrivCards key: `sandbox` (`sk_test_…`) or `live` (`sk_live_…`). */
export type PrivCardsMode = (typeof privcardsModes)[number];

/** The documented key shapes: `sk_live_` or `sk_test_` and the key itself. */
export const privcardsApiKey: CredentialSpec = Object.freeze({
  option: 'apiKey',
  envVar: 'PRIVCARDS_API_KEY',
  pattern: /^sk_(live|test)_[A-Za-z0-9]{8,}$/,
  expected: 'sk_live_… or sk_test_… followed by at least 8 letters or digits',
});

/** The mode a (well-formed) key belongs to, from its prefix. */
export function privcardsModeOf(apiKey: string): PrivCardsMode {
  return apiKey.startsWith('sk_live_') ? 'live' : 'sandbox';
}
