import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import cardFreeze from '../../packages/adapter-privcards/src/fixtures/family-card-freeze.json' with { type: 'json' };

// A fault a review found, fixed since; this test keeps it fixed. As it was: an idempotency key the caller's options object INHERITS (a class with an `idempotencyKey` getter,
// `Object.create(defaults)`) passes validation (zod's looseObject reads inherited keys, so a malformed one is refused)
// but is never sent: a random key replaces it, on the first call (whose options `load-zod-for-call.ts` copies with a
// spread) and on later ones alike. A retried payment then cannot be deduplicated by the provider. Either the key is
// sent, or the options are refused with an InvalidRequestError; silently replacing it is neither.

beforeEach(() => vi.resetModules());
afterEach(() => vi.resetModules());

/** The `x-idempotency-key` of two `cards.freeze` calls with `options`, the first made before zod is loaded. */
async function idempotencyKeysSent(options: object): Promise<(string | undefined)[]> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(cardFreeze));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { isZodLoaded } = await import('../../packages/core/src/validation/zod.js');
  const { createPrivCards } = await import('@cardgw/adapter-privcards');
  const privcards = createPrivCards({
    apiKey: 'sk_test_inherited0000000000000000',
    baseUrl: `http://127.0.0.1:${port}/v1`,
  });
  try {
    expect(isZodLoaded(), 'the first call must be the one that loads zod').toBe(false);
    await privcards.cards.freeze('privcards:card_8xK2m9Lp4q', options); // first call: loads zod
    await privcards.cards.freeze('privcards:card_8xK2m9Lp4q', options); // second call: zod loaded
  } finally {
    await privcards.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return seen.map((headers) => headers['x-idempotency-key'] as string | undefined);
}

it('an inherited idempotencyKey is sent, not replaced by a random one', async () => {
  const defaults = { idempotencyKey: 'order-4711-freeze' };
  const options = Object.assign(Object.create(defaults) as object, { timeoutMs: 10_000 });
  expect(await idempotencyKeysSent(options)).toEqual(['order-4711-freeze', 'order-4711-freeze']);
});

it('a class instance with an idempotencyKey getter has its key sent', async () => {
  class FreezeOptions {
    readonly timeoutMs = 10_000;
    get idempotencyKey(): string {
      return 'order-4712-freeze';
    }
  }
  expect(await idempotencyKeysSent(new FreezeOptions())).toEqual(['order-4712-freeze', 'order-4712-freeze']);
});
