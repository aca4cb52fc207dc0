import { fullMemoryCapabilities } from '@cardgw/adapter-memory';
import { InvalidRequestError, outcomeOf, ProviderUnavailableError, TimeoutError, usd } from '@cardgw/core';
import { type HttpClient, type HttpRequest, termsOf, withOutcome } from '@cardgw/core/provider-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRestCardIssuer } from './rest-card-issuer.js';
import {
  sparseBinsListExample as binsList,
  createdCardExample as createdCard,
} from './test-support/dialect-wire-examples.js';

/** A pipeline stand-in: records each request, answers the fixture of its operation, optionally after `spendMs`. */
function fakeHttp(spendMs: Partial<Record<string, number>> = {}) {
  const requests: HttpRequest<unknown>[] = [];
  const answers: Record<string, unknown> = { 'bins.list': binsList, 'cards.create': createdCard };
  const http: HttpClient = {
    provider: 'testpay',
    async request<Output>(request: HttpRequest<Output>) {
      requests.push(request as HttpRequest<unknown>);
      vi.setSystemTime(Date.now() + (spendMs[request.operation] ?? 0));
      const parsed = request.schema.safeParse(answers[request.operation]);
      if (!parsed.success) throw new Error(`fixture of ${request.operation} does not parse`);
      return { data: parsed.data, status: 200, requestId: undefined, idempotencyKey: undefined, attempts: 1 };
    },
    close: async () => {},
  };
  return { http, requests };
}

const byCriteria = { bin: { network: 'visa' as const }, amount: usd(50) };

afterEach(() => {
  vi.useRealTimers();
});

describe('createRestCardIssuer: card creation by BIN criteria', () => {
  it('looks the BIN up under the call’s signal, deadline and retries, but not its idempotency key', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { http, requests } = fakeHttp();
    const issuer = createRestCardIssuer({ provider: 'testpay', capabilities: fullMemoryCapabilities, http });
    const signal = new AbortController().signal;
    await issuer.cards.create(byCriteria, { signal, timeoutMs: 5_000, maxRetries: 1, idempotencyKey: 'create-1' });
    const [lookup, post] = requests;
    expect(lookup).toMatchObject({ operation: 'bins.list', method: 'GET' });
    expect(lookup?.options).toMatchObject({ signal, timeoutMs: 5_000, maxRetries: 1 });
    expect(lookup?.options).not.toHaveProperty('idempotencyKey');
    // One deadline for the call: the lookup and the POST carry the same terms, fixed once.
    expect(termsOf(lookup?.options)?.deadline).toBe(Date.now() + 5_000);
    expect(termsOf(post?.options)?.deadline).toBe(termsOf(lookup?.options)?.deadline);
    expect(post).toMatchObject({ operation: 'cards.create', method: 'POST', body: { bin_id: '491653' } });
    expect(post?.options).toMatchObject({ signal, maxRetries: 1, idempotencyKey: 'create-1' });
  });

  it('gives the POST only what the lookup left of the call’s deadline', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { http, requests } = fakeHttp({ 'bins.list': 1_200 });
    const issuer = createRestCardIssuer({ provider: 'testpay', capabilities: fullMemoryCapabilities, http });
    await issuer.cards.create(byCriteria, { timeoutMs: 5_000 });
    expect(requests[1]?.options?.timeoutMs).toBe(3_800);
  });

  it('sends no POST once the lookup has spent the whole deadline: a TimeoutError, nothing can have happened', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { http, requests } = fakeHttp({ 'bins.list': 2_000 });
    const issuer = createRestCardIssuer({ provider: 'testpay', capabilities: fullMemoryCapabilities, http });
    const error = await issuer.cards.create(byCriteria, { timeoutMs: 2_000 }).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).code).toBe('timeout');
    expect(outcomeOf(error)).toBe('not_sent');
    expect(requests.map((request) => request.operation)).toEqual(['bins.list']);
  });

  it('reports a failed BIN lookup as not sent, so a failover composite may try another provider', async () => {
    const lookupFailure = withOutcome(
      new ProviderUnavailableError('testpay bins.list: connection reset', {
        code: 'connection_reset',
        provider: 'testpay',
      }),
      'unknown',
    );
    const requests: string[] = [];
    const http: HttpClient = {
      provider: 'testpay',
      async request(request) {
        requests.push(request.operation);
        throw lookupFailure;
      },
      close: async () => {},
    };
    const issuer = createRestCardIssuer({ provider: 'testpay', capabilities: fullMemoryCapabilities, http });
    const error = await issuer.cards.create(byCriteria).catch((caught: unknown) => caught);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect(outcomeOf(error)).toBe('not_sent');
    expect(requests).toEqual(['bins.list']);
  });

  it('refuses a malformed idempotency key or deadline before the lookup, not after it', async () => {
    const { http, requests } = fakeHttp();
    const issuer = createRestCardIssuer({ provider: 'testpay', capabilities: fullMemoryCapabilities, http });
    for (const options of [{ idempotencyKey: 'has a space' }, { timeoutMs: -1 }]) {
      const error = await issuer.cards.create(byCriteria, options).catch((caught: unknown) => caught);
      expect(InvalidRequestError.isInstance(error)).toBe(true);
    }
    expect(requests).toEqual([]);
  });

  it('shares one lookup between calls without options of their own', async () => {
    const { http, requests } = fakeHttp();
    const issuer = createRestCardIssuer({ provider: 'testpay', capabilities: fullMemoryCapabilities, http });
    await Promise.all([issuer.cards.create(byCriteria), issuer.cards.create(byCriteria, { idempotencyKey: 'k-2' })]);
    expect(requests.filter((request) => request.operation === 'bins.list')).toHaveLength(1);
  });
});
