import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { describe, expect, it } from 'vitest';
import { usd } from '../../../packages/core/src/domain/money.js';
import { InvalidRequestError } from '../../../packages/core/src/errors/index.js';

// The providers' pages show BIN ids as digits (491653): a number there was refused as "binId Invalid input".
const wrongBinIds: readonly [string, unknown][] = [
  ['a number', 491653],
  ['an id with a space', '491 653'],
  ['null', null],
];

describe('cards.create with a malformed binId', () => {
  it.each(wrongBinIds)('%s says what a BIN id must be', async (_label, binId) => {
    const issuer = createMemoryIssuer({ walletBalance: usd(100) });
    const error = await issuer.cards.create({ binId: binId as never, amount: usd(5) }).catch((caught) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.message).not.toMatch(/Invalid input/);
    expect(error.message).toMatch(/binId must be a BIN id like 491653/);
  });
});
