import { cents, type Money } from '@cardgw/core';
import { decimalToMinorUnits } from '@cardgw/core/provider-utils';
import { InvalidArgumentError } from 'commander';

/*
 * Parsers for commander arguments and options. A malformed value is an InvalidArgumentError, which commander reports
 * as a usage error (exit code 2) before any provider is contacted; the provider's own bounds are checked by the
 * library (InvalidRequestError, exit code 4).
 */

/** `12.50`, `12.5` or `200` dollars → Money in integer cents, with integer arithmetic only (never a float). */
export function parseDollars(value: string): Money {
  try {
    return cents(decimalToMinorUnits(value));
  } catch {
    throw new InvalidArgumentError('expected a dollar amount with at most two decimals, like 200 or 12.50');
  }
}

/** A whole number from 1 up. */
export function parsePositiveInteger(value: string): number {
  if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < 1) {
    throw new InvalidArgumentError('expected a whole number from 1 up');
  }
  return Number(value);
}

/** A TCP port, 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value.trim()) || port > 65_535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535');
  }
  return port;
}

/** `2026-01-31` or a full ISO 8601 date-time; passed on as given (the library checks the form again). */
export function parseIsoDate(value: string): string {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed) || Number.isNaN(Date.parse(trimmed))) {
    throw new InvalidArgumentError('expected an ISO 8601 date like 2026-01-31 or 2026-01-31T12:00:00Z');
  }
  return trimmed;
}

/** A comma-separated list: `meta_ads,google_ads` → `['meta_ads', 'google_ads']` (empty items dropped). */
export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** An environment variable's name: letters, digits and underscores, not starting with a digit. */
export function parseVariableName(value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new InvalidArgumentError('expected an environment variable name (letters, digits, underscores)');
  }
  return value;
}
