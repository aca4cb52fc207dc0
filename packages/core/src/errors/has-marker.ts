/**
 * Whether `value` carries the `Symbol.for` marker `symbol`: how cardgw tells its own objects apart, even those of
 * another installed copy of the package (`instanceof` would not).
 * @internal
 */
export function hasMarker(value: unknown, symbol: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[symbol] === true;
}
