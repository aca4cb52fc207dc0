import type { CredentialSpec } from '@cardgw/core/rest';

/** The documented seed shape: four groups of four hex digits (`c4f4-6e88-036c-761c`). */
export const cryptocardySeed: CredentialSpec = Object.freeze({
  option: 'seed',
  envVar: 'CRYPTOCARDY_SEED',
  pattern: /^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/i,
  expected: 'four groups of four hex digits separated by dashes (xxxx-xxxx-xxxx-xxxx)',
});
