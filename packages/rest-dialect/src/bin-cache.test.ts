import type { Bin } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { createBinCache } from './bin-cache.js';

const bins = [{ id: 'testpay:491653' } as Bin];

describe('createBinCache', () => {
  it('loads once within the TTL, shares a load in progress, and reloads after it', async () => {
    let now = 0;
    let loads = 0;
    const load = async () => {
      loads += 1;
      return bins;
    };
    const cache = createBinCache({ ttlMs: 1000, now: () => now, load });
    await Promise.all([cache.get(), cache.get()]);
    now = 999;
    await cache.get();
    expect(loads).toBe(1);
    now = 1000;
    expect(await cache.get()).toBe(bins);
    expect(loads).toBe(2);
  });

  it('does not keep a failed load', async () => {
    let fail = true;
    const cache = createBinCache({
      load: async () => {
        if (fail) throw new Error('down');
        return bins;
      },
    });
    await expect(cache.get()).rejects.toThrow('down');
    fail = false;
    await expect(cache.get()).resolves.toBe(bins);
  });

  it('loads for a caller with its own signal or deadline apart, so its abort cannot fail another caller', async () => {
    const calls: { options: unknown; reject: (error: Error) => void; resolve: (value: readonly Bin[]) => void }[] = [];
    const cache = createBinCache({
      load: (options) =>
        new Promise((resolve, reject) => {
          calls.push({ options, resolve, reject });
        }),
    });
    const signal = new AbortController().signal;
    const plain = cache.get();
    const bounded = cache.get({ signal, timeoutMs: 100 });
    expect(calls.map((call) => call.options)).toEqual([undefined, { signal, timeoutMs: 100 }]);
    calls[1]?.reject(new Error('aborted by its caller'));
    await expect(bounded).rejects.toThrow('aborted by its caller');
    calls[0]?.resolve(bins);
    await expect(plain).resolves.toBe(bins);
    await expect(cache.get({ signal })).resolves.toBe(bins);
    expect(calls).toHaveLength(2);
  });
});
