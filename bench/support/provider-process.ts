/**
 * The provider side of a bench run in a process of its own, as a real provider runs on another machine: the PrivCards
 * simulator enforcing LIMIT requests per WINDOW_MS (strict sliding window, 429 beyond it), behind a jitter proxy of
 * 0..JITTER_MS per request when JITTER_MS is set. Prints one JSON line `{ url, apiKey, cardId }` once it serves; on
 * the line `report` on stdin it prints `{ share, tooMany }` (share of the quota executed over WINDOWS windows from the
 * first request it executed; 429s answered) and exits.
 * Run: node --import tsx bench/support/provider-process.ts (env: LIMIT, WINDOW_MS, WINDOWS, JITTER_MS optional).
 */
import { createInterface } from 'node:readline';
import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { usd } from '@cardgw/core';
import { startJitterProxy } from './jitter-proxy.js';
import { quotaShare, recordCardGets } from './record-grants.js';

const limit = Number(process.env.LIMIT);
const windowMs = Number(process.env.WINDOW_MS);
const windows = Number(process.env.WINDOWS);
const jitterMs = process.env.JITTER_MS === undefined ? undefined : Number(process.env.JITTER_MS);

const recorded = recordCardGets(createMemoryIssuer({ provider: 'privcards' }));
const simulator = await startPrivCardsSimulator({
  limits: { 'requests-per-minute': { limit, windowMs } },
  backend: recorded.backend,
});
const proxy = jitterMs === undefined ? undefined : await startJitterProxy(simulator.url, jitterMs);
const card = await simulator.backend.cards.create({ binId: '491653', amount: usd(100), label: 'bench' });
process.stdout.write(
  `${JSON.stringify({ url: proxy?.url ?? simulator.url, apiKey: simulator.apiKey, cardId: card.id })}\n`,
);

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'report') continue;
  const tooMany = simulator.requests.filter((request) => request.status === 429).length;
  process.stdout.write(
    `${JSON.stringify({ share: quotaShare(recorded.grants, limit, windowMs, windows), tooMany })}\n`,
  );
  break;
}
await proxy?.close();
await simulator.close();
process.exit(0);
