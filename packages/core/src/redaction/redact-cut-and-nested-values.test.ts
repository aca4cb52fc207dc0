import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redactText } from './redact.js';
import { registerExampleCredentialShapes } from './test-support/example-credential-shapes.js';

// The `whsec_` shape is the adapters' to declare; this file declares a look-alike, as an adapter would.
registerExampleCredentialShapes();

// Found by the malformed-response corpus (tests/corpora/bad-responses.test.ts): bodies a provider answers broken.
describe('redactText on malformed bodies', () => {
  it('masks a sensitive value cut off by the end of a truncated body, adding no quote', () => {
    expect(redactText('{"id":"3ds_1","otp":"84729')).toBe('{"id":"3ds_1","otp":"[redacted]');
    expect(redactText('{"pan":"491653128847')).toBe('{"pan":"[redacted]');
    expect(redactText("{ cvv: '84")).toBe("{ cvv: '[redacted]");
    expect(redactText('{"body":"{\\"otp\\":\\"8472')).toBe('{"body":"{\\"otp\\":\\"[redacted]');
  });

  it('keeps a cut-off value of an ordinary key readable', () => {
    expect(redactText('{"label":"Meta Ads Camp')).toBe('{"label":"Meta Ads Camp');
  });

  it('masks an object or array under a sensitive key whole, and only that value', () => {
    expect(redactText('{"otp":{"code":"847291","ttl":300},"status":"pending"}')).toBe(
      '{"otp":[redacted],"status":"pending"}',
    );
    expect(redactText('{"card_number":["4916","5312","8847","2039"],"last4":"2039"}')).toBe(
      '{"card_number":[redacted],"last4":"2039"}',
    );
    expect(redactText("{ secret: { value: 'x', note: '}' }, id: 'wh_1' }")).toBe("{ secret: [redacted], id: 'wh_1' }");
    expect(redactText('{"metadata":{"campaign":"q4"}}')).toBe('{"metadata":{"campaign":"q4"}}');
  });

  it('masks an object under a sensitive key to the end of a body cut inside it', () => {
    expect(redactText('{"id":"3ds_1","otp":{"code":"8472')).toBe('{"id":"3ds_1","otp":[redacted]');
  });

  it('masks webhook signing secrets under any key or none, once their shape is registered', () => {
    expect(redactText('{"signing_key":"whsec_a1b2c3d4e5f60718"}')).toBe('{"signing_key":"[redacted]"}');
    expect(redactText('use whsec_0123456789abcdef to verify')).toBe('use [redacted] to verify');
  });
});

describe('redactText and identifiers', () => {
  it('never reads the digit groups of a UUID as a card number', () => {
    for (let index = 0; index < 2_000; index++) {
      const key = randomUUID();
      expect(redactText(`idempotency key ${key}`)).toBe(`idempotency key ${key}`);
    }
    expect(redactText('key 0f3c5a75-4765-9442-8432-1a2b3c4d5e6f')).toBe('key 0f3c5a75-4765-9442-8432-1a2b3c4d5e6f');
  });

  it('still masks a card number written with dashes or spaces', () => {
    expect(redactText('card 4916-5312-8847-2039 declined')).not.toContain('4916-5312');
    expect(redactText('"card_number":"4916 5301 2345 2039"')).not.toContain('5301 2345');
  });
});
