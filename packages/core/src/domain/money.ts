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

/** A plain JS number carries ~15.9 significant digits, so cent values beyond this are refused, not rounded. */
const maximumMinorUnits = Number.MAX_SAFE_INTEGER;

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
  const dollars = typeof value === 'string' ? parseDecimalString(value) : value;
  if (!Number.isFinite(dollars)) throw new MoneyConversionError(`not a finite amount: ${String(value)}`);
  const scaled = dollars * 100;
  const minor = Math.round(scaled);
  // Doubles near a 2-decimal value differ from it by far less than 1e-6 cents; anything larger is a real fraction.
  if (Math.abs(scaled - minor) > 1e-6 * Math.max(1, Math.abs(scaled)) || !Number.isSafeInteger(minor)) {
    throw new MoneyConversionError(`amount has more than two decimals or is out of range: ${String(value)}`);
  }
  if (Math.abs(minor) > maximumMinorUnits) throw new MoneyConversionError(`amount out of range: ${String(value)}`);
  return minor === 0 ? 0 : minor; // never -0
}

function parseDecimalString(text: string): number {
  if (!/^-?\d{1,15}(\.\d+)?$/.test(text.trim())) throw new MoneyConversionError(`not a decimal amount: "${text}"`);
  return Number(text);
}

/** Money from a provider's float dollars (`487.50`). Throws `MoneyConversionError` on a non-cent value. */
export function moneyFromDecimal(value: number | string): Money {
  return cents(decimalToMinorUnits(value));
}

/** The dollar number a provider expects on the wire: `usd(12.5)` → `12.5`. Exact: cents / 100 is the nearest double. */
export function moneyToDecimal(money: Money): number {
  return money.amount / 100;
}

/** `$1,312.50`, `-$12.50`. */
export function formatMoney(money: Money): string {
  const sign = money.amount < 0 ? '-' : '';
  const absolute = Math.abs(money.amount);
  const dollars = Math.trunc(absolute / 100).toLocaleString('en-US');
  const remainder = String(absolute % 100).padStart(2, '0');
  return `${sign}$${dollars}.${remainder}`;
}

export function addMoney(left: Money, right: Money): Money {
  return cents(left.amount + right.amount);
}

export function subtractMoney(left: Money, right: Money): Money {
  return cents(left.amount - right.amount);
}

export function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isSafeInteger((value as Money).amount) &&
    (value as Money).currency === 'USD'
  );
}

export const zeroUsd: Money = Object.freeze({ amount: 0, currency: 'USD' });
