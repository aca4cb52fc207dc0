import { describe, expect, it } from 'vitest';
import { createResponseReplayStore } from './response-replay-store.js';

const answer = (status: number) => Promise.resolve({ status, body: `{"status":${status}}` });

describe('createResponseReplayStore', () => {
  it('replays a recorded answer and forgets the oldest keys beyond its capacity', async () => {
    const store = createResponseReplayStore(2);
    store.track('a', answer(201));
    store.track('b', answer(200));
    store.track('c', answer(400));
    expect(store.size).toBe(2);
    expect(store.find('a')).toBeUndefined();
    await expect(store.find('c')).resolves.toEqual({ status: 400, body: '{"status":400}' });
  });

  it('does not record an answer a retry must not get again', async () => {
    const store = createResponseReplayStore();
    const unrecorded = Promise.resolve(undefined);
    store.track('failed', unrecorded);
    await unrecorded;
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.find('failed')).toBeUndefined();
  });

  it('forgets a key once it is older than the retention, on the clock it is given (the backend clock)', async () => {
    let now = 0;
    const store = createResponseReplayStore(10, () => now, 1_000);
    store.track('key', answer(201));
    now = 1_000;
    await expect(store.find('key')).resolves.toEqual({ status: 201, body: '{"status":201}' });
    now = 1_001;
    expect(store.find('key')).toBeUndefined();
    expect(store.size).toBe(0);
  });
});
