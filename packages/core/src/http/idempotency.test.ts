import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { redactText } from '../redaction/redact.js';
import { idempotencyKeyFor, isMutating, newIdempotencyKey } from './idempotency.js';

describe('idempotencyKeyFor', () => {
  it('gives POST, PATCH and DELETE a fresh UUID per call and GET none', () => {
    const first = idempotencyKeyFor('POST', undefined, 'cards.create', 'acme');
    const second = idempotencyKeyFor('POST', undefined, 'cards.create', 'acme');
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
    expect(idempotencyKeyFor('PATCH', undefined, 'cards.update', 'acme')).toBeTypeOf('string');
    expect(idempotencyKeyFor('DELETE', undefined, 'webhooks.delete', 'acme')).toBeTypeOf('string');
    expect(idempotencyKeyFor('GET', 'caller-key', 'cards.get', 'acme')).toBeUndefined();
    expect(isMutating('GET')).toBe(false);
  });

  it("uses the caller's key as given", () => {
    expect(idempotencyKeyFor('POST', 'order-42-fund', 'cards.fund', 'acme')).toBe('order-42-fund');
  });

  it('refuses an empty key or one that cannot travel in a header, before any I/O', () => {
    for (const key of ['', 'two words', 'line\nbreak', 'x'.repeat(256)]) {
      expect(() => idempotencyKeyFor('POST', key, 'cards.fund', 'acme')).toThrow(InvalidRequestError);
    }
  });

  it('generates keys that redaction leaves readable, so a caller can repeat an ambiguous call with them', () => {
    // This UUID's digit groups once read as a card number to redactText and were masked in errors and logs.
    expect(redactText('key 1183dee8-5a75-4765-9442-8432309c56c5')).toBe('key 1183dee8-5a75-4765-9442-8432309c56c5');
    for (let index = 0; index < 1_000; index++) {
      const key = newIdempotencyKey();
      expect(redactText(key)).toBe(key);
    }
  });
});
