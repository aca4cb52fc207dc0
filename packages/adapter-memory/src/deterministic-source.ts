import { createHash } from 'node:crypto';

/**
 * Pseudo-random values derived from a seed and a purpose (`pan:card_000001`): a value depends only on the seed and
 * what it is for, not on how many values were drawn before, so adding a feature never shifts every PAN and OTP.
 * Not cryptographic: this is test data.
 */
export interface DeterministicSource {
  /** `length` decimal digits. */
  digits(purpose: string, length: number): string;
  /** `length` lowercase hex characters. */
  hex(purpose: string, length: number): string;
  /** `length` characters drawn from `alphabet`. */
  characters(purpose: string, alphabet: string, length: number): string;
}

export function createDeterministicSource(seed: string): DeterministicSource {
  const bytes = (purpose: string, length: number): number[] => {
    const output: number[] = [];
    for (let block = 0; output.length < length; block++) {
      output.push(...createHash('sha256').update(`${seed}\u0000${purpose}\u0000${block}`).digest());
    }
    return output.slice(0, length);
  };
  const characters = (purpose: string, alphabet: string, length: number) =>
    bytes(purpose, length)
      .map((byte) => alphabet[byte % alphabet.length])
      .join('');
  return {
    digits: (purpose, length) => characters(purpose, '0123456789', length),
    hex: (purpose, length) => characters(purpose, '0123456789abcdef', length),
    characters,
  };
}
