import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { createMemoryWebhookEventStore } from './webhook-event-store.js';

describe('createMemoryWebhookEventStore', () => {
  it('answers processing while an event is claimed, done once completed, and claimed again after a release', async () => {
    const store = createMemoryWebhookEventStore();
    expect(await store.claim('p:evt_1')).toBe('claimed');
    expect(await store.claim('p:evt_1')).toBe('processing');
    expect(await store.claim('p:evt_2')).toBe('claimed');
    await store.complete('p:evt_2');
    expect(await store.claim('p:evt_2')).toBe('done');
    await store.release('p:evt_1');
    expect(await store.claim('p:evt_1')).toBe('claimed');
  });

  it('forgets a processed event after ttlMs', async () => {
    let time = 0;
    const store = createMemoryWebhookEventStore({ ttlMs: 1000, now: () => time });
    expect(await store.claim('p:evt_1')).toBe('claimed');
    time = 10;
    await store.complete('p:evt_1');
    time = 1009;
    expect(await store.claim('p:evt_1')).toBe('done');
    time = 1010;
    expect(await store.claim('p:evt_1')).toBe('claimed');
  });

  it('lets a redelivery take over a claim still processing after processingTimeoutMs (its handler hung)', async () => {
    let time = 0;
    const store = createMemoryWebhookEventStore({ processingTimeoutMs: 500, now: () => time });
    expect(await store.claim('p:evt_1')).toBe('claimed');
    time = 499;
    expect(await store.claim('p:evt_1')).toBe('processing');
    time = 500;
    expect(await store.claim('p:evt_1')).toBe('claimed');
  });

  it('checks each entry’s own expiry, even behind a longer-lived one written earlier', async () => {
    let time = 0;
    const store = createMemoryWebhookEventStore({ ttlMs: 10_000, processingTimeoutMs: 100, now: () => time });
    await store.claim('p:done');
    await store.complete('p:done');
    await store.claim('p:stuck');
    time = 100;
    expect(await store.claim('p:stuck')).toBe('claimed');
    expect(await store.claim('p:done')).toBe('done');
  });

  it('keeps at most maxEntries ids, forgetting the oldest first', async () => {
    const store = createMemoryWebhookEventStore({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) expect(await store.claim(id)).toBe('claimed');
    expect(await store.claim('a')).toBe('claimed');
    expect(await store.claim('c')).toBe('processing');
    expect(await store.claim('d')).toBe('processing');
  });

  it('defaults to 24 hours for processed events and 5 minutes for processing ones', async () => {
    let time = 0;
    const store = createMemoryWebhookEventStore({ now: () => time });
    await store.claim('p:done');
    await store.complete('p:done');
    await store.claim('p:stuck');
    time = 5 * 60 * 1000 - 1;
    expect(await store.claim('p:stuck')).toBe('processing');
    time += 1;
    expect(await store.claim('p:stuck')).toBe('claimed');
    time = 24 * 60 * 60 * 1000 - 1;
    expect(await store.claim('p:done')).toBe('done');
    time += 1;
    expect(await store.claim('p:done')).toBe('claimed');
  });

  it('refuses a non-positive maxEntries, ttlMs or processingTimeoutMs with a ConfigError', () => {
    expect(() => createMemoryWebhookEventStore({ maxEntries: 0 })).toThrow(ConfigError);
    expect(() => createMemoryWebhookEventStore({ ttlMs: -5 })).toThrow(ConfigError);
    expect(() => createMemoryWebhookEventStore({ processingTimeoutMs: 0 })).toThrow(ConfigError);
  });
});
