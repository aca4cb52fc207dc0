import { ProviderUnavailableError } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { allowLeakageIn, auditGate } from './allow-leakage.js';
import {
  describeFindings,
  isPaymentCardNumber,
  type LeakKind,
  scanForLeaks,
  serialiseError,
} from './scan-for-leaks.js';

const capture = (text: string, origin = 'stdout') => ({ origin, test: 'a fabricated test', text });
const kindsIn = (text: string): LeakKind[] => scanForLeaks([capture(text)]).map((finding) => finding.kind);

describe('scanForLeaks', () => {
  it.each([
    ['a live API key in a header', 'Authorization: Bearer sk_live_9fK2mQ7xLp4vZ8', 'api-key'],
    ['a sandbox API key anywhere', 'config {"apiKey":"sk_test_WIRETEST0123456789"}', 'api-key'],
    ['the PrivCards page’s example key', 'key sk_live_your_api_key_here refused', 'api-key'],
    ['a key with dashes', 'key sk_test_abc-def-123456 refused', 'api-key'],
    ['a seed-shaped string', 'X-Seed: 0bad-cafe-1234-abcd', 'seed'],
    ['a seed in util.inspect output', "{ seed: 'deaf-beef-0042-9a9a' }", 'seed'],
    ['a webhook signing secret', 'secret whsec_0123456789abcdef0123', 'webhook-secret'],
    ['a Luhn-valid PAN', 'card 4111111111111111 declined', 'pan'],
    ['a Luhn-valid PAN grouped by spaces', 'number 4111 1111 1111 1111 on file', 'pan'],
    ['a Luhn-valid PAN grouped by dashes', 'number 5555-5555-5555-4444 on file', 'pan'],
    ['a 15-digit Amex number', '"378282246310005"', 'pan'],
    ['a 19-digit grouped number', '6011 0009 9013 9420 007 was used', 'pan'],
    ['a PAN next to its key even if not Luhn-valid', '{"pan":"4111111111111112"}', 'pan'],
    ['a CVV in JSON', '{"cvv":"123","exp_month":12}', 'cvv'],
    ['a CVV in util.inspect form', "CardDetails { cvv: '123' }", 'cvv'],
    ['a CVV in JSON inside a JSON string', '"body":"{\\"cvv\\":\\"987\\"}"', 'cvv'],
    ['a CVC as a number', '{ cvc: 4321 }', 'cvv'],
    ['an OTP in JSON', '{"otp":"123456","status":"pending"}', 'otp'],
    ['an OTP in a query string', 'GET /3ds?otp=123456&card=1', 'otp'],
    ['the sample PAN of the pages (not Luhn-valid)', 'pan ending 4916531288472039', 'sample-value'],
    ['the grouped sample PAN of the pages', 'card 4916 5301 2345 2039', 'sample-value'],
    ['the sample OTP of the pages', 'the code is 847291', 'sample-value'],
    ['the sample seed of the pages', 'seed c4f4-6e88-036c-761c', 'sample-value'],
    ['the other sample seed of the pages', 'seed a1b2-c3d4-e5f6-7890', 'sample-value'],
    // Issue 15: the same values under other names, and credentials echoed in other forms.
    ['a CVV under card_cvv', '{"card_cvv":"847","id":1}', 'cvv'],
    ['a CVV under cvv2 in a query', 'GET /cards?cvv2=847&page=1', 'cvv'],
    ['a CVV under security_code', '{"security_code":"8472"}', 'cvv'],
    ['a CVV under securityCode in util.inspect form', "{ securityCode: '847' }", 'cvv'],
    ['a CSC', 'csc=8472', 'cvv'],
    ['an OTP under otp_code', '{"otp_code":"551203"}', 'otp'],
    ['an OTP under verification_code', 'verification_code=551203', 'otp'],
    ['an OTP under 3ds_code in JSON inside a JSON string', '"body":"{\\"3ds_code\\":\\"551203\\"}"', 'otp'],
    ['a PIN under card_pin', '{"card_pin":"9931"}', 'pin'],
    ['a PIN in util.inspect form', "{ pin: '9931' }", 'pin'],
    ['the sample seed without its dashes', 'unknown seed c4f46e88036c761c', 'sample-value'],
    ['the sample seed grouped by spaces, in upper case', 'seed C4F4 6E88 036C 761C', 'sample-value'],
    ["the pages' example key", 'Authorization: Bearer sk_live_your_api_key_here', 'api-key'],
    ["the pages' example key without its prefix", 'unknown key your_api_key_here', 'sample-value'],
  ] as const)('catches %s', (_name, text, kind) => {
    expect(kindsIn(text)).toContain(kind);
  });

  it.each([
    ['a UUID idempotency key', 'X-Idempotency-Key: 550e8400-e29b-41d4-a716-446655440000'],
    ['an uppercase UUID', '{"idempotencyKey":"F47AC10B-58CC-4372-A567-0E02B2C3D479"}'],
    // Digit-only groups whose 13 digits pass Luhn: seen as a flaky false positive on Node 22 (`…-[pan]a26…`).
    ['a UUID whose middle groups are digits', "idempotencyKey: '9e807754-4123-8456-7890-9a2628fb4ce2'"],
    ['request ids', 'requestId: req_7f8a9b2c3d4e, X-Request-Id: req_abc123def456'],
    ['ISO dates and times', 'from 2026-01-01 to 2026-02-28T23:59:59.999Z, expires 2029-01-01T23:59:59+00:00'],
    ['BIN ids', "binId: '491653', bin_id: 531993, privcards:491653"],
    ['last4 and masked PANs', '{"last4":"2039","pan":"•••• 2039","cvv":"[redacted]"}'],
    ['amounts in cents and dollars', '{"amount":500000,"currency":"USD"} $5,000.00 487.50 0.30000000000000004'],
    ['a millisecond timestamp that happens to pass Luhn', 'at 1767225600009 ms'],
    ['a 16-digit number that fails Luhn', 'ref 4111111111111112'],
    ['a CVV rule without a value', 'cvv must be a CVV of 3 or 4 digits; otp: [redacted]; cvv_masked: "***"'],
    ['redacted credentials', 'Authorization: Bearer [redacted], X-Seed: [redacted], sk_live_[redacted]'],
    ['qualified ids and provider ids', 'privcards:card_8xK2m9Lp4q cryptocardy:3ds_m4n5o6p7 memory:card_000001'],
    ['an OTP-length number with no key', 'page 123456 of the log'],
    ['hex ids of other shapes', 'sha 9f86d081884c7d65 trace 0af7651916cd43dd8448eb211c80319c'],
    ['an error code and a status', '{"error":"invalid_request","code":400,"status_code":422}'],
    [
      'masked values under the other names',
      '{"card_cvv":"[redacted]","otp_code":"[redacted]","card_pin":"[redacted]"}',
    ],
    ['flags and counts named like the sensitive keys', 'pin_verified: true, cvv_check: 1, otp_attempts: 3, spin=1234'],
  ])('ignores %s', (_name, text) => {
    expect(scanForLeaks([capture(text)])).toEqual([]);
  });

  it('names the test and the origin, and masks every value in the excerpt', () => {
    const text = `${'x'.repeat(80)} X-Seed: 0bad-cafe-1234-abcd with card 4111111111111111 ${'y'.repeat(80)}`;
    const findings = scanForLeaks([{ origin: 'cardgw:log error (util.inspect)', test: 'fund > logs', text }]);
    expect(findings.map((finding) => finding.kind).sort()).toEqual(['pan', 'seed']);
    for (const finding of findings) {
      expect(finding).toMatchObject({ origin: 'cardgw:log error (util.inspect)', test: 'fund > logs' });
      expect(finding.excerpt).not.toContain('0bad-cafe-1234-abcd');
      expect(finding.excerpt).not.toContain('4111111111111111');
      expect(finding.excerpt).toContain('[seed]');
      expect(finding.excerpt).toContain('[pan]');
    }
    const message = describeFindings('packages/x.test.ts', findings);
    expect(message).toContain('fund > logs');
    expect(message).toContain('cardgw:log error (util.inspect)');
    expect(message).toContain('packages/x.test.ts');
    expect(scanForLeaks([capture(message)])).toEqual([]);
  });

  it('masks a value cut in half by the edge of the excerpt', () => {
    const text = `4111 1111 1111 1111 ${'z'.repeat(30)} sk_test_abcdefgh12 ${'z'.repeat(30)} 5555-5555-5555-4444`;
    const [finding] = scanForLeaks([capture(text)]).filter((candidate) => candidate.kind === 'api-key');
    expect(finding?.excerpt).toContain('[api-key]');
    expect(finding?.excerpt).not.toMatch(/\d{4}/);
  });

  it('reads card numbers as payment cards only: Luhn-valid, 13–19 digits, starting 2–6', () => {
    expect(isPaymentCardNumber('4111111111111111')).toBe(true);
    expect(isPaymentCardNumber('4111-1111-1111-1111')).toBe(true);
    expect(isPaymentCardNumber('4111111111111112')).toBe(false);
    expect(isPaymentCardNumber('1767225600009')).toBe(false);
    expect(isPaymentCardNumber('411111111111')).toBe(false);
  });
});

describe('serialiseError', () => {
  it('prints the error and every cause every way, so a key held by a raw transport error in a cause is found', () => {
    const transport = Object.assign(new Error('socket hang up'), {
      config: { headers: { Authorization: 'Bearer sk_live_RAWAXIOSKEY123' } },
    });
    const error = new Error('request failed', { cause: new Error('wrapped', { cause: transport }) });
    const captures = serialiseError(error).map(({ how, text }) => capture(text, `console.error (${how})`));
    expect(captures.map((item) => item.origin)).toEqual(
      expect.arrayContaining([
        'console.error (JSON.stringify)',
        'console.error (util.inspect)',
        'console.error (String())',
        'console.error (.stack)',
        'console.error (util.inspect of cause 2)',
      ]),
    );
    const origins = scanForLeaks(captures).map((finding) => finding.origin);
    expect(origins).toContain('console.error (util.inspect of cause 2)');
    expect(origins).not.toContain('console.error (String())');
  });

  it('survives an error that cannot be printed', () => {
    const hostile = new Error('hostile');
    Object.defineProperty(hostile, 'toJSON', {
      value: () => {
        throw new TypeError('no');
      },
    });
    expect(serialiseError(hostile).find((item) => item.how === 'JSON.stringify')?.text).toBe(
      '(printing threw TypeError)',
    );
  });
});

describe('allowLeakageIn', () => {
  it('looks away while a test fabricates a sentinel on purpose, and until its error reports are delivered', async () => {
    const gate = auditGate();
    const before = gate.allowed;
    // The fabricated key is the point: the audit of this very file fails if the gate lets it through.
    const error = allowLeakageIn(
      () => new ProviderUnavailableError('fabricated', { cause: new Error('Bearer sk_live_FABRICATED0001') }),
    );
    expect(gate.allowed).toBe(before + 1);
    await Promise.resolve();
    await Promise.resolve();
    expect(gate.allowed).toBe(before);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('waits for an async fabrication to settle, and passes its result and its failure through', async () => {
    const gate = auditGate();
    const before = gate.allowed;
    await expect(allowLeakageIn(async () => 42)).resolves.toBe(42);
    await expect(
      allowLeakageIn(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(() =>
      allowLeakageIn(() => {
        throw new Error('sync boom');
      }),
    ).toThrow('sync boom');
    await Promise.resolve();
    expect(gate.allowed).toBe(before);
  });
});
