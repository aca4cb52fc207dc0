import diagnosticsChannel from 'node:diagnostics_channel';
import { readdirSync, readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryIssuer } from '../../../packages/adapter-memory/src/memory-issuer.js';
import { diagnosticsChannelNames } from '../../../packages/core/src/diagnostics/index.js';
import { usd } from '../../../packages/core/src/domain/money.js';
import { AmbiguousOutcomeError } from '../../../packages/core/src/errors/ambiguous-outcome-error.js';
import { CardGatewayError } from '../../../packages/core/src/errors/card-gateway-error.js';
import { TimeoutError } from '../../../packages/core/src/errors/timeout-error.js';
import { createFailoverIssuer } from '../../../packages/core/src/gateway/failover-issuer.js';
import { createTestClient, mockSequence } from '../../../packages/core/src/http/test-support/client-fixtures.js';

const unsubscribers: (() => void)[] = [];
beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  nock.cleanAll();
  nock.enableNetConnect();
});

/** Every error published on `cardgw:error` from now until the end of the test. */
function publishedErrors(): unknown[] {
  const errors: unknown[] = [];
  const listener = (message: unknown) => errors.push((message as { error: unknown }).error);
  diagnosticsChannel.subscribe(diagnosticsChannelNames.error, listener);
  unsubscribers.push(() => diagnosticsChannel.unsubscribe(diagnosticsChannelNames.error, listener));
  return errors;
}

/** Lets anything still queued (a microtask, an immediate) be published before counting. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('cardgw:error', () => {
  it('reports a failure the pipeline re-wrapped once: the AmbiguousOutcomeError, not the 500 inside it', async () => {
    const errors = publishedErrors();
    const { client } = createTestClient({ retry: { minDelayMs: 1, maxDelayMs: 2, maxRetries: 1 } });
    mockSequence('post', '/v1/cards', [[500], [500]]);
    const failed = await client
      .request({
        operation: 'cards.create',
        method: 'POST',
        path: '/cards',
        schema: { safeParse: () => ({}) } as never,
      })
      .catch((error: unknown) => error);
    await settle();
    expect(AmbiguousOutcomeError.isInstance(failed)).toBe(true);
    expect((failed as AmbiguousOutcomeError).cause).toBeInstanceOf(CardGatewayError);
    expect(errors).toEqual([failed]);
    await client.close();
  });

  it('reports a failure once as it crosses the in-memory issuer and the failover composite', async () => {
    const errors = publishedErrors();
    const alpha = createMemoryIssuer({ provider: 'alpha' });
    const beta = createMemoryIssuer({ provider: 'beta' });
    const gateway = createFailoverIssuer([alpha, beta]);
    const ambiguous = new AmbiguousOutcomeError('alpha cards.create: the outcome is unknown', {
      provider: 'alpha',
      operation: 'cards.create',
      idempotencyKey: 'key-1',
      cause: new TimeoutError('alpha cards.create: the attempt timed out', { provider: 'alpha' }),
    });
    alpha.faults.failNext('cards.create', ambiguous);
    await expect(gateway.cards.create({ binId: '491653', amount: usd(10) })).rejects.toBe(ambiguous);
    await settle();
    expect(errors).toEqual([ambiguous]);
    await gateway.close();
  });

  it('reports a failed list once, whether it is awaited or iterated', async () => {
    const errors = publishedErrors();
    const issuer = createMemoryIssuer({ provider: 'alpha' });
    const bad = issuer.cards.list({ status: 'melted' } as never);
    const awaited = await Promise.resolve(bad).catch((error: unknown) => error);
    const iterated = await (async () => {
      for await (const _card of issuer.cards.list({ status: 'melted' } as never)) return undefined;
      return undefined;
    })().catch((error: unknown) => error);
    await settle();
    expect(CardGatewayError.isInstance(awaited)).toBe(true);
    expect(CardGatewayError.isInstance(iterated)).toBe(true);
    expect(errors).toEqual([awaited, iterated]);
  });

  it('leaves no import circle: no module of errors/ imports diagnostics/', () => {
    const folder = new URL('../../../packages/core/src/errors/', import.meta.url);
    const sources = readdirSync(folder).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      expect(readFileSync(new URL(file, folder), 'utf8'), file).not.toMatch(/from '\.\.\/diagnostics\//);
    }
  });
});
