import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { assertIdempotencyKey, idempotencyKeySchema, maximumIdempotencyKeyLength } from './idempotency-key.js';
import { assertRequestOptions } from './request-options.js';

const valid = ['k', 'order-42-fund', 'a:b/c+d=e~!', 'x'.repeat(maximumIdempotencyKeyLength)];
const malformed: unknown[] = [
  '',
  'two words',
  'line\nbreak',
  'clé',
  'x'.repeat(maximumIdempotencyKeyLength + 1),
  42,
  null,
];

describe('the idempotency key rule (one for every issuer)', () => {
  it.each(valid)('accepts %s: 1–255 visible ASCII characters', (key) => {
    expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
    expect(assertIdempotencyKey(key, 'cards.fund', 'acme')).toBe(key);
    expect(() => assertRequestOptions({ idempotencyKey: key }, 'cards.fund')).not.toThrow();
  });

  it.each(malformed)('refuses %j with InvalidRequestError naming the field and the rule', (key) => {
    expect(() => assertIdempotencyKey(key, 'cards.fund', 'acme')).toThrow(InvalidRequestError);
    const error = (() => {
      try {
        assertRequestOptions({ idempotencyKey: key }, 'cards.get', 'acme');
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'cards.get: idempotencyKey must be 1–255 visible ASCII characters',
      issues: [{ field: 'idempotencyKey', rule: 'must be 1–255 visible ASCII characters' }],
    });
  });

  it('lets the options of a call leave the key out', () => {
    expect(() => assertRequestOptions({ timeoutMs: 10 }, 'cards.get')).not.toThrow();
    expect(() => assertRequestOptions({ idempotencyKey: undefined }, 'cards.get')).not.toThrow();
  });
});
