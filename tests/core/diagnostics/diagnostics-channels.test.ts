import diagnosticsChannel from 'node:diagnostics_channel';
import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type DiagnosticChannel,
  publishDiagnostic,
} from '../../../packages/core/src/diagnostics/diagnostics-channels.js';
import { diagnosticsChannelNames } from '../../../packages/core/src/diagnostics/index.js';
import { usd } from '../../../packages/core/src/domain/money.js';
import { ProviderUnavailableError } from '../../../packages/core/src/errors/provider-unavailable-error.js';
import { RateLimitError } from '../../../packages/core/src/errors/rate-limit-error.js';
import { createFailoverIssuer } from '../../../packages/core/src/gateway/failover-issuer.js';
import { createObserver } from '../../../packages/core/src/http/observer.js';

const unsubscribers: (() => void)[] = [];
afterEach(() => {
  for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
});

/** Everything published on `name` from now until the end of the test. */
function listen(name: string): unknown[] {
  const messages: unknown[] = [];
  const listener = (message: unknown) => messages.push(message);
  diagnosticsChannel.subscribe(name, listener);
  unsubscribers.push(() => diagnosticsChannel.unsubscribe(name, listener));
  return messages;
}

describe('diagnostics channels', () => {
  it('are named cardgw:error, cardgw:http, cardgw:log and cardgw:gateway, plus the cardgw:call tracing channel', () => {
    expect(diagnosticsChannelNames).toEqual({
      error: 'cardgw:error',
      http: 'cardgw:http',
      log: 'cardgw:log',
      gateway: 'cardgw:gateway',
      call: 'cardgw:call',
    });
  });

  it('reports no error on construction: only where one leaves the library (publish-failure.test.ts)', async () => {
    const messages = listen(diagnosticsChannelNames.error);
    new RateLimitError('slow down', { provider: 'acme', retryAfterMs: 1500 });
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(messages).toEqual([]);
  });

  it('builds nothing for a channel nobody listens to', () => {
    const quiet: DiagnosticChannel<string> = { hasSubscribers: false, publish: vi.fn() };
    const build = vi.fn(() => 'message');
    publishDiagnostic(quiet, build);
    expect(build).not.toHaveBeenCalled();
    expect(quiet.publish).not.toHaveBeenCalled();
    const listened: DiagnosticChannel<string> = { hasSubscribers: true, publish: vi.fn() };
    publishDiagnostic(listened, build);
    expect(listened.publish).toHaveBeenCalledWith('message');
  });

  it('never lets a message that cannot be built break the call it reports', () => {
    const listened: DiagnosticChannel<string> = { hasSubscribers: true, publish: vi.fn() };
    expect(() =>
      publishDiagnostic(listened, () => {
        throw new Error('broken');
      }),
    ).not.toThrow();
  });

  it('mirrors the pipeline hook events and log lines, redacted, with no hook or logger configured', () => {
    const http = listen(diagnosticsChannelNames.http);
    const log = listen(diagnosticsChannelNames.log);
    const secret = 'sk_test_DIAGNOSTICS0001';
    const observer = createObserver(undefined, undefined, () => [secret]);
    const event = {
      provider: 'acme',
      operation: 'cards.fund',
      method: 'POST' as const,
      path: '/cards/card_1/fund',
      attempt: 1,
      idempotencyKey: 'key-1',
    };
    observer.request(event);
    observer.retry({ ...event, delayMs: 250, errorCode: 'server_error', status: 500 });
    observer.rateLimitWait({ provider: 'acme', operation: 'cards.fund', rule: 'requests-per-minute', waitMs: 12 });
    // A foreign error quoting the key, as a transport library's might: the log line must not.
    observer.failure(event, new Error(`down (Bearer ${secret})`));
    expect(http).toEqual([
      { type: 'request', event },
      { type: 'retry', event: { ...event, delayMs: 250, errorCode: 'server_error', status: 500 } },
      {
        type: 'rate-limit-wait',
        event: { provider: 'acme', operation: 'cards.fund', rule: 'requests-per-minute', waitMs: 12 },
      },
    ]);
    expect(log.map((message) => (message as { level: string }).level)).toEqual(['warn', 'debug', 'error']);
    expect(JSON.stringify(log)).toContain('cardgw: request failed');
    expect(JSON.stringify(log)).not.toContain(secret);
  });

  it('mirrors failover and circuit events of the failover composite, with their log lines', async () => {
    const gateway = listen(diagnosticsChannelNames.gateway);
    const log = listen(diagnosticsChannelNames.log);
    const alpha = createMemoryIssuer({ provider: 'alpha' });
    const beta = createMemoryIssuer({ provider: 'beta' });
    const failover = createFailoverIssuer([alpha, beta], {
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
    });
    alpha.faults.failNext(
      'cards.create',
      new ProviderUnavailableError('refused', { provider: 'alpha', code: 'connection_failed' }),
    );
    const card = await failover.cards.create({ binId: '491653', amount: usd(10) });
    expect(card.provider).toBe('beta');
    expect(gateway).toEqual(
      expect.arrayContaining([
        { type: 'circuit-change', event: { provider: 'alpha', state: 'open' } },
        {
          type: 'failover',
          event: { operation: 'cards.create', from: 'alpha', to: 'beta', reason: 'connection_failed' },
        },
      ]),
    );
    expect(log).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 'warn', message: expect.stringContaining('moved') })]),
    );
    await failover.close();
  });
});
