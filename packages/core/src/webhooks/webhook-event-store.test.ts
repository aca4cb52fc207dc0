import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { createMemoryWebhookEventStore } from './webhook-event-store.js';

describe('createMemoryWebhookEventStore', () => {
  it('claims an id the first time only, and again after a release', async () => {
    const store = createMemoryWebhookEventStore();
    expect(await store.claim('p:evt_1')).toBe(true);
    expect(await store.claim('p:evt_1')).toBe(false);
    expect(await store.claim('p:evt_2')).toBe(true);
    await store.release('p:evt_1');
    expect(await store.claim('p:evt_1')).toBe(true);
  });

  it('forgets a claim after ttlMs', async () => {
    let time = 0;
    const store = createMemoryWebhookEventStore({ ttlMs: 1000, now: () => time });
    expect(await store.claim('p:evt_1')).toBe(true);
    time = 999;
    expect(await store.claim('p:evt_1')).toBe(false);
    time = 1000;
    expect(await store.claim('p:evt_1')).toBe(true);
  });

  it('keeps at most maxEntries ids, forgetting the oldest first', async () => {
    const store = createMemoryWebhookEventStore({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) expect(await store.claim(id)).toBe(true);
    expect(await store.claim('a')).toBe(true);
    expect(await store.claim('c')).toBe(false);
    expect(await store.claim('d')).toBe(false);
  });

  it('defaults to 24 hours', async () => {
    let time = 0;
    const store = createMemoryWebhookEventStore({ now: () => time });
    await store.claim('p:evt_1');
    time = 24 * 60 * 60 * 1000 - 1;
    expect(await store.claim('p:evt_1')).toBe(false);
    time += 1;
    expect(await store.claim('p:evt_1')).toBe(true);
  });

  it('refuses a non-positive maxEntries or ttlMs with a ConfigError', () => {
    expect(() => createMemoryWebhookEventStore({ maxEntries: 0 })).toThrow(ConfigError);
    expect(() => createMemoryWebhookEventStore({ ttlMs: -5 })).toThrow(ConfigError);
  });
});
