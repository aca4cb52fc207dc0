import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { describe, expect, it } from 'vitest';
import { usd } from '../../../packages/core/src/domain/money.js';
import {
  ConfigError,
  IdempotencyKeyInUseError,
  ProviderUnavailableError,
} from '../../../packages/core/src/errors/index.js';
import { createFailoverIssuer } from '../../../packages/core/src/gateway/failover-issuer.js';
import { createMemoryCreationKeyLedger } from '../../../packages/core/src/gateway/memory-creation-key-ledger.js';
import { operationsOf, recordCalls } from '../../../packages/core/src/gateway/test-support/record-calls.js';
import type { CreateCardInput } from '../../../packages/core/src/port/inputs.js';

const newCard: CreateCardInput = { binId: '491653', amount: usd(20), label: 'ledger' };

/** Two composites over the same two providers in opposite orders, sharing one ledger: two processes, in short. */
function twoProcesses() {
  const alpha = createMemoryIssuer({ provider: 'alpha' });
  const beta = createMemoryIssuer({ provider: 'beta' });
  const recordedBeta = recordCalls(beta);
  const ledger = createMemoryCreationKeyLedger();
  const first = createFailoverIssuer([alpha, recordedBeta.issuer], { ledger });
  const second = createFailoverIssuer([recordedBeta.issuer, alpha], { ledger });
  return { alpha, beta, betaCalls: recordedBeta.calls, ledger, first, second };
}

describe('createFailoverIssuer with a creation-key ledger shared by two composites', () => {
  it('answers a key the other holds with IdempotencyKeyInUseError, sending nothing', async () => {
    const { first, second, ledger, beta, betaCalls } = twoProcesses();
    // The first composite's call is under way (claimed, sent to alpha).
    expect(await ledger.claim('cards.create:order-1', 'other-process')).toEqual({ claimed: true });
    await ledger.assign('cards.create:order-1', 'other-process', 'alpha');

    const error = await second.cards.create(newCard, { idempotencyKey: 'order-1' }).catch((caught) => caught);
    expect(IdempotencyKeyInUseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'idempotency_key_in_use', idempotencyKey: 'order-1', provider: 'alpha' });
    expect(error.retryable).toBe(true);
    expect(betaCalls).toEqual([]);
    expect(beta.snapshot().cards).toHaveLength(0);
    await first.close();
  });

  it('sends a repeat to the provider the other composite used, not to its own first provider', async () => {
    const { first, second, alpha, beta, betaCalls } = twoProcesses();
    const card = await first.cards.create(newCard, { idempotencyKey: 'order-2' });
    expect(card.provider).toBe('alpha');
    const again = await second.cards.create(newCard, { idempotencyKey: 'order-2' });
    expect(again).toEqual(card);
    expect(operationsOf(betaCalls)).toEqual([]);
    expect(alpha.snapshot().cards).toHaveLength(1);
    expect(beta.snapshot().cards).toHaveLength(0);
  });

  it('releases a key whose call provably did nothing anywhere: a repeat may go anywhere', async () => {
    const { first, second, alpha, beta } = twoProcesses();
    const refused = () => new ProviderUnavailableError('refused', { code: 'connection_failed' });
    alpha.faults.failNext('cards.create', refused());
    beta.faults.failNext('cards.create', refused());
    await expect(first.cards.create(newCard, { idempotencyKey: 'order-3' })).rejects.toMatchObject({
      code: 'connection_failed',
    });
    expect((await second.cards.create(newCard, { idempotencyKey: 'order-3' })).provider).toBe('beta');
  });
});

describe('createMemoryCreationKeyLedger options', () => {
  it.each([
    ['ttlMs', { ttlMs: 0 }],
    ['leaseMs', { leaseMs: -1 }],
    ['maxKeys', { maxKeys: 1.5 }],
  ])('refuses a %s that is not a positive integer with a ConfigError naming it', (option, options) => {
    expect(() => createMemoryCreationKeyLedger(options)).toThrow(ConfigError);
    expect(() => createMemoryCreationKeyLedger(options)).toThrow(option);
  });

  it('forgets the oldest keys past maxKeys', async () => {
    const ledger = createMemoryCreationKeyLedger({ maxKeys: 2 });
    for (const key of ['a', 'b', 'c']) {
      await ledger.claim(key, 'holder');
      await ledger.assign(key, 'holder', 'alpha');
      await ledger.finish(key, 'holder', 'succeeded');
    }
    expect(await ledger.claim('a', 'other')).toEqual({ claimed: true });
    expect((await ledger.claim('c', 'other')).claimed).toBe(false);
  });
});
