import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usd } from '../../../packages/core/src/domain/money.js';
import { TimeoutError } from '../../../packages/core/src/errors/index.js';
import { subscribeToAbort } from '../../../packages/core/src/http/abort-fan-out.js';
import { createAbortScope, raceAbort, sleep } from '../../../packages/core/src/http/abort-scope.js';
import { createHttpClient } from '../../../packages/core/src/http/http-client.js';
import { Secret } from '../../../packages/core/src/redaction/secret.js';
import { createWebhookDispatcher } from '../../../packages/rest-dialect/src/simulator/webhook-dispatcher.js';

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

let warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
const servers: Server[] = [];

beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});

afterEach(async () => {
  process.off('warning', onWarning);
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** Node emits its warnings on a later tick. */
async function warningsSoFar(): Promise<string[]> {
  await new Promise((resolve) => setImmediate(resolve));
  return warnings.map((warning) => `${warning.name}: ${warning.message}`);
}

/** A server on 127.0.0.1 that answers every request after `delayMs`, so calls overlap. */
async function slowServer(delayMs: number, status = 200): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    setTimeout(() => response.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}'), delayMs);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const anything = { safeParse: (input: unknown) => ({ success: true as const, data: input }) };

describe('subscribeToAbort', () => {
  it('holds one listener on a signal however many subscribe, and none once the last leaves', () => {
    const controller = new AbortController();
    const unsubscribes = Array.from({ length: 100 }, () => subscribeToAbort(controller.signal, () => {}));
    expect(abortListeners(controller.signal)).toBe(1);
    for (const unsubscribe of unsubscribes.slice(1)) unsubscribe();
    expect(abortListeners(controller.signal)).toBe(1);
    unsubscribes[0]?.();
    unsubscribes[0]?.();
    expect(abortListeners(controller.signal)).toBe(0);
    // A later burst starts again from one listener, never piling up.
    const again = subscribeToAbort(controller.signal, () => {});
    expect(abortListeners(controller.signal)).toBe(1);
    again();
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('calls every subscriber still there when the signal aborts, once each, and not the ones that left', () => {
    const controller = new AbortController();
    const called: number[] = [];
    const unsubscribes = [0, 1, 2, 3].map((index) => subscribeToAbort(controller.signal, () => called.push(index)));
    unsubscribes[1]?.();
    // The same function subscribed twice is two subscriptions.
    const twice = () => called.push(9);
    subscribeToAbort(controller.signal, twice);
    subscribeToAbort(controller.signal, twice);
    controller.abort();
    controller.abort();
    expect(called).toEqual([0, 2, 3, 9, 9]);
    expect(abortListeners(controller.signal)).toBe(0);
    for (const unsubscribe of unsubscribes) unsubscribe();
  });

  it('lets a subscriber unsubscribe another while the abort is fanned out', () => {
    const controller = new AbortController();
    const called: string[] = [];
    let unsubscribeSecond = () => {};
    subscribeToAbort(controller.signal, () => {
      called.push('first');
      unsubscribeSecond();
    });
    unsubscribeSecond = subscribeToAbort(controller.signal, () => called.push('second'));
    controller.abort();
    expect(called).toEqual(['first']);
  });

  it('calls at once for a signal that already aborted, adding no listener', () => {
    const called: string[] = [];
    const signal = AbortSignal.abort();
    subscribeToAbort(signal, () => called.push('now'))();
    expect(called).toEqual(['now']);
    expect(abortListeners(signal)).toBe(0);
  });
});

describe('one long-lived signal under many concurrent waits', () => {
  it('keeps one listener for 50 abort scopes, sleeps and races on one parent, and none after', async () => {
    const parent = new AbortController();
    const scopes = Array.from({ length: 50 }, () =>
      createAbortScope({ parent: parent.signal, timeoutMs: 60_000, timeoutCause: 'deadline' }),
    );
    const sleeps = Array.from({ length: 50 }, () => sleep(1, parent.signal));
    const races = Array.from({ length: 50 }, () => raceAbort(sleep(1, new AbortController().signal), parent.signal));
    expect(abortListeners(parent.signal)).toBe(1);
    await Promise.all([...sleeps, ...races]);
    for (const scope of scopes) scope.dispose();
    expect(abortListeners(parent.signal)).toBe(0);
    expect(await warningsSoFar()).toEqual([]);
  });

  it('still aborts every one of 50 scopes when the shared parent aborts', async () => {
    const parent = new AbortController();
    const scopes = Array.from({ length: 50 }, () =>
      createAbortScope({ parent: parent.signal, timeoutMs: 60_000, timeoutCause: 'deadline' }),
    );
    const sleeps = Array.from({ length: 50 }, () => sleep(60_000, parent.signal).catch(() => 'aborted'));
    parent.abort();
    expect(scopes.every((scope) => scope.signal.aborted && scope.cause === 'aborted')).toBe(true);
    expect(new Set(await Promise.all(sleeps))).toEqual(new Set(['aborted']));
    for (const scope of scopes) scope.dispose();
  });
});

describe('50 concurrent calls through one HTTP client', () => {
  it('share one caller signal without a MaxListenersExceededWarning, leaving no listener behind', async () => {
    const baseUrl = await slowServer(30);
    const client = createHttpClient({
      provider: 'testpay',
      baseUrl,
      auth: { headerName: 'Authorization', secret: new Secret('sk_test_FANOUT0123456789') },
      limits: [],
    });
    const caller = new AbortController();
    try {
      const calls = Array.from({ length: 50 }, () =>
        client.request({
          operation: 'cards.get',
          method: 'GET',
          path: '/cards/card_1',
          schema: anything,
          options: { signal: caller.signal },
        }),
      );
      expect(abortListeners(caller.signal)).toBeLessThanOrEqual(1);
      expect(await Promise.all(calls)).toHaveLength(50);
      expect(abortListeners(caller.signal)).toBe(0);
      expect(await warningsSoFar()).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('aborts all 50 when the shared caller signal aborts', async () => {
    const baseUrl = await slowServer(5_000);
    const client = createHttpClient({ provider: 'testpay', baseUrl, limits: [], retry: { maxRetries: 0 } });
    const caller = new AbortController();
    try {
      const calls = Array.from({ length: 50 }, () =>
        client
          .request({
            operation: 'cards.get',
            method: 'GET',
            path: '/x',
            schema: anything,
            options: { signal: caller.signal },
          })
          .catch((error: unknown) => error),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      caller.abort();
      const failures = await Promise.all(calls);
      expect(failures.every((error) => TimeoutError.isInstance(error) && error.code === 'aborted')).toBe(true);
      expect(await warningsSoFar()).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe('the simulators’ webhook dispatcher', () => {
  it('delivers 60 events at once to a slow receiver without a MaxListenersExceededWarning', async () => {
    const receiver = await slowServer(30);
    const backend = createMemoryIssuer({ provider: 'testpay' });
    await backend.webhooks.create({ url: `${receiver}/hooks`, events: ['*'] });
    const dispatcher = createWebhookDispatcher({ backend, signatureHeader: 'X-Webhook-Signature' });
    try {
      const card = await backend.cards.create({ binId: '491653', amount: usd(500) });
      await Promise.all(
        Array.from({ length: 30 }, () =>
          backend.simulate.purchase(card.id, { amount: usd(1), merchant: { name: 'FACEBK ADS' } }),
        ),
      );
      await dispatcher.idle();
      expect(dispatcher.deliveries.filter((delivery) => delivery.delivered).length).toBeGreaterThanOrEqual(60);
      expect(await warningsSoFar()).toEqual([]);
    } finally {
      await dispatcher.close();
    }
  });
});
