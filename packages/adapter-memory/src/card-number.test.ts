import { describe, expect, it } from 'vitest';
import { generatePan, isLuhnValid, luhnCheckDigit } from './card-number.js';
import { createDeterministicSource } from './deterministic-source.js';

describe('card numbers', () => {
  it('computes the Luhn check digit of known numbers', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('4916 5312')).toBe(false);
  });

  it('generates 16-digit Luhn-valid PANs that start with the BIN', () => {
    const source = createDeterministicSource('seed');
    for (let index = 0; index < 200; index++) {
      const pan = generatePan('491653', source, `pan:card_${index}`);
      expect(pan).toMatch(/^491653\d{10}$/);
      expect(isLuhnValid(pan)).toBe(true);
    }
  });

  it('gives the same PAN for the same seed and purpose, another for another seed', () => {
    const pan = generatePan('531993', createDeterministicSource('a'), 'pan:card_000001');
    expect(generatePan('531993', createDeterministicSource('a'), 'pan:card_000001')).toBe(pan);
    expect(generatePan('531993', createDeterministicSource('b'), 'pan:card_000001')).not.toBe(pan);
  });

  it('draws digits, hex and alphabet characters of the asked length', () => {
    const source = createDeterministicSource('seed');
    expect(source.digits('otp', 6)).toMatch(/^\d{6}$/);
    expect(source.hex('secret', 70)).toMatch(/^[0-9a-f]{70}$/);
    expect(source.characters('sol', 'ab', 44)).toMatch(/^[ab]{44}$/);
  });
});
