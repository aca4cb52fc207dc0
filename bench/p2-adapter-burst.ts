import { createPrivCards } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { CardGatewayError, usd } from '@cardgw/core';
import { createMemoryIssuer } from '@cardgw/core/memory';
import type { RestLimitOverrides } from '@cardgw/core/rest';
import { quotaShare, recordCardGets } from './support/record-grants.js';
import type { Bench, BenchResult } from './types.js';

// P2 through the real stack: the PrivCards simulator enforcing a strict sliding window scaled down to 100 requests
// per 2 s on every request (it answers 429 beyond it), the PrivCards adapter configured with the same limits, and an
// oversubscribed burst of 350 concurrent `cards.get`. Targets: ≥ 99% of the quota used over the first three windows
// (counted where the simulator executed the requests) and no 429 answered.

const limit = 100;
const windowMs = 2_000;
const windows = 3;
const burst = 350;

const bench: Bench = async () => {
  const limits: RestLimitOverrides = { 'requests-per-minute': { limit, windowMs } };
  const recorded = recordCardGets(createMemoryIssuer({ provider: 'privcards' }));
  const simulator = await startPrivCardsSimulator({ limits, backend: recorded.backend });
  const issuer = createPrivCards({ apiKey: simulator.apiKey, baseUrl: simulator.url, limits, timeoutMs: 60_000 });
  try {
    const card = await simulator.backend.cards.create({ binId: '491653', amount: usd(100), label: 'P2' });
    const outcomes = await Promise.allSettled(Array.from({ length: burst }, () => issuer.cards.get(card.id)));
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
    const tooMany = simulator.requests.filter((request) => request.status === 429).length;
    const share = quotaShare(recorded.grants, limit, windowMs, windows);
    const failure = failed[0]?.status === 'rejected' ? failed[0].reason : undefined;
    const why = CardGatewayError.isInstance(failure) ? ` (first: ${failure.code})` : '';
    const result: BenchResult = {
      name: `P2 adapter burst through the PrivCards simulator (${burst} × cards.get, ${limit} per ${windowMs / 1000} s, ${windows} windows)`,
      value: `${(share * 100).toFixed(1)}% of quota, ${tooMany} × 429, ${failed.length} failed${why}`,
      target: '≥ 99% of quota, 0 × 429',
      pass: share >= 0.99 && tooMany === 0 && failed.length === 0,
    };
    return [result];
  } finally {
    await issuer.close();
    await simulator.close();
  }
};

export default bench;
