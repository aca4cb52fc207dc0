import { redactText, redactValue } from '@cardgw/core/provider-utils';
import { describe, expect, it } from 'vitest';
import { createCryptoCardy } from './cryptocardy-adapter.js';

// Loading the adapter registers its seed and webhook-secret shapes with core's redaction (core knows neither).
describe('redaction of CryptoCardy seeds once the adapter is loaded', () => {
  it('masks a seed of the page’s shape anywhere, configured or not', () => {
    for (const text of ['seed c4f4-6e88-036c-761c refused', 'X-Seed: c4f4-6e88-036c-761c', '(c4f4-6e88-036c-761c)']) {
      expect(redactText(text)).not.toContain('c4f4-6e88-036c-761c');
    }
    expect(JSON.stringify(redactValue({ note: 'secret whsec_a1b2c3d4e5f6 rotated' }))).not.toContain('a1b2c3d4e5f6');
  });

  it('masks a configured seed in the forms it comes back in: without dashes, re-spaced, upper-cased', async () => {
    const seed = 'a1b2-c3d4-e5f6-7890';
    const issuer = createCryptoCardy({ seed, env: {} });
    try {
      for (const form of ['a1b2c3d4e5f67890', 'a1b2 c3d4 e5f6 7890', 'A1B2-C3D4-E5F6-7890', 'A1B2C3D4E5F67890']) {
        expect(redactText(`provider echoed ${form} back`)).toBe('provider echoed [redacted] back');
      }
    } finally {
      await issuer.close();
    }
  });
});
