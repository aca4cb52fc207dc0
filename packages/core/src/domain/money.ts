/**
 * Money is an integer number of minor units (cents) and a currency. Core never does float arithmetic on money:
 * providers speak float dollars, and adapters convert exactly at the boundary with `moneyFromDecimal`.
 */
export interface Money {
  /** Integer minor units: `1250` is $12.50. */
  readonly amount: number;
  readonly currency: 'USD';
}

/** The only currency the documented providers speak. */
export type Currency = Money['currency'];

/**
 * Thrown by the money helpers for a value that is not an exact number of cents (a third decimal, NaN, out of range).
 */
export class MoneyConversionError extends RangeError {
  override readonly name = 'MoneyConversionError';
}

/** Money from integer cents: `cents(1250)` is $12.50. */
export function cents(amount: number): Money {
  if (!Number.isSafeInteger(amount)) throw new MoneyConversionError(`cents must be a safe integer, got ${amount}`);
  return { amount, currency: 'USD' };
}

/** Money from a dollar amount with at most two decimals: `usd(12.5)` is 1250 cents; `usd(1.005)` throws. */
export function usd(dollars: number): Money {
  return cents(decimalToMinorUnits(dollars));
}

/**
 * Converts a decimal dollar amount (a JSON number such as `487.5` or a string such as `"487.50"`) to integer cents
 * exactly. A float like `0.1 + 0.2` (0.30000000000000004) is the nearest double to 0.30 and converts to 30; a value
 * with a real third decimal (`1.005` as written) is refused rather than silently rounded.
 */
export function decimalToMinorUnits(value: number | string): number {
  if (typeof value === 'string') return decimalStringToMinorUnits(value);
  if (!Number.isFinite(value)) throw new MoneyConversionError(`not a finite amount: ${String(value)}`);
  const scaled = value * 100;
  const minor = Math.round(scaled);
  // A double holding a 2-decimal value is off by a few ulps once scaled; a real third decimal is off by ≥ 0.001 cent.
  const tolerance = Math.max(1e-9, Math.abs(scaled) * 8 * Number.EPSILON);
  if (Math.abs(scaled - minor) > tolerance) {
    throw new MoneyConversionError(`amount has more than two decimals: ${String(value)}`);
  }
  if (!Number.isSafeInteger(minor)) throw new MoneyConversionError(`amount out of range: ${String(value)}`);
  return minor === 0 ? 0 : minor; // never -0
}

/** `"487.50"` → 48750 with integer arithmetic only: a decimal string never goes through a float. */
function decimalStringToMinorUnits(text: string): number {
  const match = /^(-?)(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new MoneyConversionError(`not a decimal amount with at most two decimals: "${text}"`);
  const [, sign, whole, fraction = ''] = match;
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) throw new MoneyConversionError(`amount out of range: "${text}"`);
  return sign === '-' && minor !== 0 ? -minor : minor;
}

/** Money from a provider's float dollars (`487.50`). Throws `MoneyConversionError` on a non-cent value. */
export function moneyFromDecimal(value: number | string): Money {
  return cents(decimalToMinorUnits(value));
}

/** The dollar number a provider expects on the wire: `usd(12.5)` → `12.5`. Exact: cents / 100 is the nearest double. */
export function moneyToDecimal(money: Money): number {
  return money.amount / 100;
}

/**
 * `$1,312.50`, `-$12.50`. Throws `MoneyConversionError` for anything but Money in integer cents (a dollar number from
 * a provider's SDK, a string), which would otherwise print `$NaN.NaN`.
 */
export function formatMoney(money: Money): string {
  const amount: unknown = typeof money === 'object' && money !== null ? money.amount : undefined;
  if (!Number.isSafeInteger(amount)) {
    throw new MoneyConversionError(
      'formatMoney takes Money in integer cents, like usd(12.5) or { amount: 1250, currency: "USD" }, not a number or a string.',
    );
  }
  const sign = money.amount < 0 ? '-' : '';
  const absolute = Math.abs(money.amount);
  const dollars = Math.trunc(absolute / 100).toLocaleString('en-US');
  const remainder = String(absolute % 100).padStart(2, '0');
  return `${sign}$${dollars}.${remainder}`;
}

/** The sum of two amounts, in integer cents. Throws `MoneyConversionError` past `Number.MAX_SAFE_INTEGER` cents. */
export function addMoney(left: Money, right: Money): Money {
  return cents(left.amount + right.amount);
}

/** `left` minus `right`, in integer cents (may be negative). */
export function subtractMoney(left: Money, right: Money): Money {
  return cents(left.amount - right.amount);
}

/** Whether a value is a `Money`: an object with a safe-integer `amount` and the currency `USD`. */
export function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isSafeInteger((value as Money).amount) &&
    (value as Money).currency === 'USD'
  );
}

/** $0.00. */
export const zeroUsd: Money = Object.freeze({ amount: 0, currency: 'USD' });
