import { describe, expect, it } from 'vitest';
// Core's whole public surface, with no adapter loaded: whatever shapes it registered on load would be known now.
import * as core from '../provider-utils/index.js';
import { registeredCredentialShapes } from './credential-shapes.js';

// Credentials in the shapes providers document (an `sk_live_` key, a dashed 4×4 hex seed, a `whsec_` signing secret),
// standing alone in prose: no sensitive key name, no `Bearer`, nothing configured. Only an adapter that registered
// its shapes makes redaction recognise them; core alone must not know any provider's format.
const providerShaped = ['sk_live_ABCDEFGH12345678', 'c4f4-6e88-036c-761c', 'whsec_a1b2c3d4e5f6a7b8'];

describe('core alone', () => {
  it('registers no credential shape', () => {
    expect(typeof core.registerCredentialShape).toBe('function');
    expect(registeredCredentialShapes()).toEqual([]);
  });

  it('leaves provider-shaped credentials in prose alone: recognising them is the adapters’ knowledge', () => {
    for (const credential of providerShaped) {
      expect(core.redactText(`refused: ${credential} is unknown`)).toBe(`refused: ${credential} is unknown`);
    }
  });

  it('still masks credentials by the generic rules: sensitive key names and bearer tokens', () => {
    const text = core.redactText('api_key=sk_live_ABCDEFGH12345678 Authorization: Bearer c4f4-6e88-036c-761c');
    expect(text).not.toContain('ABCDEFGH');
    expect(text).not.toContain('c4f4-6e88');
  });
});
