import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cents,
  decimalToMinorUnits,
  formatMoney,
  MoneyConversionError,
  moneyFromDecimal,
  moneyToDecimal,
  usd,
} from './money.js';

describe('Money', () => {
  it('converts provider float dollars to exact integer cents', () => {
    expect(moneyFromDecimal(487.5)).toEqual({ amount: 48_750, currency: 'USD' });
    expect(moneyFromDecimal(-12.5).amount).toBe(-1250);
    expect(moneyFromDecimal(9.99).amount).toBe(999);
    expect(moneyFromDecimal(0.29).amount).toBe(29); // 0.29 * 100 is 28.999999999999996 as a float
    expect(moneyFromDecimal(1312.5).amount).toBe(131_250);
    expect(moneyFromDecimal('5000.00').amount).toBe(500_000);
  });

  it('treats 0.1 + 0.2 as the 30 cents it stands for', () => {
    expect(decimalToMinorUnits(0.1 + 0.2)).toBe(30);
  });

  it('round-trips every cent value from 0 to $100 through the wire representation', () => {
    for (let amount = 0; amount <= 10_000; amount++) {
      expect(moneyFromDecimal(moneyToDecimal(cents(amount))).amount).toBe(amount);
      expect(moneyFromDecimal(JSON.parse(JSON.stringify(moneyToDecimal(cents(amount))))).amount).toBe(amount);
    }
  });

  it('refuses a third decimal instead of rounding it away', () => {
    expect(() => usd(1.005)).toThrow(MoneyConversionError);
    expect(() => moneyFromDecimal('12.345')).toThrow(MoneyConversionError);
  });

  it('refuses non-numbers and non-finite values', () => {
    expect(() => moneyFromDecimal(Number.NaN)).toThrow(MoneyConversionError);
    expect(() => moneyFromDecimal(Number.POSITIVE_INFINITY)).toThrow(MoneyConversionError);
    expect(() => moneyFromDecimal('12,50')).toThrow(MoneyConversionError);
    expect(() => cents(1.5)).toThrow(MoneyConversionError);
  });

  it('never produces negative zero', () => {
    expect(Object.is(moneyFromDecimal(-0).amount, -0)).toBe(false);
  });

  it('formats dollars with thousands separators and a sign', () => {
    expect(formatMoney(cents(131_250))).toBe('$1,312.50');
    expect(formatMoney(cents(-1250))).toBe('-$12.50');
    expect(formatMoney(cents(5))).toBe('$0.05');
  });
});

describe('Money conversion properties', () => {
  it('converts every cent value exactly, at any magnitude a wallet can reach', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (minor) => {
        expect(moneyFromDecimal(minor / 100).amount).toBe(minor);
        expect(moneyFromDecimal(JSON.parse(JSON.stringify(minor / 100))).amount).toBe(minor);
      }),
    );
  });

  it('refuses a real third decimal at any magnitude, above $5,000 too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 1, max: 9 }), (minor, thousandth) => {
        const value = (minor * 10 + thousandth) / 1000;
        expect(() => moneyFromDecimal(value)).toThrow(MoneyConversionError);
        expect(() =>
          moneyFromDecimal(`${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}${thousandth}`),
        ).toThrow(MoneyConversionError);
      }),
    );
    expect(() => moneyFromDecimal(10_000.001)).toThrow(MoneyConversionError);
    expect(() => moneyFromDecimal('99999.999')).toThrow(MoneyConversionError);
  });

  it('parses decimal strings with integer arithmetic', () => {
    expect(moneyFromDecimal('0.1').amount).toBe(10);
    expect(moneyFromDecimal('-12.5').amount).toBe(-1250);
    expect(moneyFromDecimal('90071992547409.91').amount).toBe(9_007_199_254_740_991);
    expect(() => moneyFromDecimal('999999999999999.99')).toThrow(MoneyConversionError);
  });
});
