import { inspect } from 'node:util';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { createHttpClient } from '../http/http-client.js';
import { readTestProviderError } from '../http/test-support/client-fixtures.js';
import { redactText } from './redact.js';
import { registerCredentialShape } from './register-credential-shape.js';
import { Secret } from './secret.js';

// Issue 15 point 6: a credential echoed in another form (the key without `sk_live_`, the seed without dashes or with
// spaces) reached messages and log lines; and core hard-coded the providers' shapes instead of the adapters
// declaring them.
const seed = 'c4f4-6e88-036c-761c';
const apiKey = 'sk_live_9fK2mQ7xLp4vZ8abcd';

describe('credential shapes are declared, not known by core', () => {
  it('core alone masks no provider-specific shape (the order of these tests matters: nothing is registered yet)', () => {
    expect(redactText('key sk_live_UNREGISTERED123 here')).toBe('key sk_live_UNREGISTERED123 here');
  });

  it('a registered shape is masked in any text, configured or not', () => {
    registerCredentialShape({ name: 'test:key', pattern: /\bsk_(?:live|test)_\w{4,}/ });
    expect(redactText('key sk_live_UNREGISTERED123 here')).toBe('key [redacted] here');
  });

  it('refuses a shape it could not use, with ConfigError', () => {
    const refused = [
      { name: '', pattern: /x/ },
      { name: 'test:empty', pattern: /a*/ },
      { name: 'test:not-regexp', pattern: 'sk_' as unknown as RegExp },
      { name: 'test:variants', pattern: /x/, variants: 'no' as unknown as () => string[] },
    ];
    for (const shape of refused) expect(() => registerCredentialShape(shape)).toThrow(ConfigError);
  });
});

describe('a configured credential is masked in every form it comes back in', () => {
  const seedForms = [
    seed,
    'c4f46e88036c761c',
    'c4f4 6e88 036c 761c',
    'C4F4-6E88-036C-761C',
    'C4F46E88036C761C',
    'c4f4 - 6e88 - 036c - 761c',
  ];
  const keyForms = [apiKey, '9fK2mQ7xLp4vZ8abcd', '9fk2mq7xlp4vz8abcd', 'sk-live-9fK2mQ7xLp4vZ8abcd'];
  let server: nock.Scope;
  // What the provider echoes: the forms of the credential under test only.
  let echoed: readonly string[] = [];

  beforeAll(() => {
    registerCredentialShape({
      name: 'test:key-with-prefix',
      pattern: /\bsk_(?:live|test)_\w{4,}/,
      variants: (key) => [key.replace(/^sk_(?:live|test)_/, '')],
    });
    nock.disableNetConnect();
    server = nock('https://api.example.test')
      .persist()
      .get(/.*/)
      .reply(400, () =>
        JSON.stringify({
          error: 'invalid_request',
          message: `unknown credential ${echoed.join(' / ')}`,
          request_id: 'req_forms',
        }),
      );
  });
  afterAll(() => {
    server.persist(false);
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it.each([
    ['a seed', { headerName: 'X-Seed', secret: new Secret(seed) }, seedForms],
    [
      'an API key',
      { headerName: 'Authorization', secret: new Secret(apiKey), format: (key: string) => `Bearer ${key}` },
      keyForms,
    ],
  ])('%s: in the error message and every log line', async (_name, auth, forms) => {
    echoed = forms;
    const lines: string[] = [];
    const record = (object: unknown, message: string) => lines.push(inspect({ object, message }, { depth: 20 }));
    const client = createHttpClient({
      provider: 'example',
      baseUrl: 'https://api.example.test/v1',
      auth,
      limits: [],
      retry: { maxRetries: 0 },
      logger: { debug: record, info: record, warn: record, error: record },
      readProviderError: readTestProviderError,
    });
    const error = await client
      .request({ operation: 'cards.get', method: 'GET', path: '/cards/1', schema: z.object({}) })
      .then(
        () => new Error('did not fail'),
        (caught: unknown) => caught as Error,
      );
    await client.close();
    const printed = [error.message, JSON.stringify(error), inspect(error), ...lines].join('\n');
    expect(printed).toContain('unknown credential');
    expect(lines.length).toBeGreaterThan(0);
    for (const form of forms) expect(printed).not.toContain(form);
  });

  it('masks the forms of a configured credential in text built anywhere, while its client is open', async () => {
    const client = createHttpClient({
      provider: 'example',
      baseUrl: 'https://api.example.test/v1',
      auth: { headerName: 'X-Seed', secret: new Secret(seed) },
      limits: [],
    });
    expect(redactText('seed C4F4 6E88 036C 761C in a message we did not write')).toBe(
      'seed [redacted] in a message we did not write',
    );
    await client.close();
    // Closed: its secret is forgotten (nothing holds it for a client that is gone).
    expect(redactText('c4f46e88036c761c')).toBe('c4f46e88036c761c');
  });
});
