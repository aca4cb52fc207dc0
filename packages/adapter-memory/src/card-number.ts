import type { DeterministicSource } from './deterministic-source.js';

/** The Luhn check digit that completes `digits` (the payload without its check digit). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    // Doubling starts at the rightmost payload digit: it sits next to the check digit.
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a digit string passes the Luhn check, as every real card number does. */
export function isLuhnValid(pan: string): boolean {
  return /^\d{12,19}$/.test(pan) && luhnCheckDigit(pan.slice(0, -1)) === Number(pan.slice(-1));
}

/** A 16-digit, Luhn-valid PAN starting with the BIN's digits, the same for the same seed and purpose. */
export function generatePan(binId: string, source: DeterministicSource, purpose: string): string {
  const prefix = (binId.replace(/\D/g, '') || '4').slice(0, 11);
  const payload = prefix + source.digits(purpose, 15 - prefix.length);
  return payload + String(luhnCheckDigit(payload));
}
