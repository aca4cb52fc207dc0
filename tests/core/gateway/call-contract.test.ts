import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fullMemoryCapabilities } from '../../../packages/adapter-memory/src/memory-capabilities.js';
import { createMemoryIssuer } from '../../../packages/adapter-memory/src/memory-issuer.js';
import { usd } from '../../../packages/core/src/domain/money.js';
import { AmbiguousOutcomeError } from '../../../packages/core/src/errors/ambiguous-outcome-error.js';
import { outcomeOf } from '../../../packages/core/src/errors/call-outcome.js';
import type { CardGatewayError } from '../../../packages/core/src/errors/card-gateway-error.js';
import { ProviderUnavailableError } from '../../../packages/core/src/errors/provider-unavailable-error.js';
import { TimeoutError } from '../../../packages/core/src/errors/timeout-error.js';
import type { CreationKeyLedger } from '../../../packages/core/src/gateway/creation-key-ledger.js';
import { createFailoverIssuer } from '../../../packages/core/src/gateway/failover-issuer.js';
import { createMemoryCreationKeyLedger } from '../../../packages/core/src/gateway/memory-creation-key-ledger.js';
import { createTestClient, mockSequence } from '../../../packages/core/src/http/test-support/client-fixtures.js';
import { createCardSchema } from '../../../packages/core/src/validation/input-schemas.js';
import { requestOptionsSchema } from '../../../packages/core/src/validation/request-options.js';
import { createRestCardIssuer } from '../../../packages/rest-dialect/src/rest-card-issuer.js';
import {
  binsListExample as binsList,
  createdCardExample as createdCard,
} from '../../../packages/rest-dialect/src/test-support/dialect-wire-examples.js';

/* The call's contract across its layers (issue 12, point 4): the verdict is a typed field, the options and the input
 * are checked once, and the deadline is fixed once, where the call enters the library. */

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  vi.restoreAllMocks();
  nock.cleanAll();
  nock.enableNetConnect();
});

/** A REST-dialect issuer on the real pipeline, answering over nock. */
function acmeOverNock() {
  const { client } = createTestClient();
  return createRestCardIssuer({ provider: 'acme', capabilities: fullMemoryCapabilities, http: client });
}

const byCriteria = { bin: { network: 'visa' as const }, amount: usd(50) };

describe('the verdict: CardGatewayError.outcome', () => {
  it('is a typed, enumerable field the pipeline sets when the call ends, printed with the error', async () => {
    const issuer = acmeOverNock();
    mockSequence('post', /^\/v1\/cards\/card_1\/fund/, [[500], [500], [500], [500]]);
    const error = await issuer.cards
      .fund('acme:card_1', { amount: usd(5) }, { maxRetries: 1 })
      .catch((caught: unknown) => caught);
    expect(AmbiguousOutcomeError.isInstance(error)).toBe(true);
    const outcome: 'not_sent' | 'unknown' | 'settled' | undefined = (error as CardGatewayError).outcome;
    expect(outcome).toBe('unknown');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: 'ambiguous_outcome', outcome: 'unknown' });
    await issuer.close();
  });

  it('is set where the verdict is known at construction (the composite, an open circuit), undefined elsewhere', () => {
    const open = new ProviderUnavailableError('skipped', { provider: 'alpha', outcome: 'not_sent' });
    expect(open.outcome).toBe('not_sent');
    expect(new TimeoutError('slow').outcome).toBeUndefined();
  });

  it('is read by outcomeOf from another installed copy of the package, old or new', () => {
    const newer = { [Symbol.for('cardgw.error')]: true, code: 'timeout', outcome: 'settled' };
    const older = { [Symbol.for('cardgw.error')]: true, [Symbol.for('cardgw.outcome')]: 'not_sent' };
    expect(outcomeOf(newer)).toBe('settled');
    expect(outcomeOf(older)).toBe('not_sent');
    expect(outcomeOf({ outcome: 'settled' })).toBeUndefined();
    expect(outcomeOf({ [Symbol.for('cardgw.error')]: true, outcome: 'maybe' })).toBeUndefined();
  });
});

describe('checked once per call', () => {
  it('checks the options and the input of cards.create once, through the composite, the adapter, its BIN lookup and POST', async () => {
    const issuer = acmeOverNock();
    const gateway = createFailoverIssuer([issuer, createMemoryIssuer({ provider: 'beta' })]);
    const lookup = mockSequence('get', '/v1/bins', [[200, binsList]]);
    const post = mockSequence('post', '/v1/cards', [[200, createdCard]]);
    const optionChecks = vi.spyOn(requestOptionsSchema, 'safeParse');
    const inputChecks = vi.spyOn(createCardSchema, 'safeParse');
    const card = await gateway.cards.create(byCriteria, { timeoutMs: 5_000, idempotencyKey: 'contract-once-1' });
    expect(card.provider).toBe('acme');
    expect(lookup.recorded).toHaveLength(1);
    expect(post.recorded).toHaveLength(1);
    expect(optionChecks).toHaveBeenCalledTimes(1);
    expect(inputChecks).toHaveBeenCalledTimes(1);
    await gateway.close();
  });

  it('checks them once when the adapter is called alone, and still refuses bad options before any request', async () => {
    const issuer = acmeOverNock();
    const lookup = mockSequence('get', '/v1/bins', [
      [200, binsList],
      [200, binsList],
    ]);
    mockSequence('post', '/v1/cards', [[200, createdCard]]);
    const optionChecks = vi.spyOn(requestOptionsSchema, 'safeParse');
    await issuer.cards.create(byCriteria, { timeoutMs: 5_000 });
    expect(optionChecks).toHaveBeenCalledTimes(1);
    const refused = (await issuer.cards
      .create(byCriteria, { timeoutMs: -1 } as never)
      .catch((caught: unknown) => caught)) as CardGatewayError;
    expect(refused).toMatchObject({ code: 'invalid_request' });
    expect(refused.message).toContain('timeoutMs');
    expect(lookup.recorded).toHaveLength(1);
    await issuer.close();
  });
});

describe('one deadline', () => {
  it('counts the time the composite spent before the adapter: a deadline spent in the ledger sends nothing', async () => {
    const memoryLedger = createMemoryCreationKeyLedger();
    // A shared ledger slower than the whole call: the time is the call's, whichever layer spent it.
    const slowLedger: CreationKeyLedger = {
      ...memoryLedger,
      claim: async (key, holder) => {
        await new Promise((resolve) => setTimeout(resolve, 600));
        return memoryLedger.claim(key, holder);
      },
    };
    const issuer = acmeOverNock();
    const gateway = createFailoverIssuer([issuer], { ledger: slowLedger });
    const post = mockSequence('post', '/v1/cards', [[200, createdCard]]);
    const error = await gateway.cards
      .create({ binId: '491653', amount: usd(50) }, { timeoutMs: 500 })
      .catch((caught: unknown) => caught as CardGatewayError);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'timeout', outcome: 'not_sent' });
    expect(post.recorded).toHaveLength(0);
    await gateway.close();
  });
});
