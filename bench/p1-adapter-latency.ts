import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createPrivCards } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { usd } from '@cardgw/core';
import { importFromCore } from './support/import-from-core.js';
import type { Bench, BenchResult } from './types.js';

// P1 through the real stack: `issuer.cards.get(id)` through the PrivCards adapter (validation, limiter, pipeline,
// auth, zod wire schema, mapping to the domain card) against the PrivCards simulator, ÷ the same GET through raw axios
// to the same simulator URL with the same keep-alive agent settings, interleaved pairs, median of each. Target ≤ 1.05
// with 20 ms of simulator latency (a fast provider); with none, report only (the adapter's absolute cost shows).
// Quotas are out of reach on both sides, so nothing waits for a limiter.

const target = 1.05;
const warmUpPairs = 50;
const scenarios = [
  { latencyMs: 20, pairs: 300, gated: true },
  { latencyMs: 0, pairs: 2_000, gated: false },
] as const;

const unlimited = { limit: 1_000_000_000 };

interface RawAxios {
  create(config: Record<string, unknown>): { get(url: string): Promise<{ status: number; data: unknown }> };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

const bench: Bench = async () => {
  const axios = (await importFromCore<{ default: RawAxios }>('axios', 'index.js')).default;
  const simulator = await startPrivCardsSimulator({ limits: false });
  const issuer = createPrivCards({
    apiKey: simulator.apiKey,
    baseUrl: simulator.url,
    limits: {
      'requests-per-minute': unlimited,
      'requests-per-hour': unlimited,
      'card-creates-per-minute': unlimited,
      'card-details-per-minute': unlimited,
    },
  });
  // The adapter's transport: an http.Agent with keepAlive and nothing else set.
  const agent = new Agent({ keepAlive: true });
  const raw = axios.create({
    baseURL: simulator.url,
    httpAgent: agent,
    headers: { Authorization: `Bearer ${simulator.apiKey}`, Accept: 'application/json', 'User-Agent': 'cardgw/0.1' },
  });
  const results: BenchResult[] = [];
  try {
    const card = await simulator.backend.cards.create({ binId: '491653', amount: usd(100), label: 'P1' });
    const viaAdapter = () => issuer.cards.get(card.id);
    const viaAxios = async () => {
      const response = await raw.get(`/cards/${card.providerId}`);
      if (response.status !== 200) throw new Error(`raw GET answered ${response.status}`);
    };
    for (const scenario of scenarios) {
      simulator.faults.latency(scenario.latencyMs);
      const adapterTimes: number[] = [];
      const axiosTimes: number[] = [];
      for (let pair = 0; pair < warmUpPairs + scenario.pairs; pair++) {
        // Alternate which goes first, so neither always follows the other's socket reuse or GC pause.
        const adapterFirst = pair % 2 === 0;
        const first = await timed(adapterFirst ? viaAdapter : viaAxios);
        const second = await timed(adapterFirst ? viaAxios : viaAdapter);
        if (pair < warmUpPairs) continue;
        adapterTimes.push(adapterFirst ? first : second);
        axiosTimes.push(adapterFirst ? second : first);
      }
      const adapterMs = median(adapterTimes);
      const axiosMs = median(axiosTimes);
      const ratio = adapterMs / axiosMs;
      results.push({
        name: `P1 adapter cards.get ÷ raw axios GET via the PrivCards simulator, median, ${scenario.latencyMs} ms latency`,
        value: `${ratio.toFixed(3)}× (adapter ${adapterMs.toFixed(3)} ms, axios ${axiosMs.toFixed(3)} ms, ${scenario.pairs} pairs)`,
        target: scenario.gated ? `≤ ${target}` : 'report only',
        pass: scenario.gated ? ratio <= target : undefined,
      });
    }
  } finally {
    await issuer.close();
    agent.destroy();
    await simulator.close();
  }
  return results;
};

export default bench;
