import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CardDetails } from '../domain/card-details.js';
import { isSensitiveKey, redactText, redactValue } from './redact.js';
import { Secret } from './secret.js';
import { registerExampleCredentialShapes } from './test-support/example-credential-shapes.js';

// The API-key and seed shapes are the adapters' to declare; these tests declare look-alikes, as an adapter would.
registerExampleCredentialShapes();

const apiKey = 'sk_test_SENTINELKEY123456';
const seed = 'c4f4-6e88-036c-761c';
const pan = '4916531288472039';

describe('redactText', () => {
  it('masks the secret values it is given, wherever they appear', () => {
    const text = `key=${apiKey}; header X-Whatever: custom-${seed}-suffix; again ${apiKey}`;
    const redacted = redactText(text, ['custom-secret-value', apiKey, seed]);
    expect(redacted).not.toContain(apiKey);
    expect(redacted).not.toContain(seed);
    expect(redactText('the value custom-secret-value leaked', ['custom-secret-value'])).toBe(
      'the value [redacted] leaked',
    );
  });

  it('masks PAN-like digit runs of 13 to 19 digits, spaced or dashed, keeping the last four', () => {
    expect(redactText(`card ${pan} declined`)).toBe('card •••• 2039 declined');
    expect(redactText('card 4916 5301 2345 2039 declined')).toBe('card •••• 2039 declined');
    expect(redactText('card 4916-5301-2345-203.')).toBe('card •••• 5203.');
    // Four dashed groups of four digits also have a registered seed's shape: a credential is masked whole.
    expect(redactText('card 4916-5301-2345-2039.')).toBe('card [redacted].');
    expect(redactText('19 digits 4916531288472039123')).not.toContain('4916531288472039123');
  });

  it('leaves short numbers, amounts, dates, UUIDs and request ids readable', () => {
    const text =
      'amount 487.50 at 2026-11-21T04:53:00Z, id 123456789012, key 1b4e28ba-2fa1-11d2-883f-0016cb7e9e4d, req_7f8a9b2c3d4e';
    expect(redactText(text)).toBe(text);
  });

  it('masks the values of sensitive JSON keys, strings and numbers alike', () => {
    const body = JSON.stringify({ cvv: '847', otp: 847291, card_number: '4916 5301 2345 2039', cvv_masked: '601' });
    const redacted = redactText(body);
    expect(redacted).toBe('{"cvv":"[redacted]","otp":[redacted],"card_number":"[redacted]","cvv_masked":"[redacted]"}');
  });

  it('masks sensitive keys in key=value, header and util.inspect forms', () => {
    expect(redactText('pan=4916531288472039&cvv=847&page=2')).toBe('pan=[redacted]&cvv=[redacted]&page=2');
    expect(redactText(`Authorization: Bearer ${apiKey}\r\nX-Seed: ${seed}\r\nAccept: */*`)).toBe(
      'Authorization: [redacted]\r\nX-Seed: [redacted]\r\nAccept: */*',
    );
    expect(redactText("{ otp: '847291', password: 'hunter2', api_key: 'abc' }")).toBe(
      "{ otp: '[redacted]', password: '[redacted]', api_key: '[redacted]' }",
    );
  });

  it('looks inside quoted values and JSON nested in a JSON string', () => {
    expect(redactText('{"message":"the otp=847291 is wrong"}')).toBe('{"message":"the otp=[redacted] is wrong"}');
    const nested = JSON.stringify({ body: JSON.stringify({ cvv: '847', seed }) });
    expect(redactText(nested)).not.toMatch(/847"|c4f4/);
  });

  it('masks bearer tokens, and the API-key and seed shapes an adapter registered, under any key or none', () => {
    expect(redactText(`sent ${apiKey} and Bearer abcdef123456 and ${seed}`)).toBe(
      'sent [redacted] and Bearer [redacted] and [redacted]',
    );
  });
});

describe('isSensitiveKey', () => {
  it('recognises the listed keys in any case or separator style, and secret-like suffixes', () => {
    for (const key of ['pan', 'CVV', 'otp', 'seed', 'X-Seed', 'cardNumber', 'card_number', 'apiKey', 'x-api-key']) {
      expect(isSensitiveKey(key)).toBe(true);
    }
    for (const key of ['webhook_secret', 'access_token', 'Authorization', 'password', 'cvvMasked']) {
      expect(isSensitiveKey(key)).toBe(true);
    }
    for (const key of ['company', 'label', 'amount', 'request_id', 'tokens_used_count', 'japan']) {
      expect(isSensitiveKey(key)).toBe(false);
    }
  });
});

describe('redactValue', () => {
  it('deep-copies with sensitive keys, secrets and PAN-like strings masked, leaving the input untouched', () => {
    const input = {
      label: `for ${pan}`,
      nested: { cvv: '847', list: [{ otp: 847291 }, 'plain'] },
      secret: new Secret(apiKey),
      auth: new Secret(apiKey),
      amount: 48750,
    };
    const copy = redactValue(input, [apiKey]);
    expect(copy).toEqual({
      label: 'for •••• 2039',
      nested: { cvv: '[redacted]', list: [{ otp: '[redacted]' }, 'plain'] },
      secret: '[redacted]',
      auth: '[redacted]',
      amount: 48750,
    });
    expect(input.nested.cvv).toBe('847');
  });

  it('copies errors as name, message and code, and objects that print themselves from their printed form', () => {
    const error = Object.assign(new Error(`bad cvv=847 for ${pan}`), { code: 'E_BAD', config: { key: apiKey } });
    const details = new CardDetails({
      cardId: 'acme:card_1' as never,
      pan,
      cvv: '847',
      expiryMonth: 4,
      expiryYear: 2029,
      holderName: 'A B',
    });
    const copy = redactValue({ error, details });
    const printed = inspect(copy, { depth: Number.POSITIVE_INFINITY });
    expect(copy.error).toEqual({ name: 'Error', message: 'bad cvv=[redacted] for •••• 2039', code: 'E_BAD' });
    expect(printed).not.toContain(apiKey);
    expect(printed).not.toContain(pan);
    expect(printed).not.toContain("'847'");
  });

  it('survives cycles and very deep values', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(redactValue(cyclic)).toEqual({ name: 'loop', self: '[circular]' });
    let deep: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 20; level++) deep = { deeper: deep };
    expect(JSON.stringify(redactValue(deep))).toContain('[truncated]');
  });
});
