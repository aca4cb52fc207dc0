import type { CredentialSpec } from '@cardgw/core/rest';

/**
 * The seed's shape. CryptoCardy's page shows seeds as four groups of four hex digits (`c4f4-6e88-036c-761c`,
 * `a1b2-c3d4-e5f6-7890`) but states no rule, so any non-empty token of visible ASCII characters is taken: no
 * whitespace or control character, nothing the `X-Seed` header could not carry. A wrong seed is the provider's 401.
 */
export const cryptocardySeed: CredentialSpec = Object.freeze({
  option: 'seed',
  envVar: 'CRYPTOCARDY_SEED',
  pattern: /^[!-~]+$/,
  expected: 'the seed CryptoCardy issued, without spaces',
});
