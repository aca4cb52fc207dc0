import { type CredentialShape, registerCredentialShape } from '@cardgw/core/provider-utils';
import type { CredentialSpec } from '@cardgw/rest-dialect';

/** `sk_live_…` keys move real money; `sk_test_…` keys are sandbox keys. */
export const privcardsModes = ['live', 'sandbox'] as const;
/** Which kind of PrivCards key: `sandbox` (`sk_test_…`) or `live` (`sk_live_…`). */
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

/** Characters of a key's token: what the dashboard issues, and what a pasted placeholder (`your_api_key_here`) holds. */
const tokenCharacters = '[\\w.~+/=:!#$%*?@^|-]';

/**
 * How PrivCards credentials look, for redaction anywhere in the process (registered when this module loads): API keys
 * (`sk_live_…`, `sk_test_…`; masked without their prefix too when configured) and webhook signing secrets
 * (`whsec_…`, the pages' example).
 */
export const privcardsCredentialShapes: readonly CredentialShape[] = Object.freeze([
  {
    name: 'privcards:api-key',
    pattern: new RegExp(`\\b(?:sk|pk|rk)_(?:live|test)_${tokenCharacters}{4,}`, 'g'),
    // The token alone is the secret part: a provider or proxy echoing `your key ABC…` must not print it.
    variants: (key: string) => [key.replace(/^(?:sk|pk|rk)_(?:live|test)_/, '')],
  },
  { name: 'privcards:webhook-secret', pattern: new RegExp(`\\bwhsec_${tokenCharacters}{4,}`, 'g') },
]);
for (const shape of privcardsCredentialShapes) registerCredentialShape(shape);
