import { describe, expect, it } from 'vitest';
import { usd } from '../domain/money.js';
import { AmbiguousOutcomeError, ProviderUnavailableError, RateLimitError } from '../errors/index.js';
import { withOutcome } from '../http/call-outcome.js';
import { createMemoryIssuer } from '../memory/index.js';
import type { CreateCardInput } from '../port/inputs.js';
import { createFailoverIssuer } from './failover-issuer.js';
import { operationsOf, recordCalls } from './test-support/record-calls.js';

// Found by the chaos suite (tests/chaos): a card creation that moved to the second provider, repeated with the same
// idempotency key once the first was healthy again, was issued a second time at the first provider.

const newCard: CreateCardInput = { bin: { network: 'visa' }, amount: usd(20), label: 'repeated' };
/** What the HTTP pipeline throws when a create may have happened at beta (a timeout after sending). */
const ambiguousAtBeta = (idempotencyKey: string) =>
  withOutcome(
    new AmbiguousOutcomeError('no answer', { provider: 'beta', operation: 'cards.create', idempotencyKey }),
    'unknown',
  );

function setup() {
  const alpha = createMemoryIssuer({ provider: 'alpha' });
  const beta = createMemoryIssuer({ provider: 'beta' });
  const recordedAlpha = recordCalls(alpha);
  const composite = createFailoverIssuer([recordedAlpha.issuer, beta], {
    breaker: { consecutiveFailures: 100, halfOpenAfterMs: 0 },
  });
  return { alpha, beta, alphaCalls: recordedAlpha.calls, composite };
}

describe('createFailoverIssuer: a card creation repeated with its idempotency key', () => {
  it('gets the card the provider issued the first time, even when an earlier provider is healthy again', async () => {
    const { composite, alpha, beta, alphaCalls } = setup();
    alpha.faults.failNext('cards.create', new RateLimitError('slow down', { status: 429 }));
    const first = await composite.cards.create(newCard, { idempotencyKey: 'key-1' });
    const again = await composite.cards.create(newCard, { idempotencyKey: 'key-1' });

    expect(first.provider).toBe('beta');
    expect(again).toEqual(first);
    expect(operationsOf(alphaCalls)).toEqual(['cards.create']);
    expect(alpha.snapshot().cards).toHaveLength(0);
    expect(beta.snapshot().cards).toHaveLength(1);
  });

  it('goes after an AmbiguousOutcomeError to the provider the error names, never to another one', async () => {
    const { composite, alpha, beta, alphaCalls } = setup();
    alpha.faults.failNext('cards.create', new ProviderUnavailableError('refused', { code: 'connection_failed' }));
    beta.faults.failNext('cards.create', ambiguousAtBeta('key-2'));
    const ambiguous = await composite.cards.create(newCard, { idempotencyKey: 'key-2' }).catch((error) => error);
    expect(AmbiguousOutcomeError.isInstance(ambiguous) && ambiguous.provider).toBe('beta');

    const card = await composite.cards.create(newCard, { idempotencyKey: 'key-2' });
    expect(card.provider).toBe('beta');
    expect(operationsOf(alphaCalls)).toEqual(['cards.create']);
    expect(alpha.snapshot().cards).toHaveLength(0);
    expect(beta.snapshot().cards).toHaveLength(1);
  });

  it('fails at that provider rather than moving when it is down at the repeat', async () => {
    const { composite, alpha, beta, alphaCalls } = setup();
    alpha.faults.failNext('cards.create', new ProviderUnavailableError('refused', { code: 'connection_failed' }));
    beta.faults.failNext('cards.create', ambiguousAtBeta('key-3'));
    await composite.cards.create(newCard, { idempotencyKey: 'key-3' }).catch(() => undefined);
    beta.faults.failNext('cards.create', new ProviderUnavailableError('refused', { code: 'connection_failed' }));

    await expect(composite.cards.create(newCard, { idempotencyKey: 'key-3' })).rejects.toMatchObject({
      code: 'connection_failed',
    });
    expect(operationsOf(alphaCalls)).toEqual(['cards.create']);
    expect(alpha.snapshot().cards).toHaveLength(0);
    expect(beta.snapshot().cards).toHaveLength(0);
  });

  it('still issues a new card for a new key at the first provider', async () => {
    const { composite, alpha } = setup();
    alpha.faults.failNext('cards.create', new RateLimitError('slow down', { status: 429 }));
    await composite.cards.create(newCard, { idempotencyKey: 'key-4' });
    const next = await composite.cards.create(newCard, { idempotencyKey: 'key-5' });
    expect(next.provider).toBe('alpha');
  });
});
