import { describe, expect, it } from 'vitest';
import { cents, usd } from '../domain/money.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import {
  cardListSchema,
  createCardSchema,
  fundSchema,
  insecureWebhookSchema,
  secureWebhookSchema,
  transactionListSchema,
  updateCardSchema,
} from './input-schemas.js';
import { parseInput } from './parse-input.js';

function rejection(schema: Parameters<typeof parseInput>[0], input: unknown): InvalidRequestError {
  try {
    parseInput(schema, input, 'test.op');
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('input validation', () => {
  it('accepts a documented card creation', () => {
    const input = {
      binId: '491653',
      amount: usd(500),
      label: 'Meta Ads Campaign #12',
      spendingLimit: usd(2000),
      allowedCategories: ['advertising'],
      metadata: { campaign: 'spring_2026' },
    };
    expect(parseInput(createCardSchema, input, 'cards.create')).toEqual(input);
  });

  it('accepts criteria instead of a BIN id', () => {
    expect(parseInput(createCardSchema, { bin: { network: 'visa' }, amount: usd(10) }, 'cards.create')).toEqual({
      bin: { network: 'visa' },
      amount: usd(10),
    });
  });

  it('names the bad field of a card creation, not the BIN rule', () => {
    const error = rejection(createCardSchema, { binId: '491653', amount: 12.5 });
    expect(error.issues.map((issue) => issue.field)).toEqual(['amount']);
    expect(error.message).toContain('must be Money');
  });

  it.each([
    ['below $1.00', cents(99), 'must be between $1.00 and $5,000.00'],
    ['above $5,000.00', cents(500_001), 'must be between $1.00 and $5,000.00'],
    ['fractional cents', { amount: 10.5, currency: 'USD' }, 'integer'],
    ['a bare number', 500, 'must be Money'],
    ['another currency', { amount: 100, currency: 'EUR' }, "'USD'"],
  ])('refuses an amount %s, naming the field and the rule', (_, amount, rule) => {
    const error = rejection(fundSchema, { amount });
    expect(error.message).toContain('test.op');
    expect(error.issues[0]?.field).toMatch(/^amount/);
    expect(error.message).toContain(rule);
  });

  it('refuses a label over 64 characters', () => {
    const error = rejection(createCardSchema, { binId: '491653', amount: usd(5), label: 'x'.repeat(65) });
    expect(error.message).toContain('at most 64 characters');
  });

  it('refuses more than 20 metadata keys and prototype-pollution keys', () => {
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`k${index}`, 'v']));
    expect(rejection(updateCardSchema, { metadata: many }).message).toContain('at most 20 keys');
    const polluted = JSON.parse('{"__proto__": {"admin": true}}');
    expect(rejection(updateCardSchema, { metadata: polluted }).message).toContain('__proto__');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses both or neither of binId and bin', () => {
    expect(() => parseInput(createCardSchema, { amount: usd(5) }, 'cards.create')).toThrow(InvalidRequestError);
    expect(() =>
      parseInput(createCardSchema, { binId: '491653', bin: { network: 'visa' }, amount: usd(5) }, 'cards.create'),
    ).toThrow(InvalidRequestError);
  });

  it('refuses unknown fields rather than dropping them', () => {
    expect(rejection(fundSchema, { amount: usd(5), amnt: 5 }).message).toContain('unknown field');
  });

  it('bounds per_page to 1–100 and pages to positive integers', () => {
    expect(rejection(cardListSchema, { perPage: 101 }).message).toContain('between 1 and 100');
    expect(() => parseInput(cardListSchema, { perPage: 0 }, 'x')).toThrow(InvalidRequestError);
    expect(() => parseInput(cardListSchema, { page: 1.5 }, 'x')).toThrow(InvalidRequestError);
  });

  it('checks ISO dates, their order and amount ranges', () => {
    expect(() => parseInput(transactionListSchema, { from: 'yesterday' }, 'x')).toThrow(InvalidRequestError);
    expect(() => parseInput(transactionListSchema, { from: '2026-02-30' }, 'x')).toThrow(InvalidRequestError);
    expect(rejection(transactionListSchema, { from: '2026-05-01', to: '2026-04-01' }).message).toContain('after');
    expect(() => parseInput(transactionListSchema, { minAmount: usd(10), maxAmount: usd(5) }, 'x')).toThrow(
      InvalidRequestError,
    );
    expect(parseInput(transactionListSchema, { from: '2026-04-15T14:32:00Z' }, 'x')).toEqual({
      from: '2026-04-15T14:32:00Z',
    });
  });

  it('refuses bad enums and ids', () => {
    expect(() => parseInput(cardListSchema, { status: 'pending_top_up' }, 'x')).toThrow(InvalidRequestError);
    expect(() => parseInput(transactionListSchema, { cardId: 'card_1' }, 'x')).toThrow(InvalidRequestError);
    expect(() => parseInput(transactionListSchema, { type: 'chargeback' }, 'x')).toThrow(InvalidRequestError);
  });

  it('takes HTTPS webhook URLs only for real providers, and known event names or *', () => {
    expect(parseInput(secureWebhookSchema, { url: 'https://app.example/hooks', events: ['*'] }, 'x')).toEqual({
      url: 'https://app.example/hooks',
      events: ['*'],
    });
    expect(rejection(secureWebhookSchema, { url: 'http://app.example/hooks', events: ['*'] }).message).toContain(
      'HTTPS',
    );
    expect(parseInput(insecureWebhookSchema, { url: 'http://127.0.0.1:9/hooks', events: ['*'] }, 'x').url).toBe(
      'http://127.0.0.1:9/hooks',
    );
    expect(() =>
      parseInput(secureWebhookSchema, { url: 'https://app.example/h', events: ['card.exploded'] }, 'x'),
    ).toThrow(InvalidRequestError);
    expect(() => parseInput(secureWebhookSchema, { url: 'https://app.example/h', events: [] }, 'x')).toThrow(
      InvalidRequestError,
    );
  });

  it('never echoes the offending value (it may be a secret)', () => {
    const error = rejection(secureWebhookSchema, {
      url: 'https://app.example/h',
      events: ['*'],
      secret: 'short-secret',
    });
    expect(error.message).not.toContain('short-secret');
    expect(JSON.stringify(error)).not.toContain('short-secret');
  });

  it('turns a non-object input into a typed error, not a TypeError', () => {
    expect(() => parseInput(fundSchema, 'fifty dollars', 'cards.fund')).toThrow(InvalidRequestError);
    expect(() => parseInput(fundSchema, null, 'cards.fund')).toThrow(InvalidRequestError);
  });
});
