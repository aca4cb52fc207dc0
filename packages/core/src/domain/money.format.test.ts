import { describe, expect, it } from 'vitest';
import { formatMoney, MoneyConversionError, usd } from './money.js';

// A user coming from a provider's SDK still holds dollar numbers: formatMoney(500) printed "$NaN.NaN".
const notMoney: readonly [string, unknown][] = [
  ['a dollar number', 500],
  ['a string', '$5.00'],
  ['undefined', undefined],
  ['null', null],
  ['an object without amount', { currency: 'USD' }],
  ['fractional cents', { amount: 12.5, currency: 'USD' }],
  ['NaN cents', { amount: Number.NaN, currency: 'USD' }],
  ['cents as a string', { amount: '1250', currency: 'USD' }],
];

describe('formatMoney given something that is not Money', () => {
  it.each(notMoney)('%s is a MoneyConversionError, never "$NaN.NaN"', (_label, value) => {
    expect(() => formatMoney(value as never)).toThrow(MoneyConversionError);
    expect(() => formatMoney(value as never)).toThrow(/Money/);
  });

  it('still formats Money', () => {
    expect(formatMoney(usd(1312.5))).toBe('$1,312.50');
    expect(formatMoney(usd(-12.5))).toBe('-$12.50');
  });
});
