import { registerCredentialShape } from '../register-credential-shape.js';

/*
 * Core knows no provider's credential shape: adapters declare theirs. Core's own tests, which use provider-like keys
 * and seeds without loading an adapter, declare look-alikes here, as an adapter would.
 */

/** Registers an `sk_live_`/`sk_test_` API key shape, a dashed 4×4 hex seed shape and a `whsec_` secret shape. */
export function registerExampleCredentialShapes(): void {
  registerCredentialShape({
    name: 'example:api-key',
    pattern: /\bsk_(?:live|test)_[A-Za-z0-9_-]{4,}/g,
    variants: (key) => [key.replace(/^sk_(?:live|test)_/, '')],
  });
  registerCredentialShape({
    name: 'example:seed',
    pattern: /(?<![\w-])[0-9a-fA-F]{4}(?:-[0-9a-fA-F]{4}){3}(?![\w-])/g,
  });
  registerCredentialShape({ name: 'example:webhook-secret', pattern: /\bwhsec_[A-Za-z0-9_-]{4,}/g });
}
