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
