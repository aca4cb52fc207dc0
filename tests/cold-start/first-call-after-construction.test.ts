import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// An adapter as a user starts it: import, construct, first call. What construction no longer loads (axios, the wire
// schemas) is loaded by that first call, which must succeed like any later one. The modules are imported afresh
// (vi.resetModules) with axios counted, so "not loaded until the first call" is observed, not assumed.

let axiosLoads = 0;
// axios as core imports it (this folder has no axios of its own): the module its dynamic import resolves to.
const coreRequire = createRequire(new URL('../../packages/core/package.json', import.meta.url));
const axiosEntry = join(dirname(coreRequire.resolve('axios/package.json')), 'index.js');

beforeEach(() => {
  vi.resetModules();
  axiosLoads = 0;
  vi.doMock(axiosEntry, async (importOriginal) => {
    axiosLoads++;
    return await importOriginal();
  });
});

afterEach(() => {
  vi.doUnmock(axiosEntry);
  vi.resetModules();
});

describe('the first call after constructing an adapter', () => {
  it('PrivCards: construction loads no HTTP library; the first calls, at once, succeed and load it once', async () => {
    const { startPrivCardsSimulator } = await import('@cardgw/adapter-privcards/simulator');
    const { usd } = await import('@cardgw/core');
    const simulator = await startPrivCardsSimulator({ limits: false });
    try {
      const card = await simulator.backend.cards.create({ binId: '491653', amount: usd(100), label: 'Cold start' });
      const loadsBefore = axiosLoads;
      const { createPrivCards } = await import('@cardgw/adapter-privcards');
      const issuer = createPrivCards({ apiKey: simulator.apiKey, baseUrl: simulator.url });
      expect(axiosLoads).toBe(loadsBefore);

      const [got, listed] = await Promise.all([issuer.cards.get(card.id), issuer.cards.list()]);
      expect(got).toMatchObject({ id: card.id, label: 'Cold start', balance: usd(100) });
      expect(listed.data.map((item) => item.id)).toContain(card.id);
      expect(axiosLoads).toBe(loadsBefore + 1);
      await issuer.close();
    } finally {
      await simulator.close();
    }
  });
});
