import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redactValue } from './redact.js';
import { maskPan, Secret } from './secret.js';

const apiKey = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

/** All that a `Secret` from a second installed copy of @cardgw/core shares with ours: the marker and `reveal()`. */
function foreignSecret(value: string): object {
  return { [Symbol.for('cardgw.secret')]: true, reveal: () => value };
}

describe('Secret', () => {
  it('prints as [redacted] through String, JSON.stringify and util.inspect; reveal() gives the value', () => {
    const secret = new Secret(apiKey);
    expect(`${secret}`).toBe('[redacted]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect(secret)).not.toContain(apiKey);
    expect(secret.reveal()).toBe(apiKey);
  });

  it('recognises a Secret made by another installed copy of the package by its marker, not by instanceof', () => {
    const foreign = foreignSecret(apiKey);
    expect(foreign instanceof Secret).toBe(false);
    expect(Secret.isInstance(foreign)).toBe(true);
    expect(Secret.isInstance(new Secret(apiKey))).toBe(true);
  });

  it('masks a foreign Secret under a key redaction does not know as sensitive', () => {
    expect(redactValue({ credential: foreignSecret(apiKey) })).toEqual({ credential: '[redacted]' });
  });

  it('does not take a look-alike for a Secret: the marker and a reveal() method are both needed', () => {
    expect(Secret.isInstance({ reveal: () => apiKey })).toBe(false);
    expect(Secret.isInstance({ [Symbol.for('cardgw.secret')]: true })).toBe(false);
    expect(Secret.isInstance({ [Symbol.for('cardgw.secret')]: 'yes', reveal: () => apiKey })).toBe(false);
    for (const value of [apiKey, null, undefined, 42]) expect(Secret.isInstance(value)).toBe(false);
  });
});

describe('maskPan', () => {
  it('keeps the last four digits of a PAN, spaced or not', () => {
    expect(maskPan('4916531288472039')).toBe('•••• 2039');
    expect(maskPan('4916 5312 8847 2039')).toBe('•••• 2039');
    expect(maskPan('12')).toBe('••••');
  });

  it('masks anything but a string whole instead of throwing (maskPan(42) was a TypeError)', () => {
    for (const value of [4916531288472039, undefined, null, {}, ['4916531288472039']]) {
      expect(maskPan(value as never)).toBe('••••');
    }
  });
});
