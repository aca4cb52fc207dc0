import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../http/error-from-response.js';
import { excerptOf, maxExcerptLength } from '../http/response-parsing.js';
import { readTestProviderError } from '../http/test-support/client-fixtures.js';
import { redactedExcerpt } from './redacted-excerpt.js';
import { registerExampleCredentialShapes } from './test-support/example-credential-shapes.js';

registerExampleCredentialShapes();

const pan = '4916531288472039';
const steps = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, index) => from + index * step);
const seed = 'c4f4-6e88-036c-761c';

// Issue 15 point 4: only the first 1,200 characters were redacted, then cut to 300: a PAN straddling character 1,200
// kept 12 digits (too few to read as a PAN) in the excerpt once a long secret before it shrank to `[redacted]`.
describe('redact first, then cut', () => {
  const straddling = `token=${'A'.repeat(1181)} ${pan}`;

  it('the issue input: no PAN digits survive in the excerpt or the quoted message', () => {
    const excerpt = excerptOf(straddling);
    expect(excerpt).not.toMatch(/\d{5}/);
    expect(excerpt).toBe('token=[redacted] •••• 2039');
    const error = errorFromResponse({
      provider: 'acme',
      operation: 'cards.get',
      status: 400,
      body: JSON.stringify({ error: 'invalid_request', message: straddling }),
      headers: {},
      readProviderError: readTestProviderError,
    });
    expect(error.message).not.toMatch(/\d{5}/);
    expect(error.message).toContain('•••• 2039');
  });

  it('whatever the offset of the cut: every secret kind straddling every boundary', () => {
    const secrets = [pan, '4916 5312 8847 2039', seed, 'sk_live_9fK2mQ7xLp4vZ8abcd', 'whsec_a1b2c3d4e5f60718'];
    for (const secret of secrets) {
      // Around the old 1,200-character window and around 4× it (the next window), every third offset.
      for (const padding of [...steps(1150, 1230, 3), ...steps(4740, 4800, 7)]) {
        const excerpt = excerptOf(`token=${'A'.repeat(padding)} ${secret} tail`);
        // No 5 consecutive characters of the secret from either end (nor its first 5 digits) reach the excerpt.
        for (let length = 5; length <= secret.length; length++) {
          for (const piece of [secret.slice(0, length), secret.slice(-length)]) {
            if (!/^\s|\s$/.test(piece)) expect(excerpt).not.toContain(piece);
          }
        }
        const digits = secret.replace(/\D/g, '');
        if (digits.length >= 13) expect(excerpt.replace(/\D/g, '')).not.toContain(digits.slice(0, 5));
      }
    }
  });

  it('still cuts long bodies to the excerpt length, and reads a 10 MB body only as far as it needs', () => {
    const excerpt = redactedExcerpt(`${'word '.repeat(2_000_000)}`, maxExcerptLength);
    expect(excerpt.length).toBe(maxExcerptLength + 1);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(redactedExcerpt('short', maxExcerptLength)).toBe('short');
  });
});
