import { type CredentialShape, registerCredentialShape } from '@cardgw/core';

/** The environment variable `createLedgerLane` reads its token from when given none. */
export const ledgerlaneTokenEnvVar = 'LEDGERLANE_API_TOKEN';

/** A LedgerLane API token, as its page documents it: `llt_` then 32 lowercase hex digits. */
export const ledgerlaneTokenPattern = /^llt_[0-9a-f]{32}$/;

/**
 * How LedgerLane's token looks, for redaction anywhere in the process (registered when this module loads): masked
 * wherever it appears, configured or not, and without its `llt_` prefix when configured (a provider or a proxy echoing
 * the 32 hex digits alone must not print them).
 */
export const ledgerlaneCredentialShape: CredentialShape = Object.freeze({
  name: 'ledgerlane:api-token',
  pattern: /\bllt_[0-9a-fA-F]{8,}/g,
  variants: (token: string) => [token.replace(/^llt_/, '')],
});
registerCredentialShape(ledgerlaneCredentialShape);
