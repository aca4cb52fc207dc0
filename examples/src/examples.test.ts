import { describe, expect, it } from 'vitest';
import { failoverExample } from './failover.js';
import { swapProviders } from './swap-providers.js';

describe('runnable examples', () => {
  it('swap-providers runs the same application code on PrivCards then CryptoCardy, by config alone', async () => {
    const lines: string[] = [];
    expect(await swapProviders((line) => lines.push(line))).toEqual(['privcards', 'cryptocardy']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/privcards\.json .*privcards:card_/);
    expect(lines[1]).toMatch(/cryptocardy\.json .*cryptocardy:card_/);
  });

  it('failover moves new cards only when nothing happened, and the hooks say so', async () => {
    const lines: string[] = [];
    const served = await failoverExample((line) => lines.push(line));
    expect(served).toEqual(['privcards', 'cryptocardy', 'cryptocardy', 'cryptocardy']);
    const output = lines.join('\n');
    expect(output).toContain('hook onFailover: cards.create privcards → cryptocardy (rate_limited)');
    expect(output).toContain('ambiguous_outcome at privcards (key order-42); cards across both providers: 2 → 3');
    expect(output).toMatch(/retried later with the same key: privcards:card_\w+ \(the first outcome/);
    expect(output).toContain('hook onFailover: cards.create privcards → cryptocardy (connection_failed)');
    expect(output).toContain('hook onCircuitChange: privcards circuit open');
    expect(output).toMatch(/reads cannot move: connection_failed, then circuit_open/);
  });
});
