import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { describe, expect, it } from 'vitest';
import { usd } from '../../../packages/core/src/domain/money.js';
import {
  AmbiguousOutcomeError,
  InsufficientFundsError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '../../../packages/core/src/errors/index.js';
import { createFailoverIssuer } from '../../../packages/core/src/gateway/failover-issuer.js';
import { operationsOf, recordCalls } from '../../../packages/core/src/gateway/test-support/record-calls.js';
import { withOutcome } from '../../../packages/core/src/http/call-outcome.js';
import type { CreateCardInput } from '../../../packages/core/src/port/inputs.js';

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

describe('createFailoverIssuer: repeats after failures that stayed with a provider without a settled answer', () => {
  it('sends a repeat after a caller abort mid-request only to that provider, even while it is down', async () => {
    const { composite, alpha, beta } = setup();
    // What the pipeline throws when the caller aborts after the request was written: the card may exist at alpha.
    const abortedAfterSending = withOutcome(
      new TimeoutError('aborted by the caller after sending', { code: 'aborted', provider: 'alpha' }),
      'unknown',
    );
    alpha.faults.failNext('cards.create', abortedAfterSending);
    await expect(composite.cards.create(newCard, { idempotencyKey: 'key-abort' })).rejects.toMatchObject({
      code: 'aborted',
    });
    alpha.faults.failNext('cards.create', new ProviderUnavailableError('refused', { code: 'connection_failed' }));
    await expect(composite.cards.create(newCard, { idempotencyKey: 'key-abort' })).rejects.toMatchObject({
      code: 'connection_failed',
    });
    expect(beta.snapshot().cards).toHaveLength(0);
  });

  it('remembers the member that failed, not the provider named in an unstamped error', async () => {
    const { composite, alpha, beta } = setup();
    // A third-party issuer's error: no outcome stamp, and a provider field that names no member.
    alpha.faults.failNext('cards.create', new ProviderUnavailableError('gateway timeout', { provider: 'alpha-eu-1' }));
    await expect(composite.cards.create(newCard, { idempotencyKey: 'key-foreign' })).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
    alpha.faults.failNext('cards.create', new ProviderUnavailableError('refused', { code: 'connection_failed' }));
    await expect(composite.cards.create(newCard, { idempotencyKey: 'key-foreign' })).rejects.toMatchObject({
      code: 'connection_failed',
    });
    expect(beta.snapshot().cards).toHaveLength(0);
  });

  it('lets a settled refusal be repeated anywhere (nothing was created)', async () => {
    const { composite, alpha } = setup();
    alpha.faults.failNext(
      'cards.create',
      withOutcome(new InsufficientFundsError('wallet too low', { status: 400 }), 'settled'),
    );
    await expect(composite.cards.create(newCard, { idempotencyKey: 'key-settled' })).rejects.toBeInstanceOf(
      InsufficientFundsError,
    );
    const card = await composite.cards.create(newCard, { idempotencyKey: 'key-settled' });
    expect(card.provider).toBe('alpha');
  });
});

describe('createFailoverIssuer: a webhook endpoint creation repeated with its idempotency key', () => {
  it('goes only to the provider that may have registered it, never registers it at a second one', async () => {
    const { composite, alpha, beta } = setup();
    alpha.faults.failNext(
      'webhooks.create',
      withOutcome(
        new AmbiguousOutcomeError('no answer', {
          provider: 'alpha',
          operation: 'webhooks.create',
          idempotencyKey: 'w-1',
        }),
        'unknown',
      ),
    );
    const endpoint = { url: 'https://app.example/hooks', events: ['*'] as const };
    await expect(composite.webhooks.create(endpoint, { idempotencyKey: 'w-1' })).rejects.toBeInstanceOf(
      AmbiguousOutcomeError,
    );
    alpha.faults.failNext('webhooks.create', new ProviderUnavailableError('refused', { code: 'connection_failed' }));
    await expect(composite.webhooks.create(endpoint, { idempotencyKey: 'w-1' })).rejects.toMatchObject({
      code: 'connection_failed',
    });
    expect(beta.snapshot().webhooks).toBe(0);
    const registered = await composite.webhooks.create(endpoint, { idempotencyKey: 'w-1' });
    expect(registered.provider).toBe('alpha');
  });
});
