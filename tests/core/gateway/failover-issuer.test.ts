import {
  createMemoryIssuer,
  defaultBinSeeds,
  type MemoryIssuer,
  type MemoryIssuerOptions,
} from '@cardgw/adapter-memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { usd } from '../../../packages/core/src/domain/money.js';
import {
  AmbiguousOutcomeError,
  AuthenticationError,
  ConfigError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  UnsupportedOperationError,
} from '../../../packages/core/src/errors/index.js';
import {
  type CircuitChangeEvent,
  createFailoverIssuer,
  type FailoverEvent,
  type FailoverIssuerOptions,
} from '../../../packages/core/src/gateway/failover-issuer.js';
import {
  operationsOf,
  type RecordedCall,
  recordCalls,
} from '../../../packages/core/src/gateway/test-support/record-calls.js';
import { withOutcome } from '../../../packages/core/src/http/call-outcome.js';
import { createHttpClient } from '../../../packages/core/src/http/http-client.js';
import { createFakeRateLimiter } from '../../../packages/core/src/http/test-support/fake-rate-limiter.js';
import type { CardIssuer } from '../../../packages/core/src/port/card-issuer.js';
import type { CreateCardInput } from '../../../packages/core/src/port/inputs.js';

const newCard: CreateCardInput = { binId: '491653', amount: usd(100), label: 'ads' };
const connectionFailed = () => new ProviderUnavailableError('refused', { code: 'connection_failed' });
const serverError = (status: number) =>
  new ProviderUnavailableError(`HTTP ${status}`, { code: 'server_error', status });
/** What the HTTP pipeline throws for a change that may have happened at `provider`. */
const ambiguousAt = (provider: string, idempotencyKey: string, cause: unknown = serverError(500)) =>
  withOutcome(
    new AmbiguousOutcomeError('unknown', { provider, operation: 'cards.create', idempotencyKey, cause }),
    'unknown',
  );

interface Setup {
  alpha: MemoryIssuer;
  beta: MemoryIssuer;
  alphaCalls: RecordedCall[];
  betaCalls: RecordedCall[];
  failovers: FailoverEvent[];
  circuitChanges: CircuitChangeEvent[];
  composite: ReturnType<typeof createFailoverIssuer>;
}

function setup(
  options: {
    alpha?: MemoryIssuerOptions;
    beta?: MemoryIssuerOptions;
    failover?: FailoverIssuerOptions;
    wrapAlpha?: (alpha: MemoryIssuer) => CardIssuer;
  } = {},
): Setup {
  const alpha = createMemoryIssuer({ provider: 'alpha', ...options.alpha });
  const beta = createMemoryIssuer({ provider: 'beta', ...options.beta });
  const recordedAlpha = recordCalls(options.wrapAlpha ? options.wrapAlpha(alpha) : alpha);
  const recordedBeta = recordCalls(beta);
  const failovers: FailoverEvent[] = [];
  const circuitChanges: CircuitChangeEvent[] = [];
  const composite = createFailoverIssuer([recordedAlpha.issuer, recordedBeta.issuer], {
    hooks: { onFailover: (event) => failovers.push(event), onCircuitChange: (event) => circuitChanges.push(event) },
    ...options.failover,
  });
  return {
    alpha,
    beta,
    alphaCalls: recordedAlpha.calls,
    betaCalls: recordedBeta.calls,
    failovers,
    circuitChanges,
    composite,
  };
}

/** Issues a card at beta (the second provider) by pinning its BIN. */
async function betaCard(composite: CardIssuer) {
  return composite.cards.create({ binId: 'beta:491653', amount: usd(50) });
}

describe('createFailoverIssuer: routing', () => {
  it('issues new cards at the first provider in order', async () => {
    const { composite, alpha, beta } = setup();
    const card = await composite.cards.create(newCard);
    expect(card.id).toMatch(/^alpha:/);
    expect(composite.provider).toBe('failover');
    expect(alpha.snapshot().cards).toHaveLength(1);
    expect(beta.snapshot().cards).toHaveLength(0);
  });

  it("sends every call about an existing card to the provider named by the card's id", async () => {
    const { composite, alphaCalls, beta } = setup();
    const card = await betaCard(composite);
    expect(card.id).toMatch(/^beta:/);
    await composite.cards.fund(card.id, { amount: usd(10) });
    await composite.cards.freeze(card.id);
    await composite.cards.unfreeze(card.id);
    await composite.cards.update(card.id, { label: 'renamed' });
    await composite.cards.withdraw(card.id, { amount: usd(5) });
    expect((await composite.cards.get(card.id)).balance).toEqual(usd(55));
    expect((await composite.cards.details(card.id)).cardId).toBe(card.id);
    const purchase = await beta.simulate.purchase(card.id, { amount: usd(5), merchant: { name: 'FACEBK ADS' } });
    expect(purchase.approved).toBe(true);
    const transactions = await composite.transactions.list({ cardId: card.id }).toArray();
    expect(transactions.length).toBeGreaterThan(0);
    const transaction = transactions[0];
    expect((await composite.transactions.get(transaction?.id ?? '')).cardId).toBe(card.id);
    const challenge = await beta.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
    expect((await composite.threeDS.list({ cardId: card.id })).data.map((item) => item.id)).toEqual([challenge.id]);
    expect((await composite.threeDS.get(challenge.id)).otp).toBe(challenge.otp);
    expect((await composite.cards.terminate(card.id)).status).toBe('terminated');
    expect(alphaCalls).toEqual([]);
  });

  it('deletes a webhook at the provider that registered it', async () => {
    const { composite, beta } = setup();
    const webhook = await beta.webhooks.create({ url: 'http://127.0.0.1:9/hooks', events: ['*'] });
    await composite.webhooks.delete(webhook.id);
    expect((await beta.webhooks.list()).data).toEqual([]);
  });

  it('refuses an id of a provider it does not have, and a malformed id, with InvalidRequestError before any I/O', async () => {
    const { composite, alphaCalls, betaCalls } = setup();
    const unknown = await composite.cards.get('gamma:card_1').catch((error: unknown) => error);
    expect(InvalidRequestError.isInstance(unknown)).toBe(true);
    expect((unknown as Error).message).toBe(
      "cards.get: cardId belongs to gamma, which is not one of this gateway's providers (alpha, beta)",
    );
    expect(unknown).toMatchObject({ provider: 'failover', issues: [{ field: 'cardId' }] });
    await expect(composite.transactions.get('gamma:txn_1')).rejects.toMatchObject({
      name: 'InvalidRequestError',
      issues: [{ field: 'transactionId' }],
    });
    await expect(composite.webhooks.delete('gamma:wh_1')).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(composite.cards.fund('card_1', { amount: usd(10) })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(composite.transactions.list({ cardId: 'gamma:card_1' })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(composite.cards.get(42 as unknown as string)).rejects.toBeInstanceOf(InvalidRequestError);
    expect([...alphaCalls, ...betaCalls]).toEqual([]);
  });

  it('serves an account-level list from the first provider, and every page from that same provider', async () => {
    const { composite, alpha, beta } = setup();
    for (let index = 0; index < 3; index++) await alpha.cards.create({ ...newCard, label: `a${index}` });
    await beta.cards.create(newCard);
    const page = await composite.cards.list({ perPage: 2 });
    expect(page.data.map((card) => card.provider)).toEqual(['alpha', 'alpha']);
    expect(page.hasMore).toBe(true);
    const all = await composite.cards.list({ perPage: 2 }).toArray();
    expect(all.map((card) => card.label).sort()).toEqual(['a0', 'a1', 'a2']);
  });

  it('moves an account-level read to the next provider on any provider failure', async () => {
    const { composite, alpha, failovers } = setup();
    alpha.faults.failNext('cards.list', serverError(500));
    alpha.faults.failNext('wallet.balance', new TimeoutError('late'));
    alpha.faults.failNext('bins.list', new ProviderResponseError('garbled'));
    expect((await composite.cards.list()).data).toEqual([]);
    expect((await composite.wallet.balance()).provider).toBe('beta');
    expect((await composite.bins.list()).data.every((bin) => bin.provider === 'beta')).toBe(true);
    expect(failovers).toEqual([
      { operation: 'cards.list', from: 'alpha', to: 'beta', reason: 'server_error' },
      { operation: 'wallet.balance', from: 'alpha', to: 'beta', reason: 'timeout' },
      { operation: 'bins.list', from: 'alpha', to: 'beta', reason: 'invalid_response' },
    ]);
  });

  it('serves a list with a filter the first provider lacks from the first provider that declares it', async () => {
    const { composite, alphaCalls, beta } = setup({
      alpha: { capabilities: { cardListFilters: ['status', 'perPage'] } },
    });
    await beta.cards.create({ ...newCard, label: 'campaign-x' });
    const page = await composite.cards.list({ label: 'campaign' });
    expect(page.data.map((card) => card.provider)).toEqual(['beta']);
    expect(operationsOf(alphaCalls)).toEqual(['cards.list']);
  });

  it('throws UnsupportedOperationError when no provider supports the call', async () => {
    const { composite } = setup({
      alpha: { capabilities: { cardListFilters: ['perPage'] } },
      beta: { capabilities: { cardListFilters: ['perPage'] } },
    });
    const error = await composite.cards.list({ label: 'x' }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(UnsupportedOperationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'cards.list:label' });
  });

  it('declares the union of its providers capabilities', () => {
    const { composite } = setup({
      alpha: { capabilities: { operations: ['cards.create', 'cards.get'], cardListFilters: ['status'] } },
      beta: { capabilities: { operations: ['cards.get', 'wallet.balance'], cardListFilters: ['label'] } },
    });
    expect([...composite.capabilities.operations].sort()).toEqual(['cards.create', 'cards.get', 'wallet.balance']);
    expect([...composite.capabilities.cardListFilters].sort()).toEqual(['label', 'status']);
    expect(composite.capabilities.allowsInsecureWebhookUrls).toBe(true);
  });

  it('exposes its providers by name, and reads wallet.balance from the first healthy one', async () => {
    const { composite, alpha, beta } = setup();
    expect(composite.issuers.get('alpha')?.provider).toBe('alpha');
    expect(composite.issuers.get('beta')?.provider).toBe('beta');
    expect((await composite.wallet.balance()).balance).toEqual((await alpha.wallet.balance()).balance);
    await beta.cards.create(newCard);
    expect((await composite.wallet.balance()).provider).toBe('alpha');
  });
});

describe('createFailoverIssuer: new cards move only when nothing can have happened', () => {
  it.each([
    ['the connection was refused', connectionFailed(), 'connection_failed'],
    ['401', new AuthenticationError('bad key', { status: 401 }), 'authentication_failed'],
    ['403', new AuthenticationError('forbidden', { status: 403 }), 'authentication_failed'],
    ['429', new RateLimitError('slow down', { status: 429 }), 'rate_limited'],
  ])('moves to the next provider when %s, with the same idempotency key', async (_name, error, reason) => {
    const { composite, alpha, beta, alphaCalls, betaCalls, failovers } = setup();
    alpha.faults.failNext('cards.create', error);
    const card = await composite.cards.create(newCard);
    expect(card.provider).toBe('beta');
    expect(alpha.snapshot().cards).toHaveLength(0);
    expect(beta.snapshot().cards).toHaveLength(1);
    expect(failovers).toEqual([{ operation: 'cards.create', from: 'alpha', to: 'beta', reason }]);
    const key = alphaCalls[0]?.idempotencyKey;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(betaCalls[0]?.idempotencyKey).toBe(key);
  });

  it('moves past a provider that does not support cards.create', async () => {
    const { composite, failovers } = setup({ alpha: { capabilities: { operations: ['cards.get'] } } });
    expect((await composite.cards.create(newCard)).provider).toBe('beta');
    expect(failovers[0]?.reason).toBe('unsupported_operation');
  });

  it('uses the idempotency key the caller gives, at whichever provider serves the call', async () => {
    const { composite, alpha, betaCalls } = setup();
    alpha.faults.failNext('cards.create', connectionFailed());
    await composite.cards.create(newCard, { idempotencyKey: 'caller-key-1' });
    expect(betaCalls[0]?.idempotencyKey).toBe('caller-key-1');
  });

  it.each([
    ['a 500', serverError(500)],
    ['a reset connection', new ProviderUnavailableError('reset', { code: 'connection_reset' })],
    ['an unreadable response', new ProviderResponseError('garbled')],
  ])(
    "never moves a create after the pipeline's AmbiguousOutcomeError (from %s), and hands it over as is",
    async (_name, cause) => {
      const { composite, alpha, beta, betaCalls, failovers } = setup();
      const ambiguous = ambiguousAt('alpha', 'key-7', cause);
      alpha.faults.failNext('cards.create', ambiguous);
      await expect(composite.cards.create(newCard, { idempotencyKey: 'key-7' })).rejects.toBe(ambiguous);
      expect(betaCalls).toEqual([]);
      expect(failovers).toEqual([]);
      expect(beta.snapshot().cards).toHaveLength(0);
    },
  );

  it.each([
    ['500', serverError(500)],
    ['502', serverError(502)],
    ['503', serverError(503)],
    ['504', serverError(504)],
    ['a reset connection', new ProviderUnavailableError('reset', { code: 'connection_reset' })],
    ['a timeout', new TimeoutError('deadline')],
    ['an unreadable response', new ProviderResponseError('garbled')],
  ])(
    'never moves a create after %s from an issuer that does not say what happened, and guesses nothing',
    async (_name, error) => {
      const { composite, alpha, beta, betaCalls, failovers } = setup();
      alpha.faults.failNext('cards.create', error);
      await expect(composite.cards.create(newCard, { idempotencyKey: 'key-8' })).rejects.toBe(error);
      expect(betaCalls).toEqual([]);
      expect(failovers).toEqual([]);
      expect(beta.snapshot().cards).toHaveLength(0);
    },
  );

  it.each([
    ['the deadline passed in the limiter', () => new TimeoutError('deadline while waiting on the limiter')],
    [
      'the Redis limiter is down (fail-closed)',
      () => new ProviderUnavailableError('Redis down', { code: 'rate_limiter_unavailable' }),
    ],
    ['the limiter failed', () => new ProviderUnavailableError('bug', { code: 'rate_limiter_failed' })],
    ['the client was closed', () => new ProviderUnavailableError('closed', { code: 'client_closed' })],
  ])(
    'moves a create to the next provider when %s: nothing left the process, and the circuit does not count it',
    async (_name, makeError) => {
      const { composite, alpha, beta, failovers } = setup({ failover: { breaker: { consecutiveFailures: 1 } } });
      alpha.faults.failNext('cards.create', () => withOutcome(makeError(), 'not_sent'), 2);
      const card = await composite.cards.create(newCard, { idempotencyKey: 'key-10' });
      expect(card.provider).toBe('beta');
      expect(failovers).toHaveLength(1);
      expect(composite.health()[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
      // The key went where the card is; a new key still tries alpha first.
      expect(await composite.cards.create(newCard, { idempotencyKey: 'key-10' })).toEqual(card);
      expect((await composite.cards.create(newCard, { idempotencyKey: 'key-11' })).provider).toBe('beta');
      expect((await composite.cards.create(newCard, { idempotencyKey: 'key-12' })).provider).toBe('alpha');
      expect(alpha.snapshot().cards).toHaveLength(1);
      expect(beta.snapshot().cards).toHaveLength(2);
    },
  );

  it("passes the pipeline's own AmbiguousOutcomeError through unchanged", async () => {
    const { composite, alpha, betaCalls } = setup();
    const original = new AmbiguousOutcomeError('unknown', {
      operation: 'cards.create',
      idempotencyKey: 'key-9',
      provider: 'alpha',
    });
    alpha.faults.failNext('cards.create', original);
    await expect(composite.cards.create(newCard, { idempotencyKey: 'key-9' })).rejects.toBe(original);
    expect(betaCalls).toEqual([]);
  });

  it('issues no second card anywhere when the provider committed and then answered 500; the same key replays it', async () => {
    let failAfterCommit = true;
    const { composite, alpha, beta } = setup({
      wrapAlpha: (issuer) => ({
        ...issuer,
        cards: {
          ...issuer.cards,
          create: async (input, options) => {
            const card = await issuer.cards.create(input, options);
            if (!failAfterCommit) return card;
            failAfterCommit = false;
            throw ambiguousAt('alpha', options?.idempotencyKey ?? 'none');
          },
        },
      }),
    });
    const failure = await composite.cards.create(newCard).catch((thrown: unknown) => thrown);
    expect(AmbiguousOutcomeError.isInstance(failure)).toBe(true);
    expect(alpha.snapshot().cards).toHaveLength(1);
    expect(beta.snapshot().cards).toHaveLength(0);

    const key = (failure as AmbiguousOutcomeError).idempotencyKey;
    const replayed = await composite.cards.create(newCard, { idempotencyKey: key });
    expect(replayed.id).toBe(alpha.snapshot().cards[0]?.id);
    expect(alpha.snapshot().cards).toHaveLength(1);
  });

  it.each([
    ['insufficient funds', () => new InsufficientFundsError('short', { status: 400 })],
    ['a refused request', () => new InvalidRequestError('bad', { status: 400 })],
    ['not found', () => new NotFoundError('no such BIN', { status: 404 })],
  ])('never moves a business error (%s)', async (_name, makeError) => {
    const { composite, alpha, betaCalls } = setup();
    const error = makeError();
    alpha.faults.failNext('cards.create', error);
    await expect(composite.cards.create(newCard)).rejects.toBe(error);
    expect(betaCalls).toEqual([]);
  });

  it('refuses bad input before calling any provider', async () => {
    const { composite, alphaCalls, betaCalls } = setup();
    await expect(composite.cards.create({ binId: '491653', amount: 100 } as never)).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    await expect(composite.cards.create({ amount: usd(10) } as never)).rejects.toBeInstanceOf(InvalidRequestError);
    expect([...alphaCalls, ...betaCalls]).toEqual([]);
  });

  it('does not move a call the caller aborted', async () => {
    const { composite, alpha, betaCalls } = setup();
    const controller = new AbortController();
    alpha.faults.failNext('cards.create', () => {
      controller.abort();
      return connectionFailed();
    });
    await expect(composite.cards.create(newCard, { signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(betaCalls).toEqual([]);
  });

  it('throws the last provider failure when every provider failed without acting', async () => {
    const { composite, alpha, beta } = setup();
    alpha.faults.failNext('cards.create', connectionFailed());
    const limited = new RateLimitError('slow down', { status: 429, provider: 'beta' });
    beta.faults.failNext('cards.create', limited);
    await expect(composite.cards.create(newCard)).rejects.toBe(limited);
  });

  it('registers a webhook at the next provider when the first refuses the connection', async () => {
    const { composite, alpha } = setup();
    alpha.faults.failNext('webhooks.create', connectionFailed());
    const webhook = await composite.webhooks.create({ url: 'http://127.0.0.1:9/hooks', events: ['card.created'] });
    expect(webhook.provider).toBe('beta');
  });

  it("gives a card-scoped change an idempotency key and hands its provider's failure over as thrown", async () => {
    const { composite, alpha, alphaCalls } = setup();
    const card = await composite.cards.create(newCard);
    const error = serverError(500);
    alpha.faults.failNext('cards.fund', error);
    await expect(composite.cards.fund(card.id, { amount: usd(10) })).rejects.toBe(error);
    expect(alphaCalls.at(-1)).toEqual({
      operation: 'cards.fund',
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});

describe('createFailoverIssuer: over the HTTP pipeline, a request that never left the process', () => {
  /** Alpha's cards.create through a real pipeline whose limiter refuses every call (Redis down, fail-closed). */
  function behindPipeline(issuer: MemoryIssuer, closeFirst: boolean): CardIssuer {
    const limiter = createFakeRateLimiter();
    limiter.nextAcquire = () =>
      Promise.reject(new ProviderUnavailableError('Redis is unreachable', { code: 'rate_limiter_unavailable' }));
    const http = createHttpClient({
      provider: 'alpha',
      baseUrl: 'http://127.0.0.1:9/v1',
      limits: [{ name: 'requests-per-minute', limit: 1000, windowMs: 60_000 }],
      limiter,
    });
    if (closeFirst) void http.close();
    return {
      ...issuer,
      cards: {
        ...issuer.cards,
        create: async (_input, options) => {
          await http.request({
            operation: 'cards.create',
            method: 'POST',
            path: '/cards',
            schema: z.unknown(),
            options,
          });
          throw new Error('not reached: the pipeline sends nothing');
        },
      },
    };
  }

  it.each([
    ['the shared limiter is down', false, 'rate_limiter_unavailable'],
    ['the client is closed', true, 'client_closed'],
  ])(
    'moves a card creation when %s, never opens the circuit and never pins the key to alpha',
    async (_name, closeFirst, reason) => {
      const { composite, alpha, beta, failovers } = setup({
        wrapAlpha: (issuer) => behindPipeline(issuer, closeFirst),
        failover: { breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } },
      });
      for (let index = 0; index < 3; index++) {
        const card = await composite.cards.create(newCard, { idempotencyKey: `key-${index}` });
        expect(card.provider).toBe('beta');
      }
      expect(failovers.map((event) => event.reason)).toEqual([reason, reason, reason]);
      expect(composite.health()[0]).toMatchObject({ provider: 'alpha', state: 'closed', consecutiveFailures: 0 });
      expect(alpha.snapshot().cards).toHaveLength(0);
      expect(beta.snapshot().cards).toHaveLength(3);
      // A repeat with a key goes where that key's card is.
      expect((await composite.cards.create(newCard, { idempotencyKey: 'key-0' })).provider).toBe('beta');
      expect(beta.snapshot().cards).toHaveLength(3);
    },
  );
});

describe('createFailoverIssuer: account-level results served by another provider', () => {
  it('names the provider that served every account-level result when the first is down', async () => {
    const { composite, alpha, beta } = setup();
    const card = await beta.cards.create(newCard);
    await beta.simulate.purchase(card.id, { amount: usd(5), merchant: { name: 'FACEBK ADS' } });
    await beta.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
    await beta.simulate.deposit({ asset: 'btc', cryptoAmount: '0.001', amount: usd(60) });
    await beta.webhooks.create({ url: 'http://127.0.0.1:9/hooks', events: ['*'] });
    const operations = [
      'cards.list',
      'transactions.list',
      'bins.list',
      'threeDS.list',
      'webhooks.list',
      'wallet.deposits',
      'wallet.balance',
      'wallet.depositAddresses',
    ] as const;
    for (const operation of operations) alpha.faults.failNext(operation, connectionFailed());

    const lists = [
      await composite.cards.list().toArray(),
      await composite.transactions.list().toArray(),
      await composite.bins.list().toArray(),
      await composite.threeDS.list().toArray(),
      await composite.webhooks.list().toArray(),
      await composite.wallet.deposits().toArray(),
      await composite.wallet.depositAddresses(),
    ];
    for (const items of lists) {
      expect(items.length).toBeGreaterThan(0);
      expect(new Set(items.map((item) => item.provider))).toEqual(new Set(['beta']));
    }
    expect((await composite.wallet.balance()).provider).toBe('beta');
  });
});

describe('createFailoverIssuer: cards by BIN criteria', () => {
  const adsOnlyBins = defaultBinSeeds.filter((bin) => bin.network === 'visa');
  // The generic issuer's BINs serve no particular use: this one is given one to be asked for.
  const everydayOnlyBins = defaultBinSeeds
    .filter((bin) => bin.network === 'mastercard')
    .map((bin) => ({ ...bin, bestFor: ['saas'] }));

  it('issues at the first provider with a matching BIN', async () => {
    const { composite } = setup();
    const card = await composite.cards.create({ bin: { network: 'mastercard' }, amount: usd(20) });
    expect(card).toMatchObject({ provider: 'alpha', binId: '531993' });
  });

  it('passes to the next provider when the first has no matching BIN', async () => {
    const { composite, failovers } = setup({ alpha: { bins: adsOnlyBins }, beta: { bins: everydayOnlyBins } });
    const card = await composite.cards.create({ bin: { network: 'mastercard', bestFor: ['saas'] }, amount: usd(20) });
    expect(card).toMatchObject({ provider: 'beta', binId: '531993' });
    expect(failovers).toEqual([{ operation: 'cards.create', from: 'alpha', to: 'beta', reason: 'not_found' }]);
  });

  it('answers NotFoundError when no provider has a matching BIN', async () => {
    const { composite, alpha, beta } = setup();
    const error = await composite.cards
      .create({ bin: { network: 'amex', bestFor: ['travel'] }, amount: usd(20) })
      .catch((thrown: unknown) => thrown);
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'cards.create: no provider has a BIN matching network: amex, bestFor: travel (tried alpha, beta)',
    );
    expect(alpha.snapshot().cards).toHaveLength(0);
    expect(beta.snapshot().cards).toHaveLength(0);
  });

  it('reports a provider failure rather than "no match" when a provider that failed might have matched', async () => {
    const { composite, alpha } = setup({ beta: { bins: adsOnlyBins } });
    const refused = connectionFailed();
    alpha.faults.failNext('cards.create', refused);
    await expect(composite.cards.create({ bin: { network: 'mastercard' }, amount: usd(20) })).rejects.toBe(refused);
  });

  it('pins the provider of a qualified BIN id, and sends a bare one to the first healthy provider', async () => {
    const { composite, beta, betaCalls } = setup();
    expect((await composite.cards.create({ binId: 'beta:531993', amount: usd(20) })).provider).toBe('beta');
    expect((await composite.cards.create({ binId: '531993', amount: usd(20) })).provider).toBe('alpha');
    beta.faults.failNext('cards.create', connectionFailed());
    await expect(composite.cards.create({ binId: 'beta:531993', amount: usd(20) })).rejects.toMatchObject({
      code: 'connection_failed',
    });
    expect(operationsOf(betaCalls)).toEqual(['cards.create', 'cards.create']);
    await expect(composite.cards.create({ binId: 'gamma:531993', amount: usd(20) })).rejects.toMatchObject({
      name: 'InvalidRequestError',
      issues: [{ field: 'binId' }],
    });
  });
});

describe('createFailoverIssuer: circuit breakers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const breaker = { consecutiveFailures: 2, halfOpenAfterMs: 1_000 };

  it('opens after consecutive provider failures and then skips the provider without calling it', async () => {
    const { composite, alpha, alphaCalls, circuitChanges, failovers } = setup({ failover: { breaker } });
    alpha.faults.failNext('cards.create', connectionFailed, 2);
    await composite.cards.create(newCard);
    expect(composite.health()[0]).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
    await composite.cards.create(newCard);
    expect(circuitChanges).toEqual([{ provider: 'alpha', state: 'open' }]);
    expect(composite.health()).toEqual([
      {
        provider: 'alpha',
        state: 'open',
        consecutiveFailures: 2,
        lastErrorCode: 'connection_failed',
        probeAfter: '2026-01-01T00:00:01.000Z',
      },
      { provider: 'beta', state: 'closed', consecutiveFailures: 0 },
    ]);

    const card = await composite.cards.create(newCard);
    expect(card.provider).toBe('beta');
    expect(alphaCalls).toHaveLength(2);
    expect(failovers.at(-1)).toEqual({ operation: 'cards.create', from: 'alpha', to: 'beta', reason: 'circuit_open' });
  });

  it('probes the provider after the cool-down and closes its circuit on success', async () => {
    const { composite, alpha, circuitChanges } = setup({ failover: { breaker } });
    alpha.faults.failNext('cards.create', connectionFailed, 2);
    await composite.cards.create(newCard);
    await composite.cards.create(newCard);
    vi.advanceTimersByTime(999);
    expect((await composite.cards.create(newCard)).provider).toBe('beta');
    vi.advanceTimersByTime(1);
    expect((await composite.cards.create(newCard)).provider).toBe('alpha');
    expect(circuitChanges.map((change) => change.state)).toEqual(['open', 'half-open', 'closed']);
    expect(composite.health()[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('opens again when the probe fails', async () => {
    const { composite, alpha, circuitChanges } = setup({ failover: { breaker } });
    alpha.faults.failNext('cards.create', connectionFailed, 3);
    await composite.cards.create(newCard);
    await composite.cards.create(newCard);
    vi.advanceTimersByTime(1_000);
    expect((await composite.cards.create(newCard)).provider).toBe('beta');
    expect(circuitChanges.map((change) => change.state)).toEqual(['open', 'half-open', 'open']);
  });

  it('does not count business errors: a provider answering them stays closed', async () => {
    const { composite, alpha } = setup({ failover: { breaker } });
    alpha.faults.failNext('cards.create', () => new InsufficientFundsError('short'), 5);
    for (let index = 0; index < 5; index++) {
      await expect(composite.cards.create(newCard)).rejects.toBeInstanceOf(InsufficientFundsError);
    }
    expect(composite.health()[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('fails fast on calls about a card whose provider has an open circuit', async () => {
    const { composite, alpha } = setup({ failover: { breaker } });
    const card = await composite.cards.create(newCard);
    alpha.faults.failNext('cards.get', connectionFailed, 2);
    await expect(composite.cards.get(card.id)).rejects.toMatchObject({ code: 'connection_failed' });
    await expect(composite.cards.get(card.id)).rejects.toMatchObject({ code: 'connection_failed' });
    const skipped = await composite.cards.get(card.id).catch((thrown: unknown) => thrown);
    expect(ProviderUnavailableError.isInstance(skipped)).toBe(true);
    expect(skipped).toMatchObject({ code: 'circuit_open', provider: 'alpha' });
  });

  it('ignores a hook that throws', async () => {
    const alpha = createMemoryIssuer({ provider: 'alpha' });
    const beta = createMemoryIssuer({ provider: 'beta' });
    const composite = createFailoverIssuer([alpha, beta], {
      hooks: {
        onFailover: () => {
          throw new Error('hook bug');
        },
      },
    });
    alpha.faults.failNext('cards.create', connectionFailed());
    expect((await composite.cards.create(newCard)).provider).toBe('beta');
  });
});

describe('createFailoverIssuer: wallets, policies, lifecycle', () => {
  it('reads every wallet apart and summed, listing a failing provider instead of throwing', async () => {
    const { composite, alpha } = setup({ alpha: { walletBalance: usd(100) }, beta: { walletBalance: usd(250.5) } });
    expect((await composite.wallets.balances()).map((result) => [result.provider, result.balance?.balance])).toEqual([
      ['alpha', usd(100)],
      ['beta', usd(250.5)],
    ]);
    expect((await composite.wallets.combined()).balance).toEqual(usd(350.5));

    alpha.faults.failNext('wallet.balance', connectionFailed());
    const combined = await composite.wallets.combined();
    expect(combined.balance).toEqual(usd(250.5));
    expect(combined.complete).toBe(false);
    expect(combined.providers[0]).toMatchObject({ provider: 'alpha', error: { code: 'connection_failed' } });
  });

  it('throws from wallets.combined only when every provider fails', async () => {
    const { composite, alpha, beta } = setup();
    alpha.faults.failNext('wallet.balance', connectionFailed());
    beta.faults.failNext('wallet.balance', serverError(503));
    await expect(composite.wallets.combined()).rejects.toMatchObject({ code: 'all_providers_failed' });
  });

  it('spreads new cards round-robin when asked', async () => {
    const { composite } = setup({ failover: { policy: 'round-robin' } });
    const providers = [];
    for (let index = 0; index < 4; index++) providers.push((await composite.cards.create(newCard)).provider);
    expect(providers).toEqual(['alpha', 'beta', 'alpha', 'beta']);
  });

  it('follows a custom order policy', async () => {
    const { composite } = setup({ failover: { policy: ({ providers }) => [...providers].reverse() } });
    expect((await composite.cards.create(newCard)).provider).toBe('beta');
  });

  it('closes every provider', async () => {
    const alpha = createMemoryIssuer({ provider: 'alpha' });
    const beta = createMemoryIssuer({ provider: 'beta' });
    const closeAlpha = vi.spyOn(alpha, 'close');
    const closeBeta = vi.spyOn(beta, 'close');
    await createFailoverIssuer([alpha, beta]).close();
    expect(closeAlpha).toHaveBeenCalledOnce();
    expect(closeBeta).toHaveBeenCalledOnce();
  });

  it('refuses no providers, or the same provider twice', () => {
    expect(() => createFailoverIssuer([])).toThrow(ConfigError);
    const alpha = createMemoryIssuer({ provider: 'alpha' });
    expect(() => createFailoverIssuer([alpha, createMemoryIssuer({ provider: 'alpha' })])).toThrow(
      'provider alpha appears twice',
    );
  });
});
