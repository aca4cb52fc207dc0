/*
 * A hostile provider's huge body costs what the error keeps, not what was received: every text handed to the redaction
 * stays short whatever the body's size (counted with a spy, not timed).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { redactText } from '../redaction/redact.js';
import { errorFromResponse } from './error-from-response.js';
import { parseSuccessBody } from './response-parsing.js';
import { readTestProviderError } from './test-support/client-fixtures.js';

vi.mock('../redaction/redact.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../redaction/redact.js')>();
  return { ...actual, redactText: vi.fn(actual.redactText) };
});

const fiveMegabytes = 5 * 1024 * 1024;
const pan = '4916531288472039';
/** The most characters one redaction may read for a 300-character excerpt: a few of its growing windows. */
const maxCharactersRedacted = 20_000;
const context = { provider: 'acme', operation: 'transactions.list', status: 200, requestId: 'req_1' };

function longestTextRedacted(): number {
  return Math.max(0, ...vi.mocked(redactText).mock.calls.map(([text]) => text.length));
}

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

afterEach(() => {
  vi.mocked(redactText).mockClear();
});

describe('the redaction of a 5 MB body', () => {
  const records = JSON.stringify({ data: Array.from({ length: fiveMegabytes / 38 }, () => ({ pan, cvv: '123' })) });
  const schema = z.looseObject({ data: z.array(z.looseObject({ id: z.string() })) });

  it('reads a few kB of a 2xx page of PANs and CVVs that fails its schema', () => {
    expect(records.length).toBeGreaterThan(fiveMegabytes);
    const error = caught(() => parseSuccessBody(schema, records, context));
    expect(ProviderResponseError.isInstance(error)).toBe(true);
    expect((error as ProviderResponseError).excerpt).not.toContain(pan);
    expect(vi.mocked(redactText)).toHaveBeenCalled();
    expect(longestTextRedacted()).toBeLessThan(maxCharactersRedacted);
  });

  it('reads a few kB of a 2xx body that is not JSON', () => {
    const error = caught(() => parseSuccessBody(schema, `${records}<!-- cut -->`, context));
    expect((error as ProviderResponseError).message).toContain('not JSON');
    expect(longestTextRedacted()).toBeLessThan(maxCharactersRedacted);
  });

  it('reads a few kB of a 5 MB error message', () => {
    const message = `card ${pan} cvv=123 `.repeat(fiveMegabytes / 25);
    const error = errorFromResponse({
      provider: 'acme',
      operation: 'cards.create',
      status: 400,
      body: JSON.stringify({ error: 'invalid_request', message, code: 400 }),
      headers: {},
      readProviderError: readTestProviderError,
    });
    expect(error.message).not.toContain(pan);
    expect(vi.mocked(redactText)).toHaveBeenCalled();
    expect(longestTextRedacted()).toBeLessThan(maxCharactersRedacted);
  });
});
