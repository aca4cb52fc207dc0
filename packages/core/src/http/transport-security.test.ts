import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.js';
import { Secret } from '../redaction/secret.js';
import { outcomeOf } from './call-outcome.js';
import { createHttpClient } from './http-client.js';
import { createTransport, TransportError } from './transport.js';
import { insecureTransportCode, isLoopbackHost } from './transport-security.js';

const secret = new Secret('a-credential-value-0001');

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', 'localhost.', '::1', '[::1]', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(['128.0.0.1', '10.0.0.1', '0.0.0.0', '127.0.0.1.nip.io', 'localhost.example', '::2', 'fe80::1', ''])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('the pipeline with a credential and a plain-HTTP base URL', () => {
  it('refuses a remote host at construction, by default', () => {
    expect(() =>
      createHttpClient({
        provider: 'example',
        baseUrl: 'http://api.example.test/v1',
        auth: { headerName: 'X-Key', secret },
        limits: [],
      }),
    ).toThrow(ConfigError);
  });

  it("refuses even loopback for a credential declared plainHttp: 'never'", () => {
    expect(() =>
      createHttpClient({
        provider: 'example',
        baseUrl: 'http://127.0.0.1:9/v1',
        auth: { headerName: 'X-Key', secret, plainHttp: 'never' },
        limits: [],
      }),
    ).toThrow(ConfigError);
  });

  it('takes any URL without a credential', async () => {
    const client = createHttpClient({ provider: 'example', baseUrl: 'http://api.example.test/v1', limits: [] });
    await client.close();
    expect(client.provider).toBe('example');
  });
});

describe('at request time, whatever URL a request ends up with', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('the transport refuses to open a plain-HTTP request to a remote host when it carries a credential', async () => {
    const scope = nock('http://api.example.test').get('/v1/cards').reply(200, '{}');
    const transport = createTransport({
      baseUrl: 'http://api.example.test/v1',
      headers: { 'X-Key': secret.reveal() },
      secrets: () => [secret.reveal()],
      plainHttp: 'loopback',
    });
    const progress = { connected: false, requestSent: false };
    const error = await transport
      .send(
        { method: 'GET', url: '/cards', headers: {}, body: undefined, signal: new AbortController().signal },
        progress,
      )
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    transport.close();
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe(insecureTransportCode);
    expect(progress.connected).toBe(false);
    expect(scope.isDone()).toBe(false);
  });

  it('a redirect to a plain-HTTP URL is never followed: the credential stays on the HTTPS host', async () => {
    const https = nock('https://api.example.test').get('/v1/cards/1').reply(302, '', {
      Location: 'http://api.example.test/v1/cards/1',
    });
    const plain = nock('http://api.example.test').get('/v1/cards/1').reply(200, '{}');
    const client = createHttpClient({
      provider: 'example',
      baseUrl: 'https://api.example.test/v1',
      auth: { headerName: 'X-Key', secret },
      limits: [],
      retry: { maxRetries: 0 },
    });
    const error = await client
      .request({
        operation: 'cards.get',
        method: 'GET',
        path: '/cards/1',
        schema: { safeParse: () => ({ success: true, data: {} }) },
      })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    await client.close();
    expect(https.isDone()).toBe(true);
    expect(plain.isDone()).toBe(false);
    expect((error as { status?: number }).status).toBe(302);
    // A 302 is not one of the pages' documented refusals, so it proves nothing about what the provider did.
    expect(outcomeOf(error)).toBe('unknown');
  });
});
