import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { describe, expect, it } from 'vitest';
import { usd } from '../../../packages/core/src/domain/money.js';
import { InvalidRequestError } from '../../../packages/core/src/errors/index.js';

// zod's own wording ("Invalid option: expected one of …", capitalised, mid-message) leaked into call errors.
describe('an enum filter with a typo', () => {
  it('says which values it must be, in the library wording', async () => {
    const issuer = createMemoryIssuer({ walletBalance: usd(100) });
    const error = await Promise.resolve()
      .then(() => issuer.cards.list({ status: 'Frozen' as never }))
      .catch((caught) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.message).not.toMatch(/Invalid (option|input)/);
    expect(error.message).toMatch(/status must be one of "active"\|"frozen"\|"terminated"/);
  });
});
