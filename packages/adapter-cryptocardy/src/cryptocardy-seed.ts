import { type CredentialShape, registerCredentialShape } from '@cardgw/core/provider-utils';
import type { CredentialSpec } from '@cardgw/rest-dialect';

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

/**
 * How CryptoCardy credentials look, for redaction anywhere in the process (registered when this module loads): seeds
 * (four groups of four hex digits, never inside a longer token, so a UUID does not match; a configured one is masked
 * without its dashes or re-spaced too) and webhook signing secrets (`whsec_…`, the page's example).
 */
export const cryptocardyCredentialShapes: readonly CredentialShape[] = Object.freeze([
  {
    name: 'cryptocardy:seed',
    pattern: /(?<![\w-])[0-9a-fA-F]{4}(?:-[0-9a-fA-F]{4}){3}(?![\w-])/g,
    variants: (seed: string) => [seed.replace(/-/g, ''), seed.replace(/-/g, ' ')],
  },
  { name: 'cryptocardy:webhook-secret', pattern: /\bwhsec_[A-Za-z0-9_\-.~+/=]{4,}/g },
]);
for (const shape of cryptocardyCredentialShapes) registerCredentialShape(shape);
