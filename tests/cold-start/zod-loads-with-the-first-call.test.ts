import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// zod is not loaded when an adapter or a gateway is built (packages/core/src/validation/zod.ts): every call path must
// load it before it validates. Each case here imports the library afresh (vi.resetModules, so zod is not loaded in the
// modules under test even though the test setup loaded it elsewhere), builds one issuer and makes ONE call of one
// operation as the first thing, with a malformed input or malformed options so that validation is what answers. The
// answer must be the library's typed error (InvalidRequestError, UnsupportedOperationError), never the internal
// "schema used before zod was loaded" error a path that validates before loading it would throw.

type Issuer = Record<string, Record<string, (...values: unknown[]) => unknown>>;

const apiKey = 'sk_test_zodloads0000000000000000';
const seed = 'zod-loads-seed-0000000000000000';
// Nothing listens on port 9 (discard): no call here gets past validation, so none is sent.
const baseUrl = 'http://127.0.0.1:9';
const badOptions = { timeoutMs: -1 };

beforeEach(() => vi.resetModules());
afterEach(() => vi.resetModules());

/** zod's state in the modules just imported, and the error classes of those same modules. */
async function freshCore() {
  const zod = await import('../../packages/core/src/validation/zod.js');
  const core = await import('@cardgw/core');
  return {
    isZodLoaded: zod.isZodLoaded,
    howZodWasLoaded: zod.howZodWasLoaded,
    CardGatewayError: core.CardGatewayError,
  };
}

/** The arguments before the options, for each operation: malformed where the operation takes input. */
const argumentsOf: Record<string, readonly unknown[]> = {
  'cards.create': [{ amount: 'ten dollars' }],
  'cards.list': [{ perPage: -1 }],
  'cards.get': ['privcards:card_1'],
  'cards.details': ['privcards:card_1'],
  'cards.update': ['privcards:card_1', { label: 42 }],
  'cards.freeze': ['privcards:card_1'],
  'cards.unfreeze': ['privcards:card_1'],
  'cards.terminate': ['privcards:card_1'],
  'cards.fund': ['privcards:card_1', { amount: 'ten dollars' }],
  'cards.withdraw': ['privcards:card_1', { amount: 'ten dollars' }],
  'transactions.list': [{ perPage: -1 }],
  'transactions.get': ['privcards:txn_1'],
  'wallet.balance': [],
  'wallet.depositAddresses': [{ asset: 'NOT AN ASSET' }],
  'wallet.deposits': [{ perPage: -1 }],
  'bins.list': [],
  'threeDS.list': [{ perPage: -1 }],
  'threeDS.get': ['privcards:3ds_1'],
  'webhooks.create': [{ url: 'not a url' }],
  'webhooks.list': [],
  'webhooks.delete': ['privcards:wh_1'],
};

/** Calls `operation` first thing on a fresh issuer and returns what it was refused with. */
async function firstCallRefusal(build: () => Promise<Issuer>, operation: string, withBadOptions: boolean) {
  const { isZodLoaded, howZodWasLoaded, CardGatewayError } = await freshCore();
  const issuer = await build();
  expect(isZodLoaded(), 'construction must not load zod').toBe(false);
  const [group, method] = operation.split('.') as [string, string];
  const args = argumentsOf[operation] ?? [];
  const call = issuer[group]?.[method];
  if (call === undefined) throw new Error(`no ${operation} on the issuer`);
  let refusal: unknown;
  try {
    // A list answers with a PageResult: awaiting it is the first fetch, refused before any request.
    await call(...args, withBadOptions ? badOptions : undefined);
  } catch (error) {
    refusal = error;
  }
  await (issuer as unknown as { close?: () => Promise<void> }).close?.();
  expect(refusal, `${operation} was not refused`).toBeDefined();
  expect(CardGatewayError.isInstance(refusal), `${operation}: ${String(refusal)}`).toBe(true);
  // Loaded by the call path's own `await loadZod()`, not by the synchronous fallback a path that forgot it would hit.
  expect(howZodWasLoaded(), operation).toBe('import');
  return refusal as { code: string };
}

const issuers: Record<string, () => Promise<Issuer>> = {
  'a PrivCards adapter': async () => {
    const { createPrivCards } = await import('@cardgw/adapter-privcards');
    return createPrivCards({ apiKey, baseUrl, maxRetries: 0 }) as unknown as Issuer;
  },
  'a CryptoCardy adapter': async () => {
    const { createCryptoCardy } = await import('@cardgw/adapter-cryptocardy');
    return createCryptoCardy({ seed, baseUrl, maxRetries: 0 }) as unknown as Issuer;
  },
  'a failover gateway of both': async () => {
    const { createGateway } = await import('@cardgw/core');
    const { privcardsProvider } = await import('@cardgw/adapter-privcards');
    const { cryptocardyProvider } = await import('@cardgw/adapter-cryptocardy');
    return createGateway(
      {
        providers: [
          { name: 'privcards', apiKey, baseUrl, maxRetries: 0 },
          { name: 'cryptocardy', seed, baseUrl, maxRetries: 0 },
        ],
      },
      { providers: [privcardsProvider, cryptocardyProvider] },
    ) as unknown as Issuer;
  },
};

describe('zod loads with the first call, whichever call comes first', () => {
  for (const [name, build] of Object.entries(issuers)) {
    describe(name, () => {
      for (const operation of Object.keys(argumentsOf)) {
        it(`${operation} as the first call: malformed input, then malformed options, refused with a typed error`, async () => {
          await firstCallRefusal(build, operation, false);
          vi.resetModules();
          const refusal = await firstCallRefusal(build, operation, true);
          expect(['invalid_request', 'unsupported_operation', 'not_found']).toContain(refusal.code);
        });
      }
    });
  }

  it('the HTTP client of an adapter author: its first request checks the options with zod it loaded', async () => {
    const { isZodLoaded, howZodWasLoaded, CardGatewayError } = await freshCore();
    const { createHttpClient } = await import('@cardgw/core/provider-utils');
    const http = createHttpClient({ provider: 'acme', baseUrl, limits: [] });
    expect(isZodLoaded()).toBe(false);
    const refusal = await http
      .request({ operation: 'cards.get', method: 'GET', path: '/cards/1', options: badOptions } as never)
      .catch((error: unknown) => error);
    expect(CardGatewayError.isInstance(refusal), String(refusal)).toBe(true);
    expect((refusal as { code: string }).code).toBe('invalid_request');
    expect(howZodWasLoaded()).toBe('import');
    await http.close();
  });

  it("CryptoCardy's provisioning, a call beside the port: its input is checked with zod it loaded", async () => {
    const { isZodLoaded, howZodWasLoaded, CardGatewayError } = await freshCore();
    const { provisionCryptoCardy } = await import('@cardgw/adapter-cryptocardy');
    expect(isZodLoaded()).toBe(false);
    const refusal = await provisionCryptoCardy({ baseUrl, card: 'no-such-network' } as never).catch(
      (error: unknown) => error,
    );
    expect(CardGatewayError.isInstance(refusal), String(refusal)).toBe(true);
    expect((refusal as { code: string }).code).toBe('invalid_request');
    expect(howZodWasLoaded()).toBe('import');
  });
});

describe('a process that only receives webhooks: the first delivery reads its data with zod', () => {
  const secret = 'whsec_zodloads0123456789abcdef0123456789';
  const delivery = JSON.stringify({
    id: 'evt_1',
    type: 'card.frozen',
    created_at: new Date().toISOString(),
    data: { id: 'card_1', status: 'frozen', frozen_at: '2026-12-01T04:00:00Z' },
  });

  it('handleWebhookRequest (and the Node handler built on it) loads zod itself', async () => {
    const { howZodWasLoaded } = await freshCore();
    const { handleWebhookRequest, signWebhookPayload, createMemoryWebhookEventStore } = await import('@cardgw/core');
    const { privcardsWebhookProfile } = await import('@cardgw/adapter-privcards');
    const result = await handleWebhookRequest({
      ...privcardsWebhookProfile,
      method: 'POST',
      rawBody: delivery,
      headers: { 'x-webhook-signature': signWebhookPayload(delivery, secret) },
      secret,
      store: createMemoryWebhookEventStore(),
      onEvent: () => undefined,
    } as never);
    expect(result.status).toBe(200);
    expect(result.event).toMatchObject({ type: 'card.frozen', data: { cardId: 'privcards:card_1' } });
    expect(howZodWasLoaded()).toBe('import');
  });

  it('constructWebhookEventWebCrypto (the edge entry) loads zod itself', async () => {
    const { howZodWasLoaded } = await freshCore();
    const { signWebhookPayload } = await import('@cardgw/core');
    const { constructWebhookEventWebCrypto } = await import('@cardgw/core/webhooks/edge');
    const { privcardsWebhookProfile } = await import('@cardgw/adapter-privcards');
    const event = await constructWebhookEventWebCrypto({
      ...privcardsWebhookProfile,
      payload: delivery,
      signature: signWebhookPayload(delivery, secret),
      secret,
    });
    expect(event.type).toBe('card.frozen');
    expect(howZodWasLoaded()).toBe('import');
  });

  it('constructWebhookEvent, synchronous, as the very first thing: zod is required synchronously', async () => {
    const { isZodLoaded, howZodWasLoaded } = await freshCore();
    const { constructWebhookEvent, signWebhookPayload } = await import('@cardgw/core');
    const { privcardsWebhookProfile } = await import('@cardgw/adapter-privcards');
    expect(isZodLoaded()).toBe(false);
    const event = constructWebhookEvent({
      ...privcardsWebhookProfile,
      payload: delivery,
      signature: signWebhookPayload(delivery, secret),
      secret,
    });
    expect(event).toMatchObject({ type: 'card.frozen', data: { cardId: 'privcards:card_1' } });
    expect(howZodWasLoaded()).toBe('require');
  });
});
