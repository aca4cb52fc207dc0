import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from '../redaction/secret.js';
import { CardDetails } from './card-details.js';
import { usd } from './money.js';
import { ThreeDSChallenge } from './three-ds-challenge.js';

const pan = '4916531288472039';

function printedForms(value: unknown): string[] {
  return [JSON.stringify(value), inspect(value, { depth: Number.POSITIVE_INFINITY }), String(value), `${value}`];
}

describe('sensitive domain values', () => {
  it('CardDetails exposes PAN and CVV by name but prints them redacted', () => {
    const details = new CardDetails({
      cardId: 'acme:card_1',
      pan,
      cvv: '847',
      expiryMonth: 4,
      expiryYear: 2029,
      holderName: 'ANONYMOUS',
    });
    expect(details.pan).toBe(pan);
    expect(details.cvv).toBe('847');
    expect(details.expiry).toBe('04/29');
    for (const printed of [...printedForms(details), JSON.stringify({ ...details })]) {
      expect(printed).not.toContain(pan);
      expect(printed).not.toContain('847');
    }
    expect(JSON.stringify(details)).toContain('2039');
  });

  it('ThreeDSChallenge exposes the OTP by name but prints it redacted', () => {
    const challenge = new ThreeDSChallenge({
      id: 'acme:3ds_1',
      provider: 'acme',
      providerId: '3ds_1',
      cardId: 'acme:card_1',
      merchant: 'SPOTIFY',
      amount: usd(9.99),
      otp: '847291',
      status: 'pending',
      expiresAt: '2026-04-15T15:05:00.000Z',
    });
    expect(challenge.otp).toBe('847291');
    for (const printed of printedForms(challenge)) expect(printed).not.toContain('847291');
    expect(JSON.parse(JSON.stringify(challenge)).merchant).toBe('SPOTIFY');
  });

  it('Secret never prints its value', () => {
    const secret = new Secret('sk_test_SENTINELKEY123456');
    expect(secret.reveal()).toBe('sk_test_SENTINELKEY123456');
    for (const printed of printedForms({ secret })) expect(printed).not.toContain('SENTINEL');
  });
});
