import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardGatewayError, ConfigError, InvalidRequestError, RateLimitError } from '../errors/index.js';
import { maxTimerMs } from '../validation/duration-range.js';
import { card, cardSchema, createTestClient, mockSequence } from './test-support/client-fixtures.js';

const getCard = { operation: 'cards.get', method: 'GET', path: '/cards/card_8xK2m9Lp4q', schema: cardSchema } as const;
const fixedNow = Date.parse('2026-11-30T00:00:00Z');
/** The longest window among the fixture's rules (per minute): the default cap on an honoured Retry-After. */
const longestWindowMs = 60_000;

async function failure(promise: Promise<unknown>): Promise<CardGatewayError> {
  try {
    await promise;
  } catch (error) {
    if (CardGatewayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  vi.useRealTimers();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('Retry-After beyond the cap', () => {
  it.each([
    ['36000 seconds', '36000', 36_000_000],
    ['an HTTP date in 2100', 'Fri, 01 Jan 2100 00:00:00 GMT', Date.parse('2100-01-01T00:00:00Z') - fixedNow],
  ])(
    'fails the call with RateLimitError and pauses the limiter no longer than the longest window (%s)',
    async (_, header, expectedMs) => {
      // A fixed clock (timers stay real): the wait until 2100 in ms is then a known 13-digit number, which the
      // leakage audit checks like any other, never one that happens to pass the Luhn check of a card number.
      vi.useFakeTimers({ toFake: ['Date'], now: fixedNow });
      // Deadline and retries leave room: only the cap stops the wait.
      const { client, limiter } = createTestClient({ timeoutMs: maxTimerMs });
      const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [
        [429, '', { 'Retry-After': header }],
        [200, card],
      ]);
      const error = await failure(client.request(getCard));
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThanOrEqual(expectedMs - 60_000);
      expect(recorded).toHaveLength(1);
      expect(limiter.paused.length).toBeGreaterThan(0);
      for (const pause of limiter.paused) expect(pause.ms).toBeLessThanOrEqual(longestWindowMs);
      await client.close();
    },
  );

  it('honours retry.maxRetryAfterMs as the cap when it is set', async () => {
    const { client, limiter } = createTestClient({ retry: { maxRetryAfterMs: 5000 } });
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[429, '', { 'Retry-After': '30' }]]);
    const error = await failure(client.request(getCard));
    expect(error).toMatchObject({ retryAfterMs: 30_000 });
    expect(limiter.paused.map((pause) => pause.ms)).toEqual([5000]);
    await client.close();
  });
});

describe('duration options out of range', () => {
  it('refuses a per-call timeoutMs of 2^31 ms or more with InvalidRequestError, sending nothing', async () => {
    const { client } = createTestClient();
    const { recorded } = mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [[200, card]]);
    for (const timeoutMs of [2 ** 31, 2 ** 40]) {
      const error = await failure(client.request({ ...getCard, options: { timeoutMs } }));
      expect(InvalidRequestError.isInstance(error)).toBe(true);
    }
    expect(recorded).toHaveLength(0);
    // The longest accepted deadline still works.
    await expect(client.request({ ...getCard, options: { timeoutMs: maxTimerMs } })).resolves.toMatchObject({
      status: 200,
    });
    await client.close();
  });

  it.each([
    ['timeoutMs', { timeoutMs: 2 ** 31 }],
    ['attemptTimeoutMs', { attemptTimeoutMs: 2 ** 31 }],
    ['retry.maxRetryAfterMs', { retry: { maxRetryAfterMs: 2 ** 31 } }],
    ['retry.maxDelayMs', { retry: { maxDelayMs: Number.POSITIVE_INFINITY } }],
    ['retry.minDelayMs', { retry: { minDelayMs: -1 } }],
  ])('refuses %s outside 1 ms to 2^31−1 ms with ConfigError at construction', (option, overrides) => {
    let caught: unknown;
    try {
      createTestClient(overrides);
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect((caught as ConfigError).option).toBe(option);
  });
});

describe('the slot of an attempt', () => {
  it('is held by the limiter until the attempt has its answer, then completed once', async () => {
    const { client, limiter } = createTestClient({ attemptTimeoutMs: 4000 });
    const events: string[] = [];
    limiter.nextAcquire = () =>
      Promise.resolve({ waitedMs: 0, limitedBy: undefined, complete: () => events.push('complete') });
    mockSequence('get', '/v1/cards/card_8xK2m9Lp4q', [
      [500, { error: 'boom' }],
      [200, card],
    ]);
    const response = await client.request(getCard);
    events.push('answered');
    expect(response.attempts).toBe(2);
    // One completion per attempt, each before the call returned.
    expect(events).toEqual(['complete', 'complete', 'answered']);
    // Held for twice the attempt timeout at most, should the completion never come.
    expect(limiter.acquired.map((acquired) => acquired.options?.holdMs)).toEqual([8000, 8000]);
    await client.close();
  });
});
