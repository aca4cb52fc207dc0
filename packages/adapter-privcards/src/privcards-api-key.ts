import type { CredentialSpec } from '@cardgw/core/rest';

/** `sk_live_…` keys move real money; `sk_test_…` keys are sandbox keys. */
export const privcardsModes = ['live', 'sandbox'] as const;
export type PrivCardsMode = (typeof privcardsModes)[number];

/**
 * The documented key shape. PrivCards' page documents only the prefix (`sk_live_` in production, `sk_test_` in the
 * sandbox) and gives `sk_live_your_api_key_here` as its example, so the rest is any non-empty token of visible ASCII
 * characters: no whitespace or control character, nothing an HTTP header could not carry.
 */
export const privcardsApiKey: CredentialSpec = Object.freeze({
  option: 'apiKey',
  envVar: 'PRIVCARDS_API_KEY',
  pattern: /^sk_(live|test)_[!-~]+$/,
  expected: 'sk_live_ or sk_test_ followed by the key itself, without spaces',
});

/** The mode a (well-formed) key belongs to, from its prefix. */
export function privcardsModeOf(apiKey: string): PrivCardsMode {
  return apiKey.startsWith('sk_live_') ? 'live' : 'sandbox';
}
