import { once } from 'node:events';
import { Agent, createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Secret } from '@cardgw/core';
import { createHttpClient, type HttpClient, type ResponseSchema } from '@cardgw/core/provider-utils';
import type { Bench, BenchResult } from './types.js';

// P1: what the pipeline (limiter, retry wrapper, idempotency, auth, abort scopes, JSON parse, zod schema, hooks off)
// adds to a GET, as the ratio of median latencies: the pipeline ÷ the same GET through raw axios with the same
// keep-alive agent settings, measured interleaved in one run against one local server. Target ≤ 1.05 with 20 ms of
// server latency (a fast provider); with 0 ms the ratio shows the pipeline's absolute cost (report only).

const target = 1.05;
const warmUpPairs = 50;
const scenarios = [
  { latencyMs: 20, pairs: 200, gated: true },
  { latencyMs: 0, pairs: 2000, gated: false },
] as const;

const card = {
  id: 'card_8xK2m9Lp4q',
  label: 'Meta Ads Campaign #12',
  status: 'active',
  balance: 487.5,
  spending_limit: 2000,
  last4: '2039',
  network: 'visa',
  created_at: '2026-11-21T04:53:00Z',
};
/** The slices of axios and zod this file uses; both are core's dependencies, loaded from core (see `importFromCore`). */
interface RawAxios {
  create(config: Record<string, unknown>): { get(url: string): Promise<{ status: number; data: unknown }> };
}
interface ZodSlice {
  z: {
    looseObject(shape: Record<string, unknown>): ResponseSchema<typeof card>;
    string(): unknown;
    number(): unknown;
  };
}

/** A package as core sees it (the bench folder has no dependencies of its own), so both sides run the same copy. */
async function importFromCore<Module>(name: string, entry: string): Promise<Module> {
  const require = createRequire(new URL('../packages/core/package.json', import.meta.url));
  const root = dirname(require.resolve(`${name}/package.json`));
  return (await import(pathToFileURL(join(root, entry)).href)) as Module;
}

/** The schema an adapter would give the pipeline for a card: every field checked, extra fields kept. */
function cardSchemaFrom({ z }: ZodSlice): ResponseSchema<typeof card> {
  return z.looseObject({
    id: z.string(),
    label: z.string(),
    status: z.string(),
    balance: z.number(),
    spending_limit: z.number(),
    last4: z.string(),
    network: z.string(),
    created_at: z.string(),
  });
}

async function startCardServer(latencyMs: number): Promise<{ server: Server; baseUrl: string }> {
  const body = JSON.stringify(card);
  const server = createServer((incoming, response) => {
    incoming.resume();
    const answer = () => response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    if (latencyMs > 0) setTimeout(answer, latencyMs);
    else answer();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}/v1` };
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

async function measure(axios: RawAxios, cardSchema: ResponseSchema<typeof card>, latencyMs: number, pairs: number) {
  const { server, baseUrl } = await startCardServer(latencyMs);
  const pipeline: HttpClient = createHttpClient({
    provider: 'bench',
    baseUrl,
    auth: { headerName: 'Authorization', secret: new Secret('sk_test_bench'), format: (key) => `Bearer ${key}` },
    // Generous enough that the default in-process limiter never makes a call wait.
    limits: [
      { name: 'requests-per-minute', limit: 1_000_000, windowMs: 60_000 },
      { name: 'details-per-minute', limit: 1_000_000, windowMs: 60_000, operations: ['cards.details'] },
    ],
  });
  const agent = new Agent({ keepAlive: true });
  const raw = axios.create({
    baseURL: baseUrl,
    httpAgent: agent,
    headers: { Authorization: 'Bearer sk_test_bench', Accept: 'application/json', 'User-Agent': 'cardgw/0.1' },
  });
  const viaPipeline = () =>
    pipeline.request({ operation: 'cards.get', method: 'GET', path: '/cards/card_8xK2m9Lp4q', schema: cardSchema });
  const viaAxios = () => raw.get('/cards/card_8xK2m9Lp4q');

  const pipelineTimes: number[] = [];
  const axiosTimes: number[] = [];
  try {
    for (let pair = 0; pair < warmUpPairs + pairs; pair++) {
      // Alternate which goes first, so neither side always follows the other's socket reuse or GC pause.
      const pipelineFirst = pair % 2 === 0;
      const first = await timed(pipelineFirst ? viaPipeline : viaAxios);
      const second = await timed(pipelineFirst ? viaAxios : viaPipeline);
      if (pair < warmUpPairs) continue;
      pipelineTimes.push(pipelineFirst ? first : second);
      axiosTimes.push(pipelineFirst ? second : first);
    }
  } finally {
    await pipeline.close();
    agent.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return { pipelineMs: median(pipelineTimes), axiosMs: median(axiosTimes) };
}

const bench: Bench = async () => {
  const axios = (await importFromCore<{ default: RawAxios }>('axios', 'index.js')).default;
  const cardSchema = cardSchemaFrom(await importFromCore<ZodSlice>('zod', 'index.js'));
  const results: BenchResult[] = [];
  for (const scenario of scenarios) {
    const { pipelineMs, axiosMs } = await measure(axios, cardSchema, scenario.latencyMs, scenario.pairs);
    const ratio = pipelineMs / axiosMs;
    results.push({
      name: `P1 pipeline GET ÷ raw axios GET, median, ${scenario.latencyMs} ms server latency`,
      value: `${ratio.toFixed(3)}× (pipeline ${pipelineMs.toFixed(3)} ms, axios ${axiosMs.toFixed(3)} ms, ${scenario.pairs} pairs)`,
      target: scenario.gated ? `≤ ${target}` : 'report only',
      pass: scenario.gated ? ratio <= target : undefined,
    });
  }
  return results;
};

export default bench;
